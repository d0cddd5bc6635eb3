import Foundation
import Testing
@testable import Notebook

/// Evaluates a claim whose metrics are per-seed values of one cell (`samples`) or numbers.
func evaluate(_ text: String, samples: [String: [Double]], numbers: [String: Double] = [:],
              cells: [String: String] = [:]) throws -> ClaimResult {
    try Claim(text, line: 1, path: "test.md").evaluate { path in
        if let values = samples[path] { return .samples(values, cell: cells[path] ?? "main") }
        guard let number = numbers[path] else { throw NotebookError(file: "test.md", message: "unknown \(path)") }
        return .number(number)
    }
}

/// Student's t quantiles against published values (scipy.stats.t.ppf).
@Test(arguments: [
    (0.975, 1.0, 12.706204736174694),
    (0.975, 4.0, 2.7764451051977934),
    (0.975, 9.0, 2.262157162798205),
    (0.975, 29.0, 2.045229642132703),
    (0.95, 10.0, 1.8124611228116756),
    (0.975, 3.5, 2.9400886379827282),
    (0.975, 1e6, 1.959966356814107),
])
func studentTQuantilesMatchTheTables(_ p: Double, _ df: Double, _ expected: Double) {
    let t = StudentT.quantile(p, degreesOfFreedom: df)
    #expect(abs(t - expected) < 1e-9 * max(1, expected), "t(\(p), \(df)) = \(t), expected \(expected)")
    #expect(abs(StudentT.quantile(1 - p, degreesOfFreedom: df) + expected) < 1e-9 * max(1, expected))
    #expect(abs(StudentT.cdf(expected, degreesOfFreedom: df) - p) < 1e-10)
}

@Test func aSampleSummarisesToMeanMedianDeviationAndTheTInterval() {
    let summary = SampleSummary([5, 1, 4, 2, 3])
    #expect(summary.count == 5)
    #expect(summary.mean == 3)
    #expect(summary.median == 3)
    #expect(abs(summary.standardDeviation - 1.5811388300841898) < 1e-12)
    // 3 ± t(0.975, 4) · 1.5811 / √5 = 3 ± 1.9632.
    #expect(abs(summary.intervalLow - (3 - 1.9632431614775572)) < 1e-9)
    #expect(abs(summary.intervalHigh - (3 + 1.9632431614775572)) < 1e-9)
    #expect(SampleSummary([1, 2, 3, 10]).median == 2.5)
    let one = SampleSummary([0.7])
    #expect(one.mean == 0.7 && one.standardDeviation.isNaN && one.intervalLow.isNaN)
    let metrics = SampleSummary.metrics(["a": 99], samples: ["a": [1, 2, 3, 4, 5], "b": [2, 4]])
    #expect(metrics["a"] == 99, "the kind's own number wins")
    #expect(metrics["b"] == 3, "a bare sampled name the kind did not set is the mean")
    #expect(metrics["a.mean"] == 3 && metrics["a.median"] == 3 && metrics["a.n"] == 5)
    #expect(Set(metrics.keys) == Set(["a", "b"] + SampleSummary.derivedNames.flatMap { ["a.\($0)", "b.\($0)"] }))
}

/// Per-seed differences 1, 2, 3, 4, 5: mean 3, interval 3 ± 1.9632 (paired t, 4 degrees).
@Test func aPairedClaimIsDecidedOnTheIntervalOfThePerSeedDifferences() throws {
    let samples = ["a": [1.5, 3, 4.5, 6, 7.5], "b": [0.5, 1, 1.5, 2, 2.5]]
    let result = try evaluate("a > b", samples: samples)
    #expect(result.verdict == .holds)
    #expect(result.values == "4.5 > 1.5")
    let interval = try #require(result.intervals.first)
    #expect(interval.method == .pairedT)
    #expect(interval.seeds == [5])
    #expect(interval.difference == 3)
    #expect(interval.degreesOfFreedom == 4)
    #expect(abs(interval.low - 1.0367568385224428) < 1e-9)
    #expect(abs(interval.high - 4.963243161477557) < 1e-9)
    #expect(result.intervalText == "difference 3, 95% interval 1.037 to 4.963 (paired t, 5 seeds)")

    // The same differences shifted: a number in the claim stays a constant for every seed.
    #expect(try evaluate("a > b + 1.5", samples: samples).verdict == .undecided)
    #expect(try evaluate("a - b > 1.5", samples: samples).verdict == .undecided)
    #expect(try evaluate("a < b", samples: samples).verdict == .fails)
    #expect(try evaluate("a > b + 5", samples: samples).verdict == .fails)
    #expect(try evaluate("a >= 1", samples: samples).verdict == .holds, "one sampled side against a number")
    // Unpaired, the same values are far noisier: b's seeds vary too.
    #expect(try evaluate("a > b", samples: samples, cells: ["b": "other"]).intervals.first?.method == .welchT)
}

