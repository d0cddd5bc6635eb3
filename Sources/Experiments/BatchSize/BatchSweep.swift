import Foundation
import Notebook

/// The summary of a batch-size by learning-rate sweep: steps to target per grid point
/// (for the validation accuracy averaged over seeds, the counterpart of the expected
/// loss of the noisy quadratic model), the best learning rate per batch size (Shallue et al. 2019: the one reaching
/// the target in the fewest steps), the slope of the best rate against batch size, and
/// the point of diminishing returns of the steps.
struct BatchSweep {
    let batchSizes: [Int]
    let rates: [Double]
    let seeds: Int
    let slopeMaxBatch: Int
    let target: Double
    /// Which trials count as failed (diverged or collapsed towards chance).
    let failure: FailureRule
    /// results[b][r][s]
    let results: [[[SGDTrial.Result]]]

    init(config: BatchLRGridExperiment.Config, keys: [SGDTrial.Key], results flat: [SGDTrial.Result]) {
        batchSizes = config.batchSizes
        rates = config.learningRates
        seeds = config.seeds
        slopeMaxBatch = config.slopeMaxBatch
        target = config.target
        failure = FailureRule(classes: 10, margin: config.collapseMargin)
        var grid: [[[SGDTrial.Result]]] = []
        var i = 0
        for _ in batchSizes {
            var row: [[SGDTrial.Result]] = []
            for _ in rates {
                row.append(Array(flat[i..<(i + seeds)]))
                i += seeds
            }
            grid.append(row)
        }
        results = grid
    }

    /// Steps for the validation accuracy averaged over seeds to reach the target
    /// (interpolated linearly between measured steps), or infinity. Every seed of a batch
    /// size is measured at the same steps; the mean runs as far as every seed does.
    func steps(_ b: Int, _ r: Int) -> Double {
        Self.crossing(results[b][r], target: target)
    }

    static func crossing(_ trials: [SGDTrial.Result], target: Double) -> Double {
        guard let longest = trials.max(by: { $0.steps.count < $1.steps.count }) else { return .infinity }
        // A seed stops measuring once it has reached the target and gone on a while (or
        // diverged, or hit the cap); past its end it counts with its last accuracy if it
        // had reached the target, and the mean ends otherwise.
        var previous: (step: Double, accuracy: Double)? = nil
        for k in longest.steps.indices {
            var sum = 0.0
            for t in trials {
                if k < t.validationAccuracy.count {
                    sum += t.validationAccuracy[k]
                } else if t.stepsToTarget != nil, !t.diverged, let last = t.validationAccuracy.last {
                    sum += last
                } else {
                    return .infinity
                }
            }
            let step = Double(longest.steps[k])
            let accuracy = sum / Double(trials.count)
            if accuracy >= target {
                guard let p = previous else { return step }
                return p.step + (target - p.accuracy) / max(accuracy - p.accuracy, 1e-12) * (step - p.step)
            }
            previous = (step, accuracy)
        }
        return .infinity
    }

    /// Index of the best rate for batch index `b`, or nil if no rate reaches the target.
    func bestRateIndex(_ b: Int) -> Int? {
        var best: Int? = nil
        for r in rates.indices where steps(b, r).isFinite {
            if best == nil || steps(b, r) < steps(b, best!) { best = r }
        }
        return best
    }

    var bestRates: [Double?] { batchSizes.indices.map { bestRateIndex($0).map { rates[$0] } } }
    var bestSteps: [Double?] { batchSizes.indices.map { b in bestRateIndex(b).map { steps(b, $0) } } }

    /// Root mean square of the step-to-step change of the minibatch loss, over the second
    /// half of a run (after the first rapid fall), divided by sqrt 2 so that independent
    /// noise of standard deviation sigma gives sigma.
    static func stepVariation(_ losses: [Double]) -> Double {
        let tail = Array(losses.suffix(max(losses.count / 2, 2)))
        guard tail.count >= 2 else { return .nan }
        var sum = 0.0
        for i in 1..<tail.count { sum += (tail[i] - tail[i - 1]) * (tail[i] - tail[i - 1]) }
        return (sum / Double(tail.count - 1) / 2).squareRoot()
    }

    func metrics() -> [String: Double] {
        var m = ScalingMetrics.compute(batchSizes: batchSizes, bestRates: bestRates, bestSteps: bestSteps,
                                       slopeMaxBatch: slopeMaxBatch)
        var diverged = 0, collapsed = 0, missed = 0
        for row in results { for cell in row { for t in cell {
            switch failure.outcome(t) {
            case .diverged: diverged += 1
            case .collapsed: collapsed += 1
            case .healthy: if t.stepsToTarget == nil { missed += 1 }
            }
        } } }
        m["trials.count"] = Double(batchSizes.count * rates.count * seeds)
        m["trials.diverged"] = Double(diverged)
        m["trials.collapsed"] = Double(collapsed)
        m["trials.failed"] = Double(diverged + collapsed)
        m["trials.missed_target"] = Double(missed)
        m["failure.accuracy_floor"] = failure.accuracyFloor
        m["failure.loss_ceiling"] = failure.lossCeiling
        m["failure.divergence_loss"] = SGDTrial.divergenceThreshold
        return m
    }

