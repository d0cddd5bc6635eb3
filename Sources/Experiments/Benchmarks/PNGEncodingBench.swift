import Foundation
import Plot

/// The PNG measurement (`lessonbook bench --only PNG`): the same figures' pixels encoded
/// with each setting of `PNGCompression.compared` (the plotter's own DEFLATE, zlib level 1,
/// level 6 and `Z_RLE`), each after each `PNGRowFilter` (none, or Sub/Up). One line per
/// pair: `impl` names it (`zlib-1/none`), `seconds` is the median over repeats of
/// encoding every image once on one core, `check` the total bytes of the PNG files. The images are W4's four figures, or every
/// PNG in a `figures` folder under a folder given (`--figures output`: the lessons' own
/// figures as the last render drew them).
public enum PNGEncodingBench {
    /// The workload's name in `--only`.
    public static let name = "PNG"

    public static func results(repeats: Int, figures folder: URL?) throws -> [BenchResult] {
        let images = try folder.map(lessonImages) ?? FigureRenderingBench.makeFigures().map {
            try $0.1.layout().image(scale: 800.0 / 576.0)
        }
        guard !images.isEmpty else {
            throw BenchError("no PNG files in a `figures` folder under \(folder?.path ?? "."); expected a rendered output folder such as `output`")
        }
        let filters: [PNGRowFilter] = [.none, .subOrUp]
        return filters.flatMap { filter in
            PNGCompression.compared.map { compression in
                var bytes = 0
                let times = (0..<max(1, repeats)).map { _ in
                    Benchmarks.time { bytes = images.reduce(0) { $0 + $1.pngData(filter: filter, compression: compression).count } }
                }
                return BenchResult(workload: name, impl: "\(compression)/\(filter)", seconds: Benchmarks.median(times),
                                   repeats: max(1, repeats), check: Double(bytes))
            }
        }
    }

    /// Every `*.png` inside a folder named `figures` below `root`, in path order.
    static func lessonImages(under root: URL) throws -> [PNGImage] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        let paths = walker.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "png" && $0.deletingLastPathComponent().lastPathComponent == "figures" }
            .map(\.path).sorted()
        return try paths.map { try PNGImage(contentsOf: URL(fileURLWithPath: $0)) }
    }
}

/// A benchmark that cannot run as asked; the message says what was expected.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
