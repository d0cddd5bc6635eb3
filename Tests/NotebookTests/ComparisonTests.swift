import Foundation
import Plot
import Testing
@testable import Notebook

@Test func comparingARunWithItselfReportsNoDifferencesAndIdenticalFigures() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    let comparison = try Comparison(runs: [workspace.run(folder, label: "first"), workspace.run(folder, label: "again")])
    #expect(comparison.comparedCells == ["fast", "slow", "fixed"])
    #expect(comparison.settings.isEmpty)
    #expect(comparison.changedMetrics.isEmpty)
    #expect(comparison.metrics.count == 7)
    #expect(comparison.figures.count == 2)
    #expect(comparison.figures.allSatisfy { $0.identical })
    #expect(comparison.curves.count == 2 && comparison.curves.allSatisfy { $0.identical })
    #expect(comparison.flippedClaims.isEmpty)
    #expect(comparison.partial.isEmpty)

    try comparison.write(to: workspace.target(), shownFolder: "compare/cmp")
    let report = try read(workspace.target().appendingPathComponent("report.md"))
    #expect(report.contains("Settings: no setting differs between the runs."))
    #expect(report.contains("Metrics: no metric changed (7 compared)."))
    #expect(report.contains("Figures: all 2 figures are identical in every run."))
    #expect(report.contains("Tables: all 2 tables are identical in every run."))
    #expect(report.contains("No claim changes its verdict between the runs."))
    #expect(report.contains("All 2 figures are identical in every run (pixel for pixel), so none is drawn here: "))
    #expect(report.contains("All 2 series present in two or more runs are identical in every run: "))
    #expect(!report.contains("pixels changed") && !report.contains("figures/curves/"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.target().appendingPathComponent("figures/diff").path).isEmpty)
}

@Test func oneChangedSettingIsReportedWithExactlyItsEffects() throws {
    let workspace = ComparisonWorkspace()
    let a = try workspace.render(out: "a")
    let b = try workspace.render(out: "b", overrides: ["slow.rate=0.4"])
    let comparison = try Comparison(runs: [workspace.run(a, label: "slow"), workspace.run(b, label: "faster")])

    #expect(comparison.settings == [SettingRow(cell: "slow", key: "rate", values: ["0.2", "0.4"])])
    let changed = comparison.changedMetrics.map { "\($0.cell).\($0.metric)" }
    #expect(changed == ["slow.final.accuracy", "slow.final.loss"])
    let loss = try #require(comparison.changedMetrics.first { $0.metric == "final.loss" })
    let expected = exp(-0.4 * 5) - exp(-0.2 * 5)
    #expect(abs(loss.difference(1)! - expected) < 1e-12)
    #expect(abs(loss.relativeChange(1)! - expected / exp(-1.0)) < 1e-12)
    #expect(loss.direction.isImprovement(loss.difference(1)!) == true)
    let accuracy = try #require(comparison.changedMetrics.first { $0.metric == "final.accuracy" })
    #expect(accuracy.direction.isImprovement(accuracy.difference(1)!) == true)

    let slowFigure = try #require(comparison.figures.first { $0.cell == "slow" })
    let fastFigure = try #require(comparison.figures.first { $0.cell == "fast" })
    #expect(fastFigure.identical)
    guard case .changed(let difference)? = slowFigure.changes[1] else {
        Issue.record("the slow cell's figure should differ, found \(String(describing: slowFigure.changes[1]))")
        return
    }
    #expect(difference.changedPixels > 0 && difference.changedShare < 0.5)
    #expect(comparison.curves.filter { !$0.identical }.map(\.cell) == ["slow"])
    #expect(comparison.flippedClaims.isEmpty)
    let slowTable = try #require(comparison.tables.first { $0.cell == "slow" })
    #expect(slowTable.changes(1)?.map(\.row) == ["rate", "final"])
    #expect(comparison.tables.first { $0.cell == "fast" }?.changes(1)?.isEmpty == true)

    try comparison.write(to: workspace.target(), shownFolder: "compare/cmp")
    let report = try read(workspace.target().appendingPathComponent("report.md"))
    #expect(report.contains("- **faster**: 2 of 4 values differ from slow: `rate` · `value` 0.2 → 0.4; `final` · `value` 0.367879 → 0.135335"), "\(report)")
    #expect(report.contains("Tables: 1 of 2 differ."))
    #expect(report.contains("Identical in every run: `fast` · summary."))
    #expect(report.contains("Settings: 1 differs (`slow.rate`)."))
    #expect(report.contains("| `rate` | `0.2` | `0.4` |"))
    #expect(report.contains("Metrics: 2 of 7 changed."))
    #expect(report.contains("| `final.loss` | 0.367879 | 0.135335 | −0.2325 (−63.2%) · **better** |"), "\(report)")
    #expect(report.contains("| `steps` | 5 | 5 | = |"))
    #expect(report.contains("Figures: 1 of 2 differ."))
    #expect(report.contains("of pixels changed"))
    #expect(report.contains("figures/diff/slow-curve-faster.png"))
    #expect(report.contains("![slow · loss, one line per run](figures/curves/slow-loss.png)"))
    #expect(report.contains("*Last value: slow 0.367879, faster 0.135335.*"))
    #expect(report.contains("Identical in every run (not drawn): `fast` · loss."))
    #expect(report.contains("Identical in every run (not drawn): [`fast` · curve](figures/runs/slow/fast-curve.png)."), "\(report)")
    #expect(!FileManager.default.fileExists(atPath: workspace.target().appendingPathComponent("figures/curves/fast-loss.png").path))
    #expect(!FileManager.default.fileExists(atPath: workspace.target().appendingPathComponent("figures/runs/faster/fast-curve.png").path))
    let build = workspace.target()
    for file in ["figures/diff/slow-curve-faster.png", "figures/curves/slow-loss.png",
                 "figures/runs/slow/slow-curve.png", "figures/runs/faster/slow-curve.png", "metrics.csv"] {
        #expect(FileManager.default.fileExists(atPath: build.appendingPathComponent(file).path), "missing \(file)")
    }
    let csv = try read(build.appendingPathComponent("metrics.csv"))
    #expect(csv.hasPrefix("cell,metric,slow,faster\n"))
    #expect(csv.contains("slow,steps,5,5\n"))
}

