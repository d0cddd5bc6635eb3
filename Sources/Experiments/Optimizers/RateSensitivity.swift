import Foundation
import Notebook

/// How one optimiser's final validation loss depends on the learning rate, over a grid of
/// rates and a few seeds: the best rate, and the *good range* of rates whose mean loss
/// stays within a relative tolerance of the best (how forgiving the optimiser is of a
/// badly chosen rate).
struct RateSensitivity {
    /// The setting compared (an optimiser, a schedule): its lesson name (`adam`), used in
    /// metric names, and its label (`Adam`).
    let name: String
    let label: String
    let rates: [Double]
    /// trials[rate][seed]
    let trials: [[OptimizerTrial.Result]]
    /// A rate is good when its mean loss is at most (1 + tolerance) times the best.
    let tolerance: Double

    /// Seeds of rate `r` that diverged.
    func divergedCount(_ r: Int) -> Int { trials[r].filter(\.diverged).count }

    /// Mean final validation loss over the seeds of rate `r`; NaN when any seed diverged.
    func meanLoss(_ r: Int) -> Double { mean(r) { $0.finalValidationLoss } }

    /// Mean final validation accuracy over the seeds of rate `r`; NaN when any diverged.
    func meanAccuracy(_ r: Int) -> Double { mean(r) { $0.finalValidationAccuracy } }

    /// Lowest and highest final validation loss over the seeds (NaN when any diverged).
    func lossSpread(_ r: Int) -> (low: Double, high: Double) {
        guard divergedCount(r) == 0 else { return (.nan, .nan) }
        let values = trials[r].map(\.finalValidationLoss)
        return (values.min() ?? .nan, values.max() ?? .nan)
    }

    private func mean(_ r: Int, _ value: (OptimizerTrial.Result) -> Double) -> Double {
        guard divergedCount(r) == 0, !trials[r].isEmpty else { return .nan }
        return trials[r].map(value).reduce(0, +) / Double(trials[r].count)
    }

    /// The rate with the lowest mean loss among those where no seed diverged.
    var bestIndex: Int? {
        rates.indices.filter { meanLoss($0).isFinite }.min { meanLoss($0) < meanLoss($1) }
    }

    var threshold: Double { bestIndex.map { meanLoss($0) * (1 + tolerance) } ?? .nan }

    /// The good range around the best rate: the grid rates next to it whose mean loss is
    /// under the threshold, extended to where the curve (straight between grid points on
    /// the log-rate axis, as drawn) crosses the threshold. Against a diverged neighbour the
    /// range ends at the last good grid rate. `open` ends touch the end of the grid, so
    /// the range may go on beyond it.
    var goodRange: (low: Double, high: Double, openLow: Bool, openHigh: Bool)? {
        guard let best = bestIndex else { return nil }
        let t = threshold
        func good(_ i: Int) -> Bool { meanLoss(i).isFinite && meanLoss(i) <= t }
        var lo = best, hi = best
        while lo > 0 && good(lo - 1) { lo -= 1 }
        while hi < rates.count - 1 && good(hi + 1) { hi += 1 }
        func crossing(inside i: Int, outside j: Int) -> Double {
            let a = meanLoss(i), b = meanLoss(j)
            guard b.isFinite, b > a else { return rates[i] }
            let f = (t - a) / (b - a)
            return Foundation.pow(10, Foundation.log10(rates[i]) + f * (Foundation.log10(rates[j]) - Foundation.log10(rates[i])))
        }
        let low = lo > 0 ? crossing(inside: lo, outside: lo - 1) : rates[lo]
        let high = hi < rates.count - 1 ? crossing(inside: hi, outside: hi + 1) : rates[hi]
        return (low, high, lo == 0, hi == rates.count - 1)
    }

    /// Width of the good range in decades (log10 of high over low).
    var goodDecades: Double {
        guard let g = goodRange else { return .nan }
        return Foundation.log10(g.high / g.low)
    }

    /// The lowest rate at which some seed diverged (NaN when none did).
    var lowestDivergingRate: Double {
        rates.indices.first { divergedCount($0) > 0 }.map { rates[$0] } ?? .nan
    }

    /// The same sweep seed by seed: one sensitivity per seed, on that seed's runs alone
    /// (its own best rate and good range), so that a width of good range has a spread.
    var perSeed: [RateSensitivity] {
        let count = trials.first?.count ?? 0
        return (0..<count).map { seed in
            RateSensitivity(name: name, label: label, rates: rates, trials: trials.map { [$0[seed]] }, tolerance: tolerance)
        }
    }

    /// Trials that diverged, over the whole grid.
    var divergedTrials: Int { rates.indices.map(divergedCount).reduce(0, +) }
}

extension RateSensitivity {
    /// The settings compared over one grid of rates and seeds: every (setting, rate, seed)
    /// is one cached trial (`key` makes it from the setting's index, the rate and the
    /// seed), all run together through `OptimizerTrial.runAll`, then grouped into one
    /// sensitivity per setting. The way both the optimiser and the schedule lessons sweep.
    static func sweep(_ settings: [(name: String, label: String)], rates: [Double], seeds: [UInt64], tolerance: Double,
                      data: BatchData, context: ExperimentContext,
                      key: (Int, Double, UInt64) -> OptimizerTrial.Key) throws -> [RateSensitivity] {
        var keys: [OptimizerTrial.Key] = []
        for setting in settings.indices {
            for rate in rates {
                for seed in seeds { keys.append(key(setting, rate, seed)) }
            }
        }
        let results = try OptimizerTrial.runAll(keys, data: data, context: context)
        var i = 0
        return settings.map { setting in
            var grid: [[OptimizerTrial.Result]] = []
            for _ in rates {
                grid.append(Array(results[i..<(i + seeds.count)]))
                i += seeds.count
            }
            return RateSensitivity(name: setting.name, label: setting.label, rates: rates, trials: grid, tolerance: tolerance)
        }
    }
}
