import Foundation
import Testing
@testable import Plot

// The examples of the lesson authors' guide, kept compiling and rendering.

@Test func guideLineChartWithLogAxisAndBand() throws {
    let lr = (0..<30).map { pow(10, -4 + 4 * Double($0) / 29) }
    let meanA = lr.map { 0.3 + 0.1 * pow(log10($0) + 2, 2) }
    let spreadA = lr.map { _ in 0.05 }
    let meanB = lr.map { 0.4 + 0.1 * pow(log10($0) + 1.5, 2) }
    let figure = Figure(title: "Final loss against learning rate η", panel: Panel(
        x: Axis(label: "learning rate η", scale: .log10),
        y: Axis(label: "loss"),
        marks: [
            .band(BandMark(x: lr, mean: meanA, spread: spreadA)),          // takes the colour of the next line
            .line(LineMark(x: lr, y: meanA, label: "Adam, β₁ = 0.9")),
            .line(LineMark(x: lr, y: meanB, label: "SGD", dash: [5, 3])),
            .rule(RuleMark(.vertical, at: 1e-2, label: "default η")),
        ]))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try figure.write(to: [folder.appendingPathComponent("loss.png"), folder.appendingPathComponent("loss.svg")])
    #expect(figure.warnings.isEmpty)
    let list = try figure.layout()
    #expect(list.texts(tagged: "legend.label").map(\.string) == ["Adam, β₁ = 0.9", "SGD"])
    #expect(svgElementCounts(try Data(contentsOf: folder.appendingPathComponent("loss.svg")))?["svg"] == 1)
}

@Test func guideHeatmapWithValuesAndMissingCells() throws {
    let accuracy: [[Double]] = [      // rows: batch sizes, columns: learning rates; NaN = diverged
        [0.91, 0.95, .nan, .nan],
        [0.88, 0.94, 0.96, .nan],
        [0.80, 0.90, 0.95, 0.93],
    ]
    let figure = Figure(title: "Final accuracy", width: 480, height: 300, panel: Panel(
        x: Axis(label: "learning rate η"), y: Axis(label: "batch size"), colorBarLabel: "accuracy",
        marks: [.heatmap(HeatmapMark(values: accuracy, rowLabels: ["8", "32", "128"],
                                     columnLabels: ["0.01", "0.1", "1", "10"],
                                     showValues: true, valueFormat: "%.2f", missingLabel: "diverged"))]))
    let list = try figure.layout()
    #expect(list.texts(tagged: "cell-value").map(\.string).sorted().first == "0.80")
    #expect(list.texts(tagged: "cell-value").count == 9)
    #expect(!list.paths(tagged: "missing").isEmpty)
    #expect(decodePNG(try figure.pngData())?.width == 960)
}

@Test func guideSmallMultiplesOfScatterAndWarpedGrid() throws {
    let xs = [-1.0, 0.5, 1.2, -0.3], ys = [0.2, -1.0, 0.8, 0.4], labels = [0, 1, 1, 0]
    let layers: [(String, (Point) -> Point)] = [
        ("input", { $0 }),
        ("layer 1", { Point(tanh($0.x + 0.5 * $0.y), tanh($0.y - 0.5 * $0.x)) }),
        ("layer 2", { p in let q = Point(tanh(p.x + 0.5 * p.y), tanh(p.y - 0.5 * p.x)); return Point(tanh(2 * q.x), tanh(2 * q.y)) }),
    ]
    let panels = layers.map { title, warp -> Panel in
        let moved = zip(xs, ys).map { warp(Point($0, $1)) }
        return Panel(title: title, x: Axis(label: "h₁"), y: Axis(label: "h₂"), equalAspect: true, marks: [
            .polylines(PolylineMark(gridOver: -2...2, -2...2, lines: 9, color: .gray, warp: warp)),
            .scatter(ScatterMark(x: moved.map(\.x), y: moved.map(\.y), classes: labels, classNames: ["class 0", "class 1"])),
        ])
    }
    let figure = Figure(title: "How layers bend the plane", width: 720, height: 280, columns: 3, panels: panels)
    let list = try figure.layout()
    #expect(list.texts(tagged: "legend.label").map(\.string) == ["class 0", "class 1"])   // one shared legend
}

@Test func guideDecisionRegionPanel() throws {
    let region = RegionMark(xRange: -3...3, yRange: -3...3, resolution: 120) { x, y in
        1 / (1 + exp(-(x * x + y * y - 2)))      // the model's probability of class 1 at (x, y)
    }
    let figure = Figure(title: "Decision regions", width: 420, height: 400, panel: Panel(
        x: Axis(label: "x₁"), y: Axis(label: "x₂"), equalAspect: true,
        marks: [.regions(region), .scatter(ScatterMark(x: [0, 2.5], y: [0, 0.5], classes: [0, 1], classNames: ["inner", "outer"]))]))
    let list = try figure.layout()
    #expect(!list.paths(tagged: "boundary").isEmpty)
}
