import Foundation
import Testing
@testable import Notebook

/// A lesson with one cell of `noisy-seeds` and the claim `a > b`; `cellYAML` goes into the cell.
func noisyLesson(_ cellYAML: String, prose: String = "") -> String {
    """
    ---
    title: Noise
    summary: A difference inside the noise, then outside it.
    seed: 3
    ---

    \(prose)

    ```{experiment}
    id: noisy
    run: noisy-seeds
    \(cellYAML)
    expect:
      - a > b
    ```
    """
}

func renderNoisy(_ lesson: String, in folder: TemporaryFolder, quick: Bool = false,
                 overrides: [String] = []) throws -> RenderOutcome {
    try folder.renderer(quick: quick, overrides: overrides).render(lessonAt: try folder.lesson(lesson),
                                                                  path: "lessons/01-demo.md")
}

/// The same claim, the same per-seed values: undecided with 4, 8 and 16 seeds, holds with 32.
@Test(arguments: [(4, ClaimVerdict.undecided), (8, .undecided), (16, .undecided), (32, .holds)])
func aClaimTurnsFromUndecidedToHoldsAsSeedsAreAdded(_ seeds: Int, _ verdict: ClaimVerdict) throws {
    let folder = TemporaryFolder()
    let outcome = try renderNoisy(noisyLesson("with:\n  seeds: \(seeds)"), in: folder)
    let claim = try #require(outcome.manifest.cells.first?.claims.first)
    #expect(claim.verdict == verdict, "\(seeds) seeds: \(claim.intervalText)")
    #expect(claim.intervals.first?.seeds == [seeds])
    #expect(abs((claim.intervals.first?.difference ?? 0) - 0.1) < 1e-12)
    #expect(outcome.manifest.status == (verdict == .holds ? "ok" : "claims-undecided"))
    #expect(outcome.undecidedClaims.count == (verdict == .undecided ? 1 : 0))
    #expect(outcome.failedClaims.isEmpty)
}

@Test func seedsMinMaxAddsSeedsUntilTheClaimIsDecidedAndTrainsOnlyTheNewOnes() throws {
    let folder = TemporaryFolder()
    let outcome = try renderNoisy(noisyLesson("seeds: {min: 4, max: 64}"), in: folder)
    let cell = try #require(outcome.manifest.cells.first)
    #expect(cell.seeds == 32)
    #expect(cell.adaptiveSeeds == AdaptiveSeeds(min: 4, max: 64))
    #expect(cell.claims.first?.verdict == .holds)
    #expect(outcome.manifest.status == "ok")

    let run = try RunFolder(contentsOf: outcome.folder)
    let record = try #require(run.cells.first)
    #expect(record.config["seeds"] == .int(32))
    #expect(record.adaptiveSeeds == AdaptiveSeeds(min: 4, max: 64))
    #expect(record.samples?["a"]?.count == 32)
    // Seeds 0 to 15 were computed by the runs with 4, 8 and 16 seeds; the run with 32
    // computed only the 16 it added.
    #expect(record.metrics["computed"] == 16)

    let report = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("- ✓ `a > b` ("), "\(report)")
    #expect(report.contains("— holds: difference 0.1, 95% interval"))
    #expect(report.contains("(paired t, 32 seeds)"))
    #expect(report.contains("seed 3, 32 seeds (from 4, doubled up to 64 while a claim was undecided)"))
    #expect(report.contains("| `seeds` | 32 |"))
}

@Test func theSeedScheduleIsDeterministicAndASecondRenderReusesEveryRun() throws {
    let lesson = noisyLesson("seeds: {min: 4, max: 64}")
    let first = TemporaryFolder(), second = TemporaryFolder()
    let a = try renderNoisy(lesson, in: first)
    let b = try renderNoisy(lesson, in: second)
    let data = { (outcome: RenderOutcome) in try Data(contentsOf: outcome.folder.appendingPathComponent("data/noisy.json")) }
    #expect(try data(a) == data(b))
    let again = try renderNoisy(lesson, in: first)
    #expect(again.manifest.cells.first?.cache == "hit")
    #expect(again.manifest.cells.first?.seeds == 32)
    #expect(try data(again) == data(a))
}

