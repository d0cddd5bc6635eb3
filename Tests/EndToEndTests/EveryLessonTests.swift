import Foundation
import Notebook
import Testing

/// The lesson files in `lessons/`, read from the folder so that a new lesson is covered
/// without touching the tests.
let lessonFiles: [String] = {
    let folder = CommandRunner.root.appendingPathComponent("lessons")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted()
}()

@Test func theLessonsFolderHoldsLessons() {
    #expect(lessonFiles.count >= 4, "found \(lessonFiles)")
}

/// Every lesson, rendered in quick mode through the binary: no claim fails, every figure
/// and data file the report links exists, and every metric a cell reports (per seed too)
/// is one its kind declares (`lessonbook kinds KIND --json`).
@Test(arguments: lessonFiles)
func everyLessonRendersInQuickModeWithItsClaimsHolding(_ file: String) throws {
    let workspace = try Workspace()
    let lessons = CommandRunner.root.appendingPathComponent("lessons").path
    let result = try workspace.run("render", "\(lessons)/\(file)", "--quick", "--lessons", lessons,
                                   "--out", "out", "--cache", "cache", "--format", "png", "--jobs", "2", "--quiet")
    #expect(result.status == 0, "\(file): \(result.stderr)")
    let outputs = try FileManager.default.contentsOfDirectory(atPath: workspace.file("out").path)
        .filter { !$0.hasPrefix(".") && $0 != "README.md" && $0 != "index.html" }
    let name = try #require(outputs.first, "\(file) wrote no report")
    let folder = workspace.file("out/\(name)")
    let run = try RunFolder(contentsOf: folder)
    #expect(run.manifest.claims.failed == 0, "\(file): \(run.manifest.claims.failed) claims failed")
    #expect(!run.cells.isEmpty)

    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(!report.contains("{{"))
    for part in report.components(separatedBy: "](").dropFirst() {
        let target = String(part.prefix { $0 != ")" })
        guard target.hasPrefix("figures/") || target.hasPrefix("data/") else { continue }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target).path), "\(file): broken link \(target)")
    }

    var declared: [String: [MetricName]] = [:]
    for cell in run.cells {
        if declared[cell.kind] == nil {
            let kinds = try workspace.run("kinds", cell.kind, "--json")
            #expect(kinds.status == 0, "\(kinds.stderr)")
            declared[cell.kind] = try JSONDecoder().decode(KindReference.self, from: Data(kinds.stdout.utf8)).metrics
        }
        let patterns = declared[cell.kind] ?? []
        for metric in cell.metrics.keys.sorted() {
            #expect(patterns.contains { $0.matches(metric) }, "\(file): `\(cell.kind)` reports `\(metric)`, which it does not declare")
        }
        for metric in (cell.samples ?? [:]).keys.sorted() {
            #expect(patterns.contains { $0.sampled && $0.matches(metric) },
                    "\(file): `\(cell.kind)` reports `\(metric)` per seed, which it does not declare as sampled")
        }
    }
}