@Test func aClaimThatFlipsIsCalledOutAtTheTop() throws {
    let workspace = ComparisonWorkspace()
    let a = try workspace.render(out: "a")
    let b = try workspace.render(out: "b", overrides: ["fast.rate=0.5"])
    let comparison = try Comparison(runs: [workspace.run(a, label: "quick-decay"), workspace.run(b, label: "half-rate")])
    #expect(comparison.flippedClaims.map(\.claim) == ["final.loss < 0.05"])
    try comparison.write(to: workspace.target())
    let report = try read(workspace.target().appendingPathComponent("report.md"))
    let callout = try #require(report.range(of: "1 claim changes verdict between the runs"))
    #expect(callout.lowerBound < report.range(of: "## Runs")!.lowerBound)
    #expect(report.contains("holds in quick-decay (0.00673795 < 0.05), **fails** in half-rate (0.082085 < 0.05)"), "\(report)")
    #expect(report.contains("⚠️ **changes**"))
    #expect(report.contains("| Claims | ✓ 1 of 1 hold | ✗ 1 of 1 fail |"))
}

@Test func runsOfDifferentLessonsCompareOnlyTheirSharedCells() throws {
    let workspace = ComparisonWorkspace()
    let a = try workspace.render(out: "a")
    let other = """
    ---
    title: Other
    seed: 5
    ---

    ```{experiment}
    id: fast
    run: decay
    with:
      rate: 1.0
    ```

    ```{experiment}
    id: extra
    run: constant
    ```

    ```{experiment}
    id: fixed
    run: decay
    ```
    """
    let b = try workspace.render(other, name: "02-other.md", out: "b")
    let comparison = try Comparison(runs: [workspace.run(a, label: "decay"), workspace.run(b, label: "other")])
    #expect(comparison.lessons == ["decay", "other"])
    #expect(comparison.comparedCells == ["fast", "fixed"])
    #expect(comparison.uncomparedCells == ["slow", "extra"])
    // The same claim is absent from the second run, so it cannot flip.
    #expect(comparison.flippedClaims.isEmpty)
    // `fixed` is a different experiment in each: that is a setting, and its metrics are partial.
    #expect(comparison.settings.contains(SettingRow(cell: "fixed", key: "(experiment)", values: ["constant v3", "decay v1"])))
    let partial = comparison.partial.map { "\($0.kind.rawValue) \($0.cell).\($0.name) \($0.runs)" }
    #expect(partial.contains("cell slow.slow [0]"))
    #expect(partial.contains("cell extra.extra [1]"))
    #expect(partial.contains("metric fixed.value [0]"))
    #expect(partial.contains("metric fixed.final.loss [1]"))
    #expect(partial.contains("figure fixed.curve [1]"))

    try comparison.write(to: workspace.target())
    let report = try read(workspace.target().appendingPathComponent("report.md"))
    #expect(report.contains("2 runs of different lessons (`decay`, `other`)"))
    #expect(report.contains("Not compared (only one run has them): `slow` (decay), `extra` (other)."))
    #expect(report.contains("| metric | `fixed` · `value` | decay | other |"))
    #expect(report.contains("| *experiment* | `constant v3` | `decay v1` |"))
}