@Test func aClaimStillUndecidedAtMaxIsReportedAsUndecided() throws {
    let folder = TemporaryFolder()
    let outcome = try renderNoisy(noisyLesson("seeds: {min: 4, max: 16}"), in: folder)
    #expect(outcome.manifest.cells.first?.seeds == 16)
    #expect(outcome.undecidedClaims.count == 1)
    #expect(outcome.manifest.claims == ClaimSummary(passed: 0, failed: 0, undecided: 1))
    let report = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("> ? **1 of 1 claims are undecided**"), "\(report)")
    #expect(report.contains("- ? `a > b` (1.85 > 1.75) — **undecided**: difference 0.1, 95% interval"))
    let html = try String(contentsOf: outcome.folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("<li class=\"claim undecided\">?"))
    #expect(html.contains("<blockquote class=\"claims-summary undecided\">"))
    let index = try String(contentsOf: folder.url.appendingPathComponent("output/README.md"), encoding: .utf8)
    #expect(index.contains("| ? 1 of 1 claims undecided |"), "\(index)")
    let manifest = try String(contentsOf: outcome.folder.appendingPathComponent("run.json"), encoding: .utf8)
    #expect(manifest.contains("\"undecided\" : 1") && manifest.contains("\"verdict\" : \"undecided\""))
}

@Test func aFixedCountReplacesTheRangeFromSetOrTheCellsQuickSettings() throws {
    let folder = TemporaryFolder()
    let lesson = noisyLesson("seeds: {min: 4, max: 64}\nquick:\n  seeds: 6")
    let set = try renderNoisy(lesson, in: folder, overrides: ["noisy.seeds=8"])
    #expect(set.manifest.cells.first?.seeds == nil)
    #expect(set.manifest.cells.first?.claims.first?.intervals.first?.seeds == [8])
    let quick = try renderNoisy(lesson, in: folder, quick: true)
    #expect(quick.manifest.cells.first?.claims.first?.intervals.first?.seeds == [6])
    let plan = try LessonPlanner(catalogue: fixtureCatalogue, quick: true).plan(parse(noisyLesson("seeds: {min: 4, max: 64}")))
    #expect(plan.cells[0].adaptiveSeeds == AdaptiveSeeds(min: 4, max: 64), "the kind's quick profile does not replace the range")
}

@Test func derivedMetricsOfSampledMetricsFillProseAndClaims() throws {
    let folder = TemporaryFolder()
    let lesson = noisyLesson("with:\n  seeds: 4\n  noise: 0", prose: "Mean {{noisy.b:.2f}}, {{noisy.a.n:d}} seeds, interval {{noisy.a.ci_low:.3f}} to {{noisy.a.ci_high:.3f}}, sd {{noisy.b.sd:.4f}}, median {{noisy.b.median:.2f}}.")
        .replacingOccurrences(of: "  - a > b", with: "  - a > b\n  - a.mean - b.mean > 0.09\n  - b.n == 4")
    let outcome = try renderNoisy(lesson, in: folder)
    // b = 1, 1.1, 1.2, 1.3: mean 1.15, sd 0.1291; a = b + 0.1 exactly.
    let report = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("Mean 1.15, 4 seeds, interval 1.045 to 1.455, sd 0.1291, median 1.15."), "\(report)")
    let claims = try #require(outcome.manifest.cells.first?.claims)
    #expect(claims.map(\.verdict) == [.holds, .holds, .holds])
    #expect(claims[1].intervals.isEmpty && claims[2].intervals.isEmpty, "derived metrics are plain numbers")
}

@Test func cellsWithoutSamplesWriteNoSamplesVerdictsOrSeedKeys() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    for file in ["data/main.json", "data/other.json", "run.json"] {
        let text = try String(contentsOf: outcome.folder.appendingPathComponent(file), encoding: .utf8)
        for key in ["samples", "adaptiveSeeds", "verdict", "intervals", "undecided", "\"seeds\""] {
            #expect(!text.contains(key), "\(file) has \(key)")
        }
    }
}