    /// The claims' numbers measured seed by seed: each seed's own best rate and steps to
    /// the target per batch size (its accuracy curve instead of the mean over seeds), and
    /// the slope, knee and gains they give. Seed i is the same at every grid point.
    func perSeedMetrics(_ names: [String]) -> [String: [Double]] {
        var samples: [String: [Double]] = [:]
        for s in 0..<seeds {
            var rates: [Double?] = [], steps: [Double?] = []
            for b in batchSizes.indices {
                let crossings = self.rates.indices.map { Self.crossing([results[b][$0][s]], target: target) }
                let best = crossings.indices.filter { crossings[$0].isFinite }.min { crossings[$0] < crossings[$1] }
                rates.append(best.map { self.rates[$0] })
                steps.append(best.map { crossings[$0] })
            }
            let m = ScalingMetrics.compute(batchSizes: batchSizes, bestRates: rates, bestSteps: steps,
                                           slopeMaxBatch: slopeMaxBatch)
            for name in names { samples[name, default: []].append(m[name] ?? .nan) }
        }
        return samples
    }

    func bestTable() -> Table {
        var rows: [[TableValue]] = []
        for (i, b) in batchSizes.enumerated() {
            guard let r = bestRateIndex(i) else {
                rows.append([.number(Double(b)), "none reached the target", "", "", "", ""])
                continue
            }
            let s = steps(i, r)
            let cell = results[i][r]
            let reached = cell.filter { $0.stepsToTarget != nil }.count
            let seconds = cell.map(\.seconds).reduce(0, +) / Double(cell.count)
            rows.append([.number(Double(b)), .number(rates[r]), .number(s.rounded()), .number((s * Double(b)).rounded()),
                         .text("\(reached)/\(cell.count)"), .number((seconds * 1000).rounded() / 1000)])
        }
        return Table(caption: "The best learning rate per batch size: the one reaching the target in the fewest steps (validation accuracy averaged over seeds).",
                     columns: ["batch size", "best learning rate", "steps to target", "examples to target",
                               "seeds reaching target", "wall time per trial (s)"],
                     rows: rows)
    }

    /// A budget measurement per grid point, averaged over seeds; NaN (a hatched cell)
    /// where any seed failed by `failure`.
    func budgetGrid(_ value: (SGDTrial.Result) -> Double) -> [[Double]] {
        results.map { row in
            row.map { cell in
                cell.contains(where: failure.failed) ? .nan : cell.map(value).reduce(0, +) / Double(cell.count)
            }
        }
    }

    /// Every trial: its setting, steps to target, budget measurements and wall time.
    func trialTable() -> Table {
        var rows: [[TableValue]] = []
        for (i, b) in batchSizes.enumerated() {
            for (j, r) in rates.enumerated() {
                for (s, t) in results[i][j].enumerated() {
                    let outcome = failure.outcome(t)
                    rows.append([.number(Double(b)), .number(r), .number(Double(s)),
                                 t.stepsToTarget.map { .number($0.rounded()) } ?? (t.diverged ? "diverged" : "not reached"),
                                 .text(outcome == .healthy ? "learned" : outcome.rawValue),
                                 .number(t.budgetLoss), .number(t.budgetAccuracy),
                                 .number(t.diverged ? .nan : t.validationAccuracy.last ?? .nan),
                                 .number(Double(t.stepsTaken)), .number((t.seconds * 1000).rounded() / 1000)])
                }
            }
        }
        return Table(caption: "Every trial of the sweep.",
                     columns: ["batch size", "learning rate", "seed", "steps to target", "outcome", "validation loss at budget",
                               "validation accuracy at budget", "final validation accuracy", "steps taken", "wall time (s)"],
                     rows: rows)
    }

    func notes() -> [String] {
        var out: [String] = []
        for (i, b) in batchSizes.enumerated() {
            for (j, r) in rates.enumerated() {
                let outcomes = results[i][j].map(failure.outcome)
                let d = outcomes.filter { $0 == .diverged }.count, c = outcomes.filter { $0 == .collapsed }.count
                guard d + c > 0 else { continue }
                let parts = [d > 0 ? "\(d) diverged" : nil, c > 0 ? "\(c) collapsed" : nil].compactMap { $0 }
                out.append("batch \(b), rate \(r): \(d + c) of \(outcomes.count) seeds failed (\(parts.joined(separator: ", ")))")
            }
        }
        return out
    }
}