@Test func figuresOfAnotherSizeAreNotComparedPixelByPixel() throws {
    let workspace = ComparisonWorkspace()
    let a = try workspace.render(out: "a")
    let b = try workspace.render(out: "b", overrides: ["fast.figure_width=240"])
    let comparison = try Comparison(runs: [workspace.run(a, label: "a"), workspace.run(b, label: "b")])
    let fast = try #require(comparison.figures.first { $0.cell == "fast" })
    guard case .sizeDiffers(let base, let other)? = fast.changes[1] else {
        Issue.record("expected a size difference, found \(String(describing: fast.changes[1]))")
        return
    }
    #expect(base.width == 400 && base.height == 240 && other.width == 480)
    #expect(!fast.identical)
    try comparison.write(to: workspace.target())
    let report = try read(workspace.target().appendingPathComponent("report.md"))
    #expect(report.contains("size changed: 480 × 240 px against 400 × 240 px, so no pixel comparison"))
}

@Test func aComparisonIsByteForByteRepeatable() throws {
    let workspace = ComparisonWorkspace()
    let a = try workspace.render(out: "a")
    let b = try workspace.render(out: "b", overrides: ["slow.rate=0.3", "fast.steps=8"])
    let runs = [try workspace.run(a, label: "a"), try workspace.run(b, label: "b")]
    try Comparison(runs: runs).write(to: workspace.target("one"), shownFolder: "compare/same")
    try Comparison(runs: runs).write(to: workspace.target("two"), shownFolder: "compare/same")
    for file in ["report.md", "metrics.csv", "figures/curves/fast-loss.png", "figures/curves/slow-loss.png", "figures/diff/slow-curve-b.png"] {
        let one = try Data(contentsOf: workspace.target("one").appendingPathComponent(file))
        let two = try Data(contentsOf: workspace.target("two").appendingPathComponent(file))
        #expect(one == two, "\(file) differs")
    }
}

@Test func threeRunsEachGetAColumnAndAChangeAgainstTheBaseline() throws {
    let workspace = ComparisonWorkspace()
    let runs = try [("r2", "0.2"), ("r3", "0.3"), ("r1", "0.1")].map { name, rate in
        try workspace.run(try workspace.render(out: name, overrides: ["slow.rate=\(rate)"]), label: name)
    }
    let comparison = try Comparison(runs: runs)
    #expect(comparison.settings == [SettingRow(cell: "slow", key: "rate", values: ["0.2", "0.3", "0.1"])])
    try comparison.write(to: workspace.target())
    let report = try read(workspace.target().appendingPathComponent("report.md"))
    #expect(report.contains("| Metric | r2 (baseline) | r3 | change | r1 | change |"))
    #expect(report.contains("· **better** | 0.606531 |"), "\(report)")
    #expect(report.contains("· **worse** |"))
}

