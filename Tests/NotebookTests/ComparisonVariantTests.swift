import Foundation
import Testing
@testable import Notebook

@Test func variantsSplitTheirOverridesAtCommasOutsideBrackets() throws {
    let variant = try Variant("wide:spiral.hidden=[8, 8],spiral.epochs=500, spiral.name='a,b'")
    #expect(variant.name == "wide")
    #expect(variant.overrides.map(\.target) == ["spiral.hidden", "spiral.epochs", "spiral.name"])
    #expect(variant.overrides[0].value == .array([.int(8), .int(8)]))
    #expect(variant.overrides[2].value == .string("a,b"))
    let bare = try Variant("baseline")
    #expect(bare.name == "baseline" && bare.overrides.isEmpty)
    #expect(try Variant("same:").overrides.isEmpty)
}

@Test(arguments: [
    (":spiral.epochs=3", "the variant has no name"),
    ("two words:spiral.epochs=3", "the variant name `two words` is not a plain name"),
    ("../up:spiral.epochs=3", "is not a plain name"),
    ("w:spiral", "expected CELL.PARAM=VALUE"),
    ("w:epochs=3", "expected CELL.PARAM before `=`"),
])
func malformedVariantsAreExplained(text: String, message: String) {
    let error = notebookError { _ = try Variant(text) }
    #expect(error?.file == "--variant \(text)")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
}

@Test func variantsAreRenderedIntoTheComparisonAndCompared() throws {
    let workspace = ComparisonWorkspace()
    let lesson = try LessonParser.parse(contentsOf: try workspace.folder.lesson(decayLesson, name: "01-decay.md"), path: "lessons/01-decay.md")
    let variants = try ["base", "faster:slow.rate=0.4"].map(Variant.init)
    let job = try VariantComparison(lesson: lesson, variants: variants, renderer: workspace.renderer())
    let comparison = try job.write(to: workspace.target(), shownFolder: "compare/cmp")
    #expect(comparison.runs.map(\.label) == ["base", "faster"])
    #expect(comparison.settings == [SettingRow(cell: "slow", key: "rate", values: ["0.2", "0.4"])])
    let target = workspace.target()
    let manager = FileManager.default
    #expect(try manager.contentsOfDirectory(atPath: target.appendingPathComponent("runs").path).sorted() == ["base", "faster"])
    let manifest = try CanonicalJSON.decode(RunManifest.self, from: Data(contentsOf: target.appendingPathComponent("runs/faster/run.json")))
    #expect(manifest.overrides == ["slow.rate=0.4"])
    let report = try read(target.appendingPathComponent("report.md"))
    #expect(report.contains("# Comparison: base vs faster"))
    #expect(report.contains("| Folder | `compare/cmp/runs/base` | `compare/cmp/runs/faster` |"))
    // Figures of runs inside the comparison are linked, not copied.
    #expect(report.contains("](runs/faster/figures/slow-curve.png)"))
    #expect(!manager.fileExists(atPath: target.appendingPathComponent("figures/runs").path))
    // Nothing is left of the renders but the runs.
    #expect(try manager.contentsOfDirectory(atPath: target.path).sorted() == ["figures", "metrics.csv", "report.html", "report.md", "runs"])
}

@Test func aVariantNamingAnUnknownCellIsRefusedBeforeAnythingRuns() throws {
    let workspace = ComparisonWorkspace()
    let lesson = try parseDecay(workspace)
    let variants = try ["base", "faster:slo.rate=0.4"].map(Variant.init)
    let error = notebookError { _ = try VariantComparison(lesson: lesson, variants: variants, renderer: workspace.renderer()) }
    #expect(error?.description == "--variant faster:slo.rate=0.4: slo.rate=0.4: no cell `slo` in lessons/01-decay.md; did you mean `slow`? Expected one of: fast, slow, fixed")
    #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("cache").path))
}

@Test func aVariantNamingAnUnknownParameterIsRefused() throws {
    let workspace = ComparisonWorkspace()
    let lesson = try parseDecay(workspace)
    let variants = try ["base", "faster:slow.rte=0.4"].map(Variant.init)
    let error = notebookError { _ = try VariantComparison(lesson: lesson, variants: variants, renderer: workspace.renderer()) }
    #expect(error?.key == "slow.rte")
    #expect(error?.message.contains("unknown parameter of `decay`; did you mean `rate`?") == true)
    #expect(error?.message.hasSuffix("(from --variant faster:slow.rte=0.4)") == true, "\(String(describing: error))")
}

@Test func aVariantWithABadValueIsRefused() throws {
    let workspace = ComparisonWorkspace()
    let lesson = try parseDecay(workspace)
    let variants = try ["base", "faster:slow.steps=many"].map(Variant.init)
    let error = notebookError { _ = try VariantComparison(lesson: lesson, variants: variants, renderer: workspace.renderer()) }
    #expect(error?.message.contains("expected a whole number, found many (from --variant faster:slow.steps=many)") == true, "\(String(describing: error))")
}

@Test func fewerThanTwoVariantsOrARepeatedNameIsRefused() throws {
    let workspace = ComparisonWorkspace()
    let lesson = try parseDecay(workspace)
    let one = notebookError { _ = try VariantComparison(lesson: lesson, variants: [try Variant("a")], renderer: workspace.renderer()) }
    #expect(one?.message.contains("a comparison needs at least two variants, found 1") == true)
    let twice = notebookError {
        _ = try VariantComparison(lesson: lesson, variants: [try Variant("a"), try Variant("a:slow.rate=1")], renderer: workspace.renderer())
    }
    #expect(twice?.message.contains("a second variant named `a`") == true)
}

@Test func aFailedVariantRenderWritesNothing() throws {
    let workspace = ComparisonWorkspace()
    // The claim cannot be evaluated in the second variant: its metric does not exist.
    let broken = decayLesson.replacingOccurrences(of: "  - final.loss < 0.05", with: "  - final.loss < 0.05\n  - nothing.here > 1")
    let lesson = try LessonParser.parse(contentsOf: try workspace.folder.lesson(broken, name: "01-decay.md"), path: "lessons/01-decay.md")
    let job = try VariantComparison(lesson: lesson, variants: try ["a", "b:slow.rate=0.3"].map(Variant.init), renderer: workspace.renderer())
    #expect(notebookError { try job.write(to: workspace.target()) }?.message.contains("unknown metric `nothing.here`") == true)
    #expect(!FileManager.default.fileExists(atPath: workspace.target().path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.target().deletingLastPathComponent().path).isEmpty)
}

private func parseDecay(_ workspace: ComparisonWorkspace) throws -> Lesson {
    try LessonParser.parse(contentsOf: try workspace.folder.lesson(decayLesson, name: "01-decay.md"), path: "lessons/01-decay.md")
}
