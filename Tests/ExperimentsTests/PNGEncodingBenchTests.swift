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
    #expect(results.map(\.impl) == ["own", "zlib-1", "zlib-6", "zlib-rle"])
    #expect(results.allSatisfy { $0.workload == "PNG" && $0.check > 0 })
    // The standard setting reproduces the bytes figures are written with.
    let written = try Data(contentsOf: figures.appendingPathComponent("a.png")).count
    #expect(results[1].check == Double(written))
}

@Test func thePNGMeasurementSaysWhenAFolderHasNoFigures() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("png-bench-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: BenchError.self) { try PNGEncodingBench.results(repeats: 1, figures: root) }
}