/// a = 1..5 (mean 3, variance 2.5), b = 2, 4, 6 (mean 4, variance 4): Welch's interval of
/// the difference is -1 ± 3.9637 with 3.5328 degrees of freedom.
@Test func sidesOfDifferentCountsAreComparedWithWelchsInterval() throws {
    let result = try evaluate("a < b", samples: ["a": [1, 2, 3, 4, 5], "b": [2, 4, 6]])
    let interval = try #require(result.intervals.first)
    #expect(interval.method == .welchT)
    #expect(interval.seeds == [5, 3])
    #expect(interval.difference == -1)
    #expect(abs(interval.degreesOfFreedom - 3.532846715328467) < 1e-9)
    #expect(abs(interval.low - (-1 - 3.963725522186273)) < 1e-8)
    #expect(abs(interval.high - (-1 + 3.963725522186273)) < 1e-8)
    #expect(result.verdict == .undecided)
    #expect(result.intervalText == "difference -1, 95% interval -4.964 to 2.964 (Welch t, 5 and 3 seeds)")
    #expect(try evaluate("a < b + 10", samples: ["a": [1, 2, 3, 4, 5], "b": [2, 4, 6]]).verdict == .holds)
}

/// The three verdicts of each operator, and the boundary: constant per-seed values decide
/// as plain numbers do.
@Test(arguments: [
    ("a > b", ClaimVerdict.fails), ("a >= b", .holds), ("a < b", .fails), ("a <= b", .holds),
    ("a > b - 1", .holds), ("a < b - 1", .fails), ("a <= b + 1", .holds), ("a >= b + 1", .fails),
])
func equalPerSeedValuesDecideAsPlainNumbersDo(_ text: String, _ verdict: ClaimVerdict) throws {
    #expect(try evaluate(text, samples: ["a": [2, 3, 4], "b": [2, 3, 4]]).verdict == verdict)
}

@Test func oneSeedIsUndecidedAndSaysWhy() throws {
    let result = try evaluate("a > b", samples: ["a": [2], "b": [1]])
    #expect(result.verdict == .undecided)
    #expect(result.intervals.first?.reason?.contains("one seed gives no interval") == true)
    #expect(result.intervalText.contains("no interval"))
}

@Test func aSeedThatDivergedFailsTheComparison() throws {
    let result = try evaluate("a < b", samples: ["a": [0.1, .nan, 0.2], "b": [1, 1, 1]])
    #expect(result.verdict == .fails)
    #expect(result.intervals.first?.reason?.contains("not a finite number") == true)
}

@Test func aChainFailsWhenAnyComparisonFailsAndIsUndecidedWhenAnyIs() throws {
    let samples = ["a": [1.0, 2, 3, 4, 5]]
    #expect(try evaluate("0 < a < 10", samples: samples).verdict == .holds)
    #expect(try evaluate("0 < a < 4", samples: samples).verdict == .undecided)
    #expect(try evaluate("3.5 < a < 1", samples: samples).verdict == .fails)
    #expect(try evaluate("0 < a < 10", samples: samples).intervals.count == 2)
    #expect(try evaluate("1 < 2 < a", samples: samples).intervals.count == 1, "a comparison of numbers has no interval")
}

@Test func equalityOnSampledMetricsIsRefusedWithAToleranceToWrite() {
    for text in ["a == b", "a != 1"] {
        #expect(throws: Claim.Refusal.self) { try evaluate(text, samples: ["a": [1, 2], "b": [1, 2]]) }
    }
    do {
        _ = try evaluate("a == b", samples: ["a": [1, 2], "b": [1, 2]])
    } catch let refusal as Claim.Refusal {
        #expect(refusal.message.contains("-0.01 < a - b < 0.01"), "\(refusal.message)")
    } catch {
        Issue.record("expected a refusal, got \(error)")
    }
    // A derived number is a number: `==` on it is an ordinary comparison.
    #expect((try? evaluate("a.mean == 1.5", samples: [:], numbers: ["a.mean": 1.5]))?.verdict == .holds)
}

