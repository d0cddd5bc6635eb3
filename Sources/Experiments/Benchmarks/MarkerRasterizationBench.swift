import Foundation
import Plot

/// The marker measurement (`lessonbook bench --only MARKERS`): W4's four figures (5,600
/// scatter markers) drawn into memory at W4's 800 × 600 pixels with each
/// `MarkerRasterization`, on one core and without encoding. One line per way: `impl`
/// names it, `seconds` is the median over repeats of drawing the four figures once, and
/// `check` is the mean absolute difference per colour channel (0 to 255) from the
/// `.paths` drawing, so the line says what the speed costs in pixels.
public enum MarkerRasterizationBench {
    /// The workload's name in `--only`.
    public static let name = "MARKERS"

    public static func results(repeats: Int) throws -> [BenchResult] {
        let lists = try FigureRenderingBench.makeFigures().map { try $0.1.layout() }
        let scale = 800.0 / 576.0
        let reference = try lists.map { try $0.image(scale: scale, markers: .paths) }
        return try [MarkerRasterization.paths, .stamps].map { way in
            var images: [PNGImage] = []
            var times: [Double] = []
            for _ in 0..<max(1, repeats) {
                times.append(try Benchmarks.time { images = try lists.map { try $0.image(scale: scale, markers: way) } })
            }
            return BenchResult(workload: name, impl: way.description, seconds: Benchmarks.median(times),
                               repeats: max(1, repeats), check: meanChannelDifference(images, reference))
        }
    }

    /// Mean of |a − b| over every red, green and blue byte of matching images.
    static func meanChannelDifference(_ a: [PNGImage], _ b: [PNGImage]) -> Double {
        var total = 0, count = 0
        for (x, y) in zip(a, b) {
            for (p, q) in zip(x.pixels, y.pixels) {
                for shift in [0, 8, 16] as [UInt32] {
                    total += abs(Int((p >> shift) & 0xFF) - Int((q >> shift) & 0xFF))
                }
                count += 3
            }
        }
        return count == 0 ? 0 : Double(total) / Double(count)
    }
}
