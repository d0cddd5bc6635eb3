import Foundation
import Notebook
import Plot

/// Turns the per-seed results of a random-features sweep into the cell's metrics, series,
/// tables and figures. Curves are medians over seeds (single seeds near the threshold
/// differ by orders of magnitude); bands run from the lowest to the highest seed.
struct RandomFeaturesSummary {
    var config: RandomFeaturesExperiment.Config
    var task: RegressionTask
    var grid: [Int]
    var levels: [Double]
    var penalties: [Double]
    var results: [RandomFeatureSweep.Result]

    var n: Int { task.trainCount }
    var x: [Double] { grid.map(Double.init) }

    /// Values of one quantity per seed at every width.
    func perSeed(_ key: KeyPath<RandomFeatureSweep.Result, [Double]>, penalty: Int = 0, level: Int = 0) -> [[Double]] {
        let base = (penalty * levels.count + level) * grid.count
        return results.map { Array($0[keyPath: key][base..<(base + grid.count)]) }
    }

    func median(_ key: KeyPath<RandomFeatureSweep.Result, [Double]>, penalty: Int = 0, level: Int = 0) -> [Double] {
        DoubleDescentText.summary(perSeed(key, penalty: penalty, level: level)).median
    }

    /// The metrics the claims compare, measured seed by seed: each seed's own curve gives
    /// its peak position, error drop and noise growth. Seed i is the same draw of features
    /// at every width, penalty and noise level. The loss ratios are heavy-tailed (one
    /// seed's peak can be a hundred times another's), so a t interval of their mean says
    /// little; they get the lowest seed's value instead (`Self.lowestSeedNames`).
    static let perSeedNames = ["peak.p_over_n", "drop.test_error", "noise.growth"]

    /// Ratios reported also as their lowest value over the seeds, under `NAME_seed_low`.
    static let lowestSeedNames = ["drop.test_loss", "ridge.drop_at_n"]

    /// Each seed's value of `names`, measured on that seed's curves alone.
    func seedBySeed(_ names: [String]) -> [String: [Double]] {
        var samples: [String: [Double]] = [:]
        for result in results {
            var one = self
            one.results = [result]
            let m = one.measures().metrics
            for name in names where m[name] != nil { samples[name, default: []].append(m[name]!) }
        }
        return samples
    }

    /// The median and 95% band over seeds of the four measured curves, at every width.
    struct Curves {
        var testLoss, testError, trainLoss, norm: (median: [Double], low: [Double], high: [Double])
    }

    func curves() -> Curves {
        Curves(testLoss: DoubleDescentText.summary(perSeed(\.testLoss)),
               testError: DoubleDescentText.summary(perSeed(\.testError)),
               trainLoss: DoubleDescentText.summary(perSeed(\.trainLoss)),
               norm: DoubleDescentText.summary(perSeed(\.norm)))
    }