@Test func anEarlierComparisonIsReplacedWhole() throws {
    let workspace = ComparisonWorkspace()
    let a = try workspace.render(out: "a")
    let b = try workspace.render(out: "b", overrides: ["slow.rate=0.4"])
    try Comparison(runs: [workspace.run(a, label: "a"), workspace.run(b, label: "b")]).write(to: workspace.target())
    #expect(FileManager.default.fileExists(atPath: workspace.target().appendingPathComponent("figures/diff/slow-curve-b.png").path))
    try Comparison(runs: [workspace.run(a, label: "a"), workspace.run(a, label: "b")]).write(to: workspace.target())
    #expect(!FileManager.default.fileExists(atPath: workspace.target().appendingPathComponent("figures/diff/slow-curve-b.png").path))
    let siblings = try FileManager.default.contentsOfDirectory(atPath: workspace.target().deletingLastPathComponent().path)
    #expect(siblings == ["cmp"])
}

@Test(arguments: [
    ("final.test_loss", MetricDirection.lowerIsBetter), ("train_error", .lowerIsBetter), ("Loss", .lowerIsBetter),
    ("final.train_accuracy", .higherIsBetter), ("best.accuracy", .higherIsBetter),
    ("parameters", .none), ("ratio_with_bias", .none),
])
func metricDirectionsComeFromTheirNames(name: String, direction: MetricDirection) {
    #expect(MetricDirection(metric: name) == direction)
}

@Test func improvementsFollowTheDirection() {
    #expect(MetricDirection.lowerIsBetter.isImprovement(-0.1) == true)
    #expect(MetricDirection.lowerIsBetter.isImprovement(0.1) == false)
    #expect(MetricDirection.higherIsBetter.isImprovement(0.1) == true)
    #expect(MetricDirection.none.isImprovement(0.1) == nil)
    #expect(MetricDirection.lowerIsBetter.isImprovement(0) == nil)
}

@Test func runsNamedByFolderGetShortDistinctLabels() {
    #expect(Comparison.labels(forPaths: ["output/spiral", "output/depth"]) == ["spiral", "depth"])
    #expect(Comparison.labels(forPaths: ["output/spiral", "archive/2024/spiral"]) == ["output/spiral", "2024/spiral"])
    #expect(Comparison.labels(forPaths: ["output/spiral", "output/spiral/"]) == ["spiral", "spiral (2)"])
    #expect(Comparison.defaultName(labels: ["output/spiral", "2024/spiral"]) == "output-spiral--2024-spiral")
    #expect(Comparison.defaultName(labels: ["spiral", "spiral (2)"]) == "spiral--spiral-2")
}

@Test func metricChangesAreWrittenWithSignPercentAndVerdict() throws {
    let row = MetricRow(cell: "c", metric: "final.loss", values: [0.5, 0.4, .nan, 0.5])
    let writer = ComparisonWriter(comparison: try placeholderComparison(), build: URL(fileURLWithPath: "/nonexistent"), shownFolder: "x")
    #expect(writer.change(row, 1) == "−0.1 (−20.0%) · **better**")
    #expect(writer.change(row, 2) == "diverged · **worse**")
    #expect(writer.change(row, 3) == "=")
    let count = MetricRow(cell: "c", metric: "parameters", values: [0, 1_200])
    #expect(writer.change(count, 1) == "+1,200")
    #expect(ComparisonWriter.number(.nan) == "NaN (diverged)")
    #expect(ComparisonWriter.number(1234567) == "1,234,567")
    #expect(ComparisonWriter.share(0.00001) == "<0.01%")
    #expect(ComparisonWriter.share(0.0234) == "2.34%")
    #expect(ComparisonWriter.percent(0.0001) == "+<0.1%")
}

/// A comparison of a tiny run with itself, for testing the writer's helpers.
private func placeholderComparison() throws -> Comparison {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    return try Comparison(runs: [workspace.run(folder, label: "a"), workspace.run(folder, label: "b")])
}
