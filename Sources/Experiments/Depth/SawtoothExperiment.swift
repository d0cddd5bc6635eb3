import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `sawtooth`: Telgarsky's (2016) separation between deep and shallow ReLU networks. The
/// tent map composed k times is built by hand as k layers of 2 ReLU units (6k + 1
/// parameters) and has exactly 2^k linear pieces; a one-hidden-layer network with the same
/// parameter count has 2k units, so at most 2k + 1 pieces. For every k the experiment
/// counts the deep network's pieces exactly, trains the equal-budget shallow network from
/// several restarts and keeps the best, and compares its error with the best free-kink
/// fit found by a search and with a proven lower bound.
public struct SawtoothExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// Numbers of compositions k of the tent map (2^(k-1) teeth, 2^k pieces).
        public var compositions = [1, 2, 3, 4, 5, 6, 7]
        /// The k whose target and fits are drawn, one panel each (each must be in `compositions`).
        public var drawn = [3, 5, 7]
        /// Training restarts of each shallow network (different initial weights); the best is kept.
        public var restarts = 16
        /// Evenly spaced training points on [0, 1].
        public var points = 512
        /// Passes over the training points.
        public var epochs = 400
        /// Examples per minibatch.
        public var batchSize = 64
        /// Adam's learning rate.
        public var learningRate = 0.01
        /// Evenly spaced points of [0, 1] on which errors are measured.
        public var gridPoints = 4097
        /// Random kink sets tried by the kink search (before its coordinate moves).
        public var knotRestarts = 100

        public init() {}

        public func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            if compositions.isEmpty || compositions.contains(where: { $0 < 1 || $0 > 12 }) {
                problems.append(ConfigProblem(key: "compositions", expected: "a non-empty list of whole numbers from 1 to 12",
                                              found: "\(compositions)"))
            }
            if let bad = drawn.first(where: { !compositions.contains($0) }) {
                problems.append(ConfigProblem(key: "drawn", expected: "values from compositions \(compositions)", found: "\(bad)"))
            }
            for (key, value) in [("restarts", restarts), ("points", points), ("epochs", epochs), ("batchSize", batchSize)]
            where value < 1 {
                problems.append(ConfigProblem(key: key, expected: "a positive whole number", found: "\(value)"))
            }
            if gridPoints < 2 {
                problems.append(ConfigProblem(key: "gridPoints", expected: "a whole number >= 2", found: "\(gridPoints)"))
            }
            if knotRestarts < 0 {
                problems.append(ConfigProblem(key: "knotRestarts", expected: "a whole number >= 0", found: "\(knotRestarts)"))
            }
            if !(learningRate > 0) || !learningRate.isFinite {
                problems.append(ConfigProblem(key: "learningRate", expected: "a positive number", found: "\(learningRate)"))
            }
            return problems
        }

        var settings: CurveFitSettings {
            CurveFitSettings(points: points, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                             gridPoints: gridPoints)
        }
    }

    public static let kind = "sawtooth"
    public static let version = 1
    public static let summary = "Telgarsky's sawtooth: a hand-built deep ReLU network against the best equal-budget shallow one."
    public static let outputs = ["fits", "errors", "table"]
    public static let quickProfile: [String: ConfigValue] = [
        "restarts": .int(3), "epochs": .int(150), "knotRestarts": .int(20), "gridPoints": .int(2049),
    ]

    public init() {}

    /// One k's results.
    struct Row {
        var k: Int
        var deep: Network
        var deepPieces: Int
        var deepError: Double
        var units: Int
        var best: CurveFitTrial
        var errors: [Double]
        var knotError: Double
        var lowerBound: Double
    }

    /// What tells one trial from the sweep's others; `TrialCache` adds the kind, version,
    /// whole configuration and build.
    struct TrialKey: Codable {
        var hidden: [Int]
        var target: CurveTarget
        var settings: CurveFitSettings
        var seed: UInt64
    }

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let ks = config.compositions
        let settings = config.settings
        let root = SeededGenerator(seed: context.seed)
        let jobs = ks.flatMap { k in (0..<config.restarts).map { (k: k, restart: $0) } }
        let done = ParallelTrials.Counter()
        let trials = try ParallelTrials.map(jobs.count, jobs: context.jobs) { i in
            let job = jobs[i]
            let key = TrialKey(hidden: [2 * job.k], target: .sawtooth(compositions: job.k), settings: settings,
                               seed: root.derive(stream: UInt64(job.k * 1000 + job.restart)).seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) {
                try CurveFit.train(hidden: key.hidden, target: key.target, settings: settings, seed: key.seed)
            }
            let finished = done.increment()
            context.progress("shallow fit \(finished)/\(jobs.count)", Double(finished) / Double(jobs.count + ks.count))
            return trial
        }
        let knots = try ParallelTrials.map(ks.count, jobs: context.jobs) { i in
            try KnotSearch.best(.sawtooth(compositions: ks[i]), kinks: 2 * ks[i], points: min(config.gridPoints, 2049),
                                restarts: config.knotRestarts, rounds: 12, seed: root.derive(stream: 99_000 + UInt64(ks[i])).seed)
        }

        var rows: [Row] = []
        var metrics: [String: Double] = [:]
        var mismatches = 0
        for (index, k) in ks.enumerated() {
            let deep = try Sawtooth.network(compositions: k)
            let pieces = try PiecewiseLinear(network: deep).pieces
            if pieces != 1 << k { mismatches += 1 }
            let mine = trials[(index * config.restarts)..<((index + 1) * config.restarts)]
            let best = mine.min { $0.error < $1.error }!
            let row = Row(k: k, deep: deep, deepPieces: pieces,
                          deepError: try CurveFit.error(deep, .sawtooth(compositions: k), gridPoints: config.gridPoints),
                          units: 2 * k, best: best, errors: mine.map(\.error), knotError: knots[index].error,
                          lowerBound: Sawtooth.shallowErrorLowerBound(compositions: k, knots: 2 * k))
            rows.append(row)
            let p = "k\(k)."
            metrics[p + "teeth"] = Double(1 << (k - 1))
            metrics[p + "deep_pieces"] = Double(pieces)
            metrics[p + "deep_parameters"] = Double(deep.parameterCount)
            metrics[p + "deep_error"] = row.deepError
            metrics[p + "shallow_units"] = Double(2 * k)
            metrics[p + "shallow_parameters"] = Double(CurveFit.parameterCount([2 * k]))
            metrics[p + "shallow_error"] = best.error
            metrics[p + "shallow_median_error"] = Statistics.median(row.errors)
            metrics[p + "shallow_pieces"] = Double(best.pieces)
            metrics[p + "knot_search_error"] = row.knotError
            metrics[p + "best_shallow_error"] = min(best.error, row.knotError)
            metrics[p + "lower_bound"] = row.lowerBound
            metrics[p + "units_for_exact_fit"] = Double((1 << k) - 1)
        }
        metrics["pieces_mismatches"] = Double(mismatches)
        metrics["constant_error"] = 1.0 / 12
        metrics["max_shallow_pieces_over_bound"] = rows.map { Double($0.best.pieces - ($0.units + 1)) }.max() ?? 0
        context.progress("figures", 1)

        let table = Table(
            caption: "Hand-built deep networks against the best of \(config.restarts) trained one-hidden-layer networks with the same parameter count (mean squared error on [0, 1]; predicting the constant 1/2 scores 1/12 ≈ 0.083).",
            columns: ["k", "teeth", "parameters", "deep pieces", "deep error", "shallow units", "shallow pieces",
                      "shallow error (best)", "shallow error (median)", "best kink search", "lower bound"],
            rows: rows.map { r in
                [.number(Double(r.k)), .number(Double(1 << (r.k - 1))), .number(Double(r.deep.parameterCount)),
                 .number(Double(r.deepPieces)), .number(r.deepError), .number(Double(r.units)), .number(Double(r.best.pieces)),
                 .number(Self.round(r.best.error)), .number(Self.round(Statistics.median(r.errors))),
                 .number(Self.round(r.knotError)), .number(Self.round(r.lowerBound))]
            })

        var series: [String: Series] = [:]
        let kx = rows.map { Double($0.k) }
        series["error.shallow_best"] = Series(x: kx, y: rows.map(\.best.error), xLabel: "compositions k", yLabel: "mean squared error")
        series["error.knot_search"] = Series(x: kx, y: rows.map(\.knotError), xLabel: "compositions k", yLabel: "mean squared error")
        series["error.lower_bound"] = Series(x: kx, y: rows.map(\.lowerBound), xLabel: "compositions k", yLabel: "mean squared error")
        series["pieces.deep"] = Series(x: kx, y: rows.map { Double($0.deepPieces) }, xLabel: "compositions k", yLabel: "linear pieces")
        series["pieces.shallow"] = Series(x: kx, y: rows.map { Double($0.best.pieces) }, xLabel: "compositions k", yLabel: "linear pieces")

        var figures: [NamedFigure] = []
        let drawnRows = try config.drawn.compactMap { k -> SawtoothFigures.Panel? in
            guard let r = rows.first(where: { $0.k == k }) else { return nil }
            let shallow = try CurveFit.network(hidden: [r.units], parameters: r.best.parameters)
            let index = ks.firstIndex(of: k)!
            let best = try knots[index].graph(.sawtooth(compositions: k), points: min(config.gridPoints, 2049))
            return SawtoothFigures.Panel(k: k, deep: r.deep, shallow: shallow, units: r.units, shallowError: r.best.error,
                                         knotGraph: best, knotError: r.knotError)
        }
        if let fits = try SawtoothFigures.fits(drawnRows) { figures.append(fits) }
        if let errors = SawtoothFigures.errors(series: series) { figures.append(errors) }
        return CellResult(metrics: metrics, series: series, tables: ["table": table], figures: figures)
    }

    /// Four significant digits for tables.
    static func round(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let scale = pow(10, 3 - floor(log10(abs(value))))
        return (value * scale).rounded() / scale
    }
}