@Test func equalityOnASampledMetricIsALessonErrorNamingTheLine() throws {
    let folder = TemporaryFolder()
    let error = notebookError { _ = try renderNoisy(noisyLesson("with:\n  seeds: 4").replacingOccurrences(of: "a > b", with: "a == b"), in: folder) }
    #expect(error?.line == 15)
    #expect(error?.key == "noisy.expect")
    #expect(error?.message.contains("tolerance") == true, "\(String(describing: error))")
}

@Test(arguments: [
    ("seeds: 5", "seeds", 12, "under `with:`"),
    ("seeds: {min: 0, max: 3}", "seeds.min", 12, "1 or larger"),
    ("seeds: {min: 5, max: 3}", "seeds.max", 12, "at least `min` (5)"),
    ("seeds: {min: 2, max: 4, step: 1}", "step", 12, "Expected one of: min, max"),
    ("seeds: {max: 4}", "seeds.min", 12, "has no `min`"),
    ("seeds:\n  min: 2\n  max: [4]", "seeds.max", 14, "whole number"),
])
func malformedSeedRangesAreErrorsNamingTheLine(_ yaml: String, _ key: String, _ line: Int, _ message: String) {
    let error = notebookError { _ = try parse(noisyLesson(yaml)) }
    #expect(error?.key == key, "\(String(describing: error))")
    #expect(error?.line == line, "\(String(describing: error))")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
}

@Test func aSeedRangeNeedsAKindWithAWholeNumberSeedsParameterAndNoFixedCount() {
    let noSeeds = notebookError { _ = try plan(demoLesson.replacingOccurrences(of: "id: main\n", with: "id: main\nseeds: {min: 2, max: 8}\n")) }
    #expect(noSeeds?.key == "main.seeds")
    #expect(noSeeds?.line == 13)
    #expect(noSeeds?.message.contains("has no whole-number `seeds` parameter") == true, "\(String(describing: noSeeds))")
    let both = notebookError { _ = try plan(noisyLesson("seeds: {min: 2, max: 8}\nwith:\n  seeds: 3")) }
    #expect(both?.key == "noisy.with.seeds")
    #expect(both?.line == 14)
    let tooMany = notebookError { _ = try plan(noisyLesson("seeds: {min: 2, max: 2000}")) }
    #expect(tooMany?.key == "noisy.seeds.max")
    #expect(tooMany?.message.contains("2000") == true)
}

@Test func anExerciseTrainsOnlyTheSeedsTheLessonsCellHasNotTrained() throws {
    let folder = TemporaryFolder()
    let lesson = noisyLesson("with:\n  seeds: 8") + """


    ```{exercise}
    id: more
    question: With twice the seeds, is the difference settled?
    change: noisy.seeds=16
    answer: Not yet.
    ```
    """
    let outcome = try renderNoisy(lesson, in: folder)
    let run = try RunFolder(contentsOf: outcome.folder)
    #expect(run.cells.first?.metrics["computed"] == 8)
    let data = try #require(FileBytes.read(atPath: outcome.folder.appendingPathComponent("data/more.json").path))
    let exercise = try CanonicalJSON.decode(CellRecord.self, from: data)
    // The exercise's trials share the lesson's folder of shared trials: seeds 0 to 7 were
    // trained by the cell, so the exercise trains only seeds 8 to 15.
    #expect(exercise.metrics["computed"] == 8)
    #expect(exercise.samples?["a"]?.count == 16)
}

@Test func withoutTheCacheTheCellsOfOneRenderStillShareTrialsAndLeaveNothingBehind() throws {
    let folder = TemporaryFolder()
    var renderer = try folder.renderer()
    renderer.options.useCache = false
    let outcome = try renderer.render(lessonAt: try folder.lesson(noisyLesson("seeds: {min: 4, max: 64}")),
                                      path: "lessons/01-demo.md")
    let run = try RunFolder(contentsOf: outcome.folder)
    #expect(run.cells.first?.config["seeds"] == .int(32))
    #expect(run.cells.first?.metrics["computed"] == 16)
    let plan = try renderer.planner(strictOverrides: true).plan(parse(noisyLesson("seeds: {min: 4, max: 64}")))
    #expect(!FileManager.default.fileExists(atPath: renderer.sharedTrialDirectory(lesson: plan.lesson).path))
}