@Test func oneSideMayNotMixTheSeedsOfTwoCellsOrTwoCounts() {
    #expect(throws: Claim.Refusal.self) {
        try evaluate("a + b > 0", samples: ["a": [1, 2], "b": [1, 2]], cells: ["b": "other"])
    }
    #expect(throws: Claim.Refusal.self) { try evaluate("a + b > 0", samples: ["a": [1, 2], "b": [1, 2, 3]]) }
}

/// A claim on plain numbers is recorded exactly as before: no `verdict`, no `intervals`.
@Test func claimsOnPlainNumbersKeepTheirRecordsBytes() throws {
    let plain = try evaluate("x > 1", ["x": 2])
    let text = String(decoding: try CanonicalJSON.encode(plain), as: UTF8.self)
    #expect(text == "{\n  \"claim\" : \"x > 1\",\n  \"holds\" : true,\n  \"line\" : 1,\n  \"values\" : \"2 > 1\"\n}\n")
    #expect(try CanonicalJSON.decode(ClaimResult.self, from: CanonicalJSON.encode(plain)) == plain)
    let failed = try CanonicalJSON.decode(ClaimResult.self, from: Data(text.replacingOccurrences(of: "true", with: "false").utf8))
    #expect(failed.verdict == .fails)

    let undecided = try evaluate("a > b", samples: ["a": [1, 3], "b": [2, 1]])
    #expect(undecided.verdict == .undecided && !undecided.holds)
    let encoded = String(decoding: try CanonicalJSON.encode(undecided), as: UTF8.self)
    #expect(encoded.contains("\"verdict\" : \"undecided\"") && encoded.contains("\"method\" : \"paired t\""))
    #expect(try CanonicalJSON.decode(ClaimResult.self, from: Data(encoded.utf8)) == undecided)
}

@Test func theSeedScheduleDoublesFromMinUpToMax() {
    #expect(AdaptiveSeeds(min: 5, max: 30).schedule == [5, 10, 20, 30])
    #expect(AdaptiveSeeds(min: 4, max: 32).schedule == [4, 8, 16, 32])
    #expect(AdaptiveSeeds(min: 3, max: 3).schedule == [3])
    #expect(AdaptiveSeeds(min: 1, max: 5).schedule == [1, 2, 4, 5])
}

@Test func aClaimSummaryCountsUndecidedOnlyWhenThereAreSome() throws {
    let plain = String(decoding: try CanonicalJSON.encode(ClaimSummary(passed: 2, failed: 1)), as: UTF8.self)
    #expect(!plain.contains("undecided"))
    let summary = ClaimSummary(passed: 2, failed: 0, undecided: 1)
    #expect(try CanonicalJSON.decode(ClaimSummary.self, from: CanonicalJSON.encode(summary)) == summary)
    #expect(summary.status == "? 1 of 3 claims undecided")
    #expect(ClaimSummary(passed: 1, failed: 1, undecided: 1).status == "✗ 1 of 3 claims failed, 1 undecided")
    #expect(ClaimSummary(passed: 1, failed: 0).status == "✓ 1 claim holds")
}

/// FuzzClaim's second lookup, replayed over its corpus: every claim of the lessons with
/// per-seed values that are NaN, infinite, huge, constant, single or of two cells gets a
/// verdict or a refusal, never a trap.
@Test func everyFuzzClaimOverHostilePerSeedValuesGetsAVerdictOrARefusal() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/FuzzClaim")
    let values: [Double] = [0, 1, -1, 0.5, 3e-23, 1e300, .infinity, -.infinity, .nan, 2.5]
    var verdicts = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
        guard let claim = try? Claim(text, line: 1, path: "x.md") else { continue }
        do {
            let result = try claim.evaluate { path in
                let value = values[Int(path.utf8.reduce(UInt(0)) { $0 &+ UInt($1) } % UInt(values.count))]
                let count = path.utf8.count % 3 + 1
                return .samples((0..<count).map { value + Double($0) * 0.5 }, cell: path.utf8.count % 2 == 0 ? "a" : "b")
            }
            #expect(result.intervals.allSatisfy { !$0.seeds.isEmpty })
            verdicts += 1
        } catch is Claim.Refusal {
        }
    }
    #expect(verdicts > 0)
}
