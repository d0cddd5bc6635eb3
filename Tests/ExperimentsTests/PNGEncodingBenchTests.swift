import Foundation
import Testing
import Plot
@testable import Experiments

@Test func thePNGMeasurementReportsEverySettingOnTheFiguresOfAFolder() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("png-bench-\(UUID().uuidString)")
    let figures = root.appendingPathComponent("lesson").appendingPathComponent("figures")
    try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try Gallery.items[0].figure.write(to: figures.appendingPathComponent("a.png"), scale: 1)
    try Gallery.items[0].figure.write(to: root.appendingPathComponent("not-a-figure.png"), scale: 1)

    #expect(try PNGEncodingBench.lessonImages(under: root).count == 1)
    let results = try PNGEncodingBench.results(repeats: 1, figures: root)
    #expect(results.map(\.impl) == ["own/none", "zlib-1/none", "zlib-6/none", "zlib-rle/none",
                                      "own/sub-up", "zlib-1/sub-up", "zlib-6/sub-up", "zlib-rle/sub-up"])
    #expect(results.allSatisfy { $0.workload == "PNG" && $0.check > 0 })
    // The standard setting reproduces the bytes figures are written with.
    let written = try Data(contentsOf: figures.appendingPathComponent("a.png")).count
    let standard = try #require(results.first { $0.impl == "\(PNGCompression.standard)/\(PNGRowFilter.standard)" })
    #expect(standard.check == Double(written))
}

@Test func theMarkerMeasurementComparesPathsAndStampsOnW4sFigures() throws {
    let results = try MarkerRasterizationBench.results(repeats: 1)
    #expect(results.map(\.impl) == ["paths", "stamps"])
    #expect(results.allSatisfy { $0.workload == "MARKERS" && $0.seconds > 0 })
    #expect(results[0].check == 0)
    // Stamps change only the antialiased rims: well under one level in 255 on average.
    #expect(results[1].check > 0 && results[1].check < 1, "\(results[1].check)")
}

@Test func thePNGMeasurementSaysWhenAFolderHasNoFigures() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("png-bench-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: BenchError.self) { try PNGEncodingBench.results(repeats: 1, figures: root) }
}
