import Foundation
import Notebook
import Plot
import Tensor

/// The comparison of strategies after every search has run: the metrics the lesson's
/// claims read, its tables and its figures.
struct TuningSummary {
    typealias Config = TuningStrategiesExperiment.Config
    typealias Problem = TuningStrategiesExperiment.Problem

    let config: Config
    let strategies: [Strategy]
    /// outcomes[strategy][repetition]
    let outcomes: [[Search.Outcome]]
    let rungs: [[Int]]
    let problem: Problem
    let grid: Search.Outcome
    let random: Search.Outcome
    let plane: Problem
    let bayes: TuningStrategiesExperiment.TaskResult
    let line: Problem
    let description: String

    /// A quantile with linear interpolation; infinities (never reached) sort last.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        let position = q * Double(s.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, s.count - 1)
        let f = position - Double(lower)
        if f == 0 || s[lower] == s[upper] { return s[lower] }
        return s[lower] + f * (s[upper] - s[lower])
    }

    /// Epochs spent when the best validation accuracy first reached `level` (infinity if never).
    static func epochs(toReach level: Double, _ o: Search.Outcome) -> Double {
        for (s, b) in zip(o.spent, o.best) where b >= level { return Double(s) }
        return .infinity
    }

    /// The best validation accuracy within the budget, search by search (one value per
    /// repetition, in repetition order: repetition r of every strategy shares its seed).
    func samples() -> [String: [Double]] {
        var samples: [String: [Double]] = [:]
        for (i, s) in strategies.enumerated() {
            samples["\(s.metricName).final_best"] = outcomes[i].map { $0.bestSoFar(within: config.budget) ?? 0 }
        }
        return samples
    }

    func stoppedEarly(_ o: Search.Outcome) -> Int { o.trials.filter { $0.epochs < config.training.epochs }.count }

    /// Median best at the full budget per strategy (index order).
    var medianBest: [Double] {
        outcomes.map { reps in Self.quantile(reps.map { $0.bestSoFar(within: config.budget) ?? 0 }, 0.5) }
    }

    var randomIndex: Int? { strategies.firstIndex { $0.sampler == .random && $0.scheduler == .full } }

    func metrics() -> [String: Double] {
        var m: [String: Double] = [:]
        let best = medianBest
        let randomFinal = randomIndex.map { best[$0] }
        for (i, s) in strategies.enumerated() {
            let reps = outcomes[i]
            let key = s.metricName
            let finals = reps.map { $0.bestSoFar(within: config.budget) ?? 0 }
            m["\(key).median_best"] = best[i]
            m["\(key).q1_best"] = Self.quantile(finals, 0.25)
            m["\(key).q3_best"] = Self.quantile(finals, 0.75)
            m["\(key).median_test"] = Self.quantile(reps.map(\.pickTest), 0.5)
            m["\(key).median_pick_validation"] = Self.quantile(reps.map(\.pickValidation), 0.5)
            m["\(key).epochs_to_target"] = Self.quantile(reps.map { Self.epochs(toReach: config.target, $0) }, 0.5)
            m["\(key).reached_target"] = Double(reps.filter { Self.epochs(toReach: config.target, $0).isFinite }.count)
            m["\(key).median_trials"] = Self.quantile(reps.map { Double($0.trials.count) }, 0.5)
            m["\(key).median_stopped"] = Self.quantile(reps.map { Double(stoppedEarly($0)) }, 0.5)
            m["\(key).median_spent"] = Self.quantile(reps.map { Double($0.spent.last ?? 0) }, 0.5)
            if let level = randomFinal {
                m["\(key).epochs_to_random_final"] = Self.quantile(reps.map { Self.epochs(toReach: level, $0) }, 0.5)
                m["\(key).reached_random_final"] = Double(reps.filter { Self.epochs(toReach: level, $0).isFinite }.count)
            }
            m["\(key).final_best"] = finals.reduce(0, +) / Double(max(finals.count, 1))
        }
        let picks = outcomes.joined().filter { $0.pick != nil }
        let gaps = picks.map { $0.pickValidation - $0.pickTest }
        m["picks.count"] = Double(picks.count)
        m["picks.mean_validation"] = picks.map(\.pickValidation).reduce(0, +) / Double(max(picks.count, 1))
        m["picks.mean_test"] = picks.map(\.pickTest).reduce(0, +) / Double(max(picks.count, 1))
        m["picks.mean_gap"] = gaps.reduce(0, +) / Double(max(gaps.count, 1))
        m["picks.share_optimistic"] = Double(gaps.filter { $0 > 0 }.count) / Double(max(gaps.count, 1))
        // The two splits need not be equally hard: the gap of every fully trained trial,
        // picked or not, is the baseline against which the picks' optimism shows.
        let split = splitGap
        m["trials.mean_gap"] = split
        m["picks.optimism"] = m["picks.mean_gap"]! - split
        let (names, shares, count) = importance()
        for (n, v) in zip(names, shares) { m["importance.\(n)"] = v }
        m["importance.trials"] = Double(count)
        m["budget"] = Double(config.budget)
        m["half_budget"] = Double(config.budget) / 2
        m["max_epochs"] = Double(config.training.epochs)
        m["repetitions"] = Double(config.repetitions)
        m["target"] = config.target
        // Grid against random in two dimensions.
        m["demo.grid_distinct_important"] = Double(Set(grid.trials.map { $0.point[0] }).count)
        m["demo.random_distinct_important"] = Double(Set(random.trials.map { $0.point[0] }).count)
        m["demo.grid_best"] = grid.best.last ?? .nan
        m["demo.random_best"] = random.best.last ?? .nan
        m["bayes.best"] = bayes.outcome.best.last ?? .nan
        m["bayes.trials"] = Double(bayes.outcome.trials.count)
        if let b = bayes.outcome.pick {
            m["bayes.best_learning_rate"] = line.values(bayes.outcome.trials[b].point)[0]
        }
        return m
    }

    /// Mean validation minus test accuracy over every trial trained to `maxEpochs` in all
    /// searches: how much harder the validation split is than the test split, selection aside.
    var splitGap: Double {
        var gaps: [Double] = []
        for o in outcomes.joined() {
            for t in o.trials where t.epochs == config.training.epochs {
                gaps.append(t.last - (o.testCurves[t.id].last ?? .nan))
            }
        }
        return gaps.isEmpty ? .nan : gaps.reduce(0, +) / Double(gaps.count)
    }

    /// First-order variance shares of every dimension over the distinct trials trained to
    /// `maxEpochs` in all searches.
    func importance() -> (names: [String], shares: [Double], trials: Int) {
        var seen = Set<[Double]>()
        var points: [[Double]] = []
        var values: [Double] = []
        for reps in outcomes {
            for (r, o) in reps.enumerated() {
                for t in o.trials where t.epochs == config.training.epochs {
                    // The repetition's seed is part of the trial: the same point in another
                    // repetition is another trial.
                    if seen.insert(t.point + [Double(r)]).inserted {
                        points.append(t.point)
                        values.append(t.last)
                    }
                }
            }
        }
        return (problem.dimensions.map(\.label), Importance.shares(points: points, values: values), points.count)
    }

    func strategyTable() -> Table {
        let m = metrics()
        func f(_ x: Double?, _ format: String) -> TableValue {
            guard let x else { return "" }
            if x.isInfinite { return "not reached" }
            if x.isNaN { return "" }
            return .text(String(format: format, x))
        }
        var rows: [[TableValue]] = []
        for s in strategies {
            let k = s.metricName
            rows.append([.text(s.title), f(m["\(k).median_best"], "%.3f"),
                         .text(String(format: "%.3f–%.3f", m["\(k).q1_best"]!, m["\(k).q3_best"]!)),
                         f(m["\(k).median_test"], "%.3f"), f(m["\(k).epochs_to_target"], "%.0f"),
                         f(m["\(k).epochs_to_random_final"], "%.0f"),
                         f(m["\(k).median_trials"], "%.0f"), f(m["\(k).median_stopped"], "%.0f")])
        }
        return Table(caption: String(format: "Medians over %d searches of %d epochs each: best validation accuracy found (and its quartiles), the test accuracy of that pick, epochs spent until the best validation accuracy reached %.2f and until it reached random search's median final best, trials started and trials stopped before %d epochs.",
                                     config.repetitions, config.budget, config.target, config.training.epochs),
                     columns: ["strategy", "best validation", "quartiles", "test of pick", "epochs to target",
                               "epochs to random's final", "trials", "stopped early"],
                     rows: rows)
    }

    func importanceTable() -> Table {
        let (names, shares, count) = importance()
        return Table(caption: "First-order variance share of each hyperparameter (η² over 4 equal bins of its range) over the \(count) distinct trials trained to \(config.training.epochs) epochs in all searches.",
                     columns: ["hyperparameter", "variance share"],
                     rows: zip(names, shares).map { [.text($0), .text(String(format: "%.3f", $1))] })
    }

    func cellResult() -> CellResult {
        var series: [String: Series] = [:]
        for (i, s) in strategies.enumerated() {
            let (x, median, _, _) = TuningFigures.bestBand(outcomes[i], budget: config.budget)
            series["\(s.metricName).median_best"] = Series(x: x, y: median, xLabel: "epochs spent", yLabel: "best validation accuracy", xScale: .log10)
        }
        let figures = TuningFigures(summary: self).all()
        return CellResult(metrics: metrics(), series: series,
                          tables: ["strategies": strategyTable(), "importance-table": importanceTable()],
                          figures: figures,
                          notes: ["Data: \(description); \(config.data.train) training, \(config.data.validation) validation and \(config.data.test) test examples."],
                          samples: samples())
    }
}