    /// The cell's metrics and its table of regimes, from the medians over seeds (`curves`,
    /// taken here unless the caller already has them).
    func measures(_ given: Curves? = nil) -> (metrics: [String: Double], regimes: Table) {
        var metrics: [String: Double] = [:]
        let curves = given ?? curves()
        let (testLoss, testError, trainLoss, norm) = (curves.testLoss, curves.testError, curves.trainLoss, curves.norm)
        let last = grid.count - 1

        metrics["n"] = Double(n)
        metrics["seeds"] = Double(results.count)
        metrics["widths"] = Double(grid.count)
        let peak = argmax(testLoss.median)
        metrics["peak.p"] = Double(grid[peak])
        metrics["peak.p_over_n"] = Double(grid[peak]) / Double(n)
        metrics["peak.test_loss"] = testLoss.median[peak]
        // The heavy tail: the range over seeds at the peak, and where each seed peaks.
        metrics["peak.test_loss_low"] = testLoss.low[peak]
        metrics["peak.test_loss_high"] = testLoss.high[peak]
        let seedPeaks = perSeed(\.testLoss).map { Double(grid[argmax($0)]) / Double(n) }
        metrics["peak.seed_p_over_n_low"] = seedPeaks.min() ?? .nan
        metrics["peak.seed_p_over_n_high"] = seedPeaks.max() ?? .nan
        metrics["last.p"] = Double(grid[last])
        metrics["last.test_loss"] = testLoss.median[last]
        metrics["drop.test_loss"] = testLoss.median[peak] / testLoss.median[last]
        let errorPeak = argmax(testError.median)
        metrics["peak.test_error"] = testError.median[errorPeak]
        metrics["peak.error_p"] = Double(grid[errorPeak])
        metrics["last.test_error"] = testError.median[last]
        metrics["drop.test_error"] = testError.median[errorPeak] / testError.median[last]
        // Training loss past 1.1 n: the largest over every seed, not just the median.
        let past = grid.indices.filter { Double(grid[$0]) >= 1.1 * Double(n) - 1e-9 }
        metrics["train.max_loss_past_1.1n"] = past.flatMap { j in perSeed(\.trainLoss).map { $0[j] } }.max() ?? .nan
        metrics["train.loss_first"] = trainLoss.median[0]
        if let j = grid.firstIndex(of: n) {
            metrics["at_n.test_loss"] = testLoss.median[j]
            metrics["at_n.test_loss_low"] = testLoss.low[j]
            metrics["at_n.test_loss_high"] = testLoss.high[j]
            metrics["at_n.test_error"] = testError.median[j]
            metrics["at_n.norm"] = norm.median[j]
        }
        metrics["peak.norm_p"] = Double(grid[argmax(norm.median)])
        metrics["last.norm"] = norm.median[last]

        // Best widths on each side of the threshold.
        var regimeRows: [[TableValue]] = []
        for (name, label, indices) in [("under", "under-parameterised (p < n)", grid.indices.filter { grid[$0] < n }),
                                       ("over", "over-parameterised (p > n)", grid.indices.filter { grid[$0] > n })] {
            guard let bestLoss = indices.min(by: { testLoss.median[$0] < testLoss.median[$1] }),
                  let bestError = indices.min(by: { testError.median[$0] < testError.median[$1] }) else { continue }
            metrics["\(name).best_p"] = Double(grid[bestLoss])
            metrics["\(name).best_test_loss"] = testLoss.median[bestLoss]
            metrics["\(name).best_error_p"] = Double(grid[bestError])
            metrics["\(name).best_test_error"] = testError.median[bestError]
            regimeRows.append([.text(label), .number(Double(grid[bestLoss])), .number(round3(testLoss.median[bestLoss])),
                               .number(Double(grid[bestError])), .number(round3(testError.median[bestError]))])
        }
        if let j = grid.firstIndex(of: n) {
            regimeRows.append([.text("at the threshold (p = n)"), .number(Double(n)), .number(round3(testLoss.median[j])),
                               .number(Double(n)), .number(round3(testError.median[j]))])
        }
        let regimes = Table(
            caption: "Lowest median test loss and test error on each side of the threshold (\(task.name), median over \(results.count) seeds).",
            columns: ["regime", "p (best loss)", "test squared loss", "p (best error)", "test error"], rows: regimeRows)

        // Ridge: the loss at p = n for each penalty.
        if penalties.count > 1, let j = grid.firstIndex(of: n) {
            for pi in 1..<penalties.count {
                metrics["ridge.\(pi).at_n"] = median(\.testLoss, penalty: pi)[j]
            }
            let strongest = penalties.indices.dropFirst().max { penalties[$0] < penalties[$1] }!
            metrics["ridge.largest.at_n"] = median(\.testLoss, penalty: strongest)[j]
            metrics["ridge.drop_at_n"] = testLoss.median[j] / median(\.testLoss, penalty: strongest)[j]
        }
        // Label noise: the loss near the threshold (geometric mean over 0.9 n <= p <= 1.1 n).
        let near = grid.indices.filter { Double(grid[$0]) >= 0.9 * Double(n) - 1e-9 && Double(grid[$0]) <= 1.1 * Double(n) + 1e-9 }
        var nearValues: [Double] = []
        for level in levels.indices {
            let curve = median(\.testLoss, level: level)
            let value = Foundation.exp(near.map { Foundation.log(curve[$0]) }.reduce(0, +) / Double(max(near.count, 1)))
            nearValues.append(value)
            metrics["noise.\(level).near_threshold"] = value
            metrics["noise.\(level).last"] = curve[last]
        }
        if levels.count > 1 {
            let lowest = levels.indices.min { levels[$0] < levels[$1] }!, highest = levels.indices.max { levels[$0] < levels[$1] }!
            metrics["noise.growth"] = nearValues[highest] / nearValues[lowest]
        }
        return (metrics, regimes)
    }

