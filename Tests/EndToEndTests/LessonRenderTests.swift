import CCairo
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Notebook
import Testing

/// Lesson 01 rendered in quick mode: every file of the output layout, checked.
@Test func lessonOneRendersInQuickModeWithEveryFileOfTheLayout() throws {
    let workspace = try Workspace()
    let lessons = CommandRunner.root.appendingPathComponent("lessons").path
    let arguments = ["render", "width-vs-depth", "--quick", "--lessons", lessons, "--out", "out", "--cache", "cache"]
    let first = try CommandRunner.run(arguments, in: workspace.url)
    #expect(first.status == 0, "\(first.stderr)")
    let folder = workspace.file("out/width-vs-depth")
    let run = try RunFolder(contentsOf: folder)
    #expect(run.manifest.profile == "quick")
    #expect(run.manifest.claims.failed == 0)
    // Cells with the same settings share one cache entry, so only the first must have run.
    #expect(run.manifest.cells.first?.cache == "miss")

    // The numbers of the lecture's example.
    let counts = try #require(run.cells.first { $0.cell == "counts" })
    #expect(counts.metrics["base.with_bias"] == 374)
    #expect(counts.metrics["base.without_bias"] == 340)
    #expect(counts.metrics["wide.with_bias"] == 1144)
    #expect(counts.metrics["wide.without_bias"] == 1080)
    #expect(counts.metrics["deep.with_bias"] == 704)
    #expect(counts.metrics["deep.without_bias"] == 640)
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("374") && report.contains("1,144") && report.contains("704"))
    #expect(!report.contains("{{"))

    // Every figure: a PNG that Cairo decodes, an SVG that parses as XML, both linked from the report.
    var figureCount = 0
    for cell in run.cells {
        for figure in cell.figures {
            for file in figure.files {
                figureCount += 1
                let url = folder.appendingPathComponent(file)
                #expect(FileManager.default.fileExists(atPath: url.path), "missing \(file)")
                if file.hasSuffix(".png") {
                    let surface = cairo_image_surface_create_from_png(url.path)
                    defer { cairo_surface_destroy(surface) }
                    #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, "\(file) does not decode")
                    #expect(cairo_image_surface_get_width(surface) > 100)
                } else if file.hasSuffix(".svg") {
                    let document = try XMLDocument(contentsOf: url)
                    #expect(document.rootElement()?.name == "svg")
                }
            }
        }
        for name in cell.tables.keys {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/\(cell.cell)-\(name).csv").path))
        }
    }
    #expect(figureCount > 0, "lesson 01 drew no figures")
    // Every image and link in the report points at a file that exists.
    var linked = 0
    for part in report.components(separatedBy: "](").dropFirst() {
        let target = String(part.prefix { $0 != ")" })
        guard target.hasPrefix("figures/") || target.hasPrefix("data/") else { continue }
        linked += 1
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target).path), "broken link \(target)")
    }
    #expect(report.contains("![") && linked > 0)
    #expect(FileManager.default.fileExists(atPath: workspace.file("out/README.md").path))

    // A second render comes from the cache, with the same data and SVG bytes.
    func stableFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        where path.hasPrefix("data/") && path.hasSuffix(".json") || path.hasSuffix(".svg") {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }
    let before = try stableFiles()
    let second = try CommandRunner.run(arguments, in: workspace.url)
    #expect(second.status == 0)
    #expect(try RunFolder(contentsOf: folder).manifest.cells.allSatisfy { $0.cache == "hit" })
    #expect(try stableFiles() == before)
    // And a rerun without the cache draws the same bytes again.
    let third = try CommandRunner.run(arguments + ["--no-cache"], in: workspace.url)
    #expect(third.status == 0)
    #expect(try stableFiles() == before)
}
