import Foundation
import Notebook
import Plot

/// Workload W4 of WORKLOADS.md: four figures (log-x lines, two-class scatter, 100 × 100
/// heatmap, 3 × 3 shared small multiples) rendered to PNG at 800 × 600 pixels and to SVG.
/// Times only the rendering; the check is the total number of bytes written.
enum FigureRenderingBench {
    static let workload = BenchWorkload(name: "W4") { repeats in
        let figures = makeFigures()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lessonbook-w4-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var times: [Double] = []
        var total = 0
        for _ in 0..<max(1, repeats) {
            total = 0
            let seconds = try Benchmarks.time { try render(figures, into: folder) }
            for (name, _) in figures {
                for ext in ["png", "svg"] {
                    let path = folder.appendingPathComponent(name + "." + ext).path
                    total += ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
                }
            }
            times.append(seconds)
        }
        return BenchResult(workload: "W4", seconds: Benchmarks.median(times), repeats: max(1, repeats), check: Double(total))
    }

    /// Renders every figure to PNG (800 × 600 pixels) and SVG through `FigureWriter`, the
    /// path `lessonbook render` writes every cell's figures by (each figure laid out once,
    /// each file its own job on all cores), so W4 times what a render does.
    static func render(_ figures: [(String, Figure)], into folder: URL) throws {
        // 8 × 6 inches at 100 dpi: 576 × 432 points at 800/576 pixels per point.
        try FigureWriter.write(figures.map { (name: $0.0, figure: $0.1) }, formats: ["png", "svg"],
                               scale: 800.0 / 576.0, into: folder)
    }

    /// The four figures of W4, from data generated outside the timed region.
    static func makeFigures() -> [(String, Figure)] {
        var rng = GalleryRandom(seed: 0)
        let x = (0..<1000).map { pow(10, -3 + 3 * Double($0) / 999) }
        let lines: [Mark] = [1.0, 3, 10, 30].map { k in
            .line(LineMark(x: x, y: x.map { exp(-k * $0) + 0.01 * rng.normal() }, label: "k = \(Int(k))"))
        }
        let f1 = Figure(title: "F1 line plot", width: 576, height: 432, panel: Panel(
            x: Axis(label: "learning rate", scale: .log10), y: Axis(label: "loss"), marks: lines))

        let s = Gallery.spiral(perClass: 1000, using: &rng)
        let f2 = Figure(title: "F2 scatter", width: 576, height: 432, panel: Panel(equalAspect: true, marks: [
            .scatter(ScatterMark(x: s.x, y: s.y, size: 3, classes: s.classes, classNames: ["class 0", "class 1"])),
        ]))

        let u = (0..<100).map { -3 + 6 * Double($0) / 99 }
        let grid = u.map { v in u.map { sin($0 * 2) * cos(v * 3) } }
        let f3 = Figure(title: "F3 heatmap", width: 576, height: 432, panel: Panel(marks: [
            .heatmap(HeatmapMark(values: grid, xRange: -3...3, yRange: -3...3, colorMap: .viridis)),
        ]))

        let panels = (0..<9).map { _ -> Panel in
            let p = Gallery.spiral(perClass: 200, using: &rng)
            return Panel(marks: [.scatter(ScatterMark(x: p.x, y: p.y, size: 2))])
        }
        let f4 = Figure(title: "F4 small multiples", width: 576, height: 432, columns: 3, sharing: .both, panels: panels)
        return [("f1", f1), ("f2", f2), ("f3", f3), ("f4", f4)]
    }
}