    func cellResult() -> CellResult {
        let curves = curves()
        var (metrics, regimes) = measures(curves)
        // One pass over the seeds gives both the samples and the lowest seeds' values.
        let seedValues = seedBySeed(Self.perSeedNames + Self.lowestSeedNames)
        for name in Self.lowestSeedNames {
            if let values = seedValues[name] { metrics[name + "_seed_low"] = values.min() ?? .nan }
        }
        let (testLoss, testError, trainLoss, norm) = (curves.testLoss, curves.testError, curves.trainLoss, curves.norm)
        var series: [String: Series] = [:]
        series["test_loss"] = Series(x: x, y: testLoss.median, xLabel: "features p", yLabel: "test squared loss", xScale: .log10)
        series["train_loss"] = Series(x: x, y: trainLoss.median, xLabel: "features p", yLabel: "training squared loss", xScale: .log10)
        series["test_error"] = Series(x: x, y: testError.median, xLabel: "features p", yLabel: "test error", xScale: .log10)
        series["norm"] = Series(x: x, y: norm.median, xLabel: "features p", yLabel: "coefficient norm", xScale: .log10, yScale: .log10)
        for pi in penalties.indices.dropFirst() {
            series["ridge.\(pi).test_loss"] = Series(x: x, y: median(\.testLoss, penalty: pi), xLabel: "features p", yLabel: "test squared loss", xScale: .log10, yScale: .log10)
        }
        for level in levels.indices.dropFirst() {
            series["noise.\(level).test_loss"] = Series(x: x, y: median(\.testLoss, level: level), xLabel: "features p", yLabel: "test squared loss", xScale: .log10, yScale: .log10)
        }

        var notes: [String] = []
        let fallbacks = results.reduce(0) { $0 + $1.fallbacks }
        if fallbacks > 0 {
            notes.append("\(fallbacks) fits had a Gram matrix too ill-conditioned for a Cholesky factorisation and were solved by the SVD instead.")
        }
        let figures = RandomFeaturesFigures(summary: self, testLoss: testLoss, trainLoss: trainLoss,
                                            testError: testError, norm: norm).all()
        return CellResult(metrics: metrics, series: series, tables: ["regimes": regimes], figures: figures, notes: notes,
                          samples: seedValues.filter { Self.perSeedNames.contains($0.key) })
    }

    func argmax(_ values: [Double]) -> Int {
        values.indices.max { a, b in
            let va = values[a].isNaN ? -Double.infinity : values[a], vb = values[b].isNaN ? -Double.infinity : values[b]
            return va < vb
        } ?? 0
    }

    func round3(_ v: Double) -> Double {
        guard v.isFinite, v != 0 else { return v }
        let digits = 3 - Int(Foundation.floor(Foundation.log10(abs(v)))) - 1
        let factor = Foundation.pow(10, Double(max(digits, 0)))
        return (v * factor).rounded() / factor
    }
}
