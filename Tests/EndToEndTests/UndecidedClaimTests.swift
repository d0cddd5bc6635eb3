import Foundation
import Notebook
import Testing

/// Two optimisers on a small synthetic task with one seed: a claim comparing their best
/// losses has no interval, so it is undecided.
let oneSeedLesson = """
---
title: One seed
summary: A comparison one seed cannot decide.
seed: 5
---

Adam's best loss is {{opt.adam.best_loss:.3f}}, with {{opt.adam.best_loss.n:d}} seed.

```{experiment}
id: opt
run: optimizer-sensitivity
with:
  data: {source: clusters, train: 200, validation: 100, inputs: 8}
  model: {hidden: [8]}
  training: {epochs: 1, batch_size: 32}
  optimizers: [sgd, adam]
  lowest_rate: 0.001
  highest_rate: 1
  rates_per_decade: 1
  seeds: 1
  bins: 2
show: [summary]
expect:
  - grid.rates == 4
  - sgd.best_loss > adam.best_loss
```
"""

@Test func anUndecidedClaimWarnsAndExitsZeroAndStrictMakesItExitThree() throws {
    let workspace = try Workspace()
    try workspace.write(oneSeedLesson)
    let result = try workspace.run("render", "--format", "png", "--jobs", "2")
    #expect(result.status == 0, "\(result.stderr)")
    let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
    #expect(warnings.count == 1, "\(result.stderr)")
    #expect(warnings.first?.contains("lessons/01-demo.md:25: claim undecided: sgd.best_loss > adam.best_loss") == true,
            "\(result.stderr)")
    #expect(warnings.first?.contains("one seed gives no interval") == true, "\(result.stderr)")
    #expect(result.stdout.contains("claims 1/2 hold, 1 undecided"), "\(result.stdout)")

    let run = try RunFolder(contentsOf: workspace.file("output/demo"))
    #expect(run.manifest.status == "claims-undecided")
    #expect(run.manifest.claims == ClaimSummary(passed: 1, failed: 0, undecided: 1))
    #expect(run.cells.first?.samples?["adam.best_loss"]?.count == 1)
    #expect(run.cells.first?.claims.map(\.verdict) == [.holds, .undecided])
    let report = try String(contentsOf: workspace.file("output/demo/report.md"), encoding: .utf8)
    #expect(report.contains(", with 1 seed."), "\(report)")
    #expect(report.contains("- ? `sgd.best_loss > adam.best_loss`"), "\(report)")

    let strict = try workspace.run("render", "--strict", "--format", "png")
    #expect(strict.status == 3, "\(strict.stderr)")
    #expect(strict.stderr.contains("warning: lessons/01-demo.md:25: claim undecided"), "\(strict.stderr)")
}

@Test func compareShowsEachRunsVerdictOfAClaimOnSampledMetrics() throws {
    let workspace = try Workspace()
    try workspace.write(oneSeedLesson)
    let result = try workspace.run("compare", "demo", "--name", "seeds", "--format", "png",
                                   "--variant", "one", "--variant", "three:opt.seeds=3")
    #expect(result.status == 0, "\(result.stderr)")
    let report = try String(contentsOf: workspace.file("output/compare/seeds/report.md"), encoding: .utf8)
    #expect(report.contains("? undecided"), "\(report)")
    #expect(report.contains("| `opt` | `sgd.best_loss > adam.best_loss` | ? "), "\(report)")
    #expect(report.contains("(paired t, 1 seed)"), "\(report)")
    #expect(report.contains("(paired t, 3 seeds)"), "\(report)")
}

@Test func kindsMarksMetricsMeasuredPerSeedAndNamesTheirSummaries() throws {
    let workspace = try Workspace()
    let text = try workspace.run("kinds", "optimizer-sensitivity")
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("Mean final validation loss at the best rate. (per seed*)"), "\(text.stdout)")
    #expect(text.stdout.contains("NAME.ci_low and NAME.ci_high"), "\(text.stdout)")
    let json = try workspace.run("kinds", "optimizer-sensitivity", "--json")
    let reference = try JSONDecoder().decode(KindReference.self, from: Data(json.stdout.utf8))
    #expect(reference.metrics.filter(\.sampled).map(\.pattern) == ["<optimizer>.best_loss", "<optimizer>.best_accuracy",
                                                                   "<optimizer>.good_decades"])
}
