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
struct SawtoothExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable, CurveFitConfig {
        var compositions = [1, 2, 3, 4, 5, 6, 7]
        var drawn = [3, 5, 7]
        var restarts = 16
        var points = 512
        var epochs = 400
        var batchSize = 64
        var learningRate = 0.01
        var gridPoints = 4097
        var knotRestarts = 100

        static let parameters: [Parameter<Config>] = [
            .wholes("compositions", \.compositions, 1...12, .nonEmpty,
                    "Numbers of compositions k of the tent map (2^(k-1) teeth, 2^k pieces)."),
            .wholes("drawn", \.drawn, 1...12, .anyLength,
                    "The k whose target and fits are drawn, one panel each (each must be in `compositions`)."),
            .whole("restarts", \.restarts, 1..., "Training restarts of each shallow network (different initial weights); the best is kept."),
            .whole("points", \.points, 1..., "Evenly spaced training points on [0, 1]."),
            .whole("epochs", \.epochs, 1..., "Passes over the training points."),
            .whole("batchSize", \.batchSize, 1..., "Examples per minibatch."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
            .whole("gridPoints", \.gridPoints, 2..., "Evenly spaced points of [0, 1] on which errors are measured."),
            .whole("knotRestarts", \.knotRestarts, 0..., "Random kink sets tried by the kink search (before its coordinate moves)."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            if let bad = drawn.first(where: { !compositions.contains($0) }) {
                checks.require(false, "drawn", expected: "values from compositions \(compositions)", found: "\(bad)")
            }
        }
    }

    static let kind = "sawtooth"
    static let version = 1
    static let summary = "Telgarsky's sawtooth: a hand-built deep ReLU network against the best equal-budget shallow one."
    static let outputs = ["fits", "errors", "table"]
    static let metrics: [MetricName] = [
        MetricName("constant_error", "Mean squared error of the best constant (1/12): a fit no better learned nothing."),
        MetricName("k<k>.teeth", "Teeth of the sawtooth with k compositions, 2^(k-1)."),
        MetricName("k<k>.deep_pieces", "Linear pieces of the hand-built deep network, counted exactly (2^k)."),
        MetricName("k<k>.deep_error", "Mean squared error of the hand-built deep network."),
        MetricName("k<k>.deep_parameters", "Parameters of the deep network, 6k + 1."),
        MetricName("k<k>.shallow_units", "Units of the equal-budget one-hidden-layer network."),
        MetricName("k<k>.shallow_parameters", "Parameters of that shallow network."),
        MetricName("k<k>.shallow_pieces", "Linear pieces of the best trained shallow network."),
        MetricName("k<k>.shallow_error", "Error of the best of the shallow network's restarts."),
        MetricName("k<k>.shallow_median_error", "Median error over the restarts."),
        MetricName("k<k>.best_shallow_error", "Lowest shallow error found by training or the kink search."),
        MetricName("k<k>.knot_search_error", "Error of the best free-kink fit the search found."),
        MetricName("k<k>.lower_bound", "Proven lower bound on any shallow fit's error at this budget."),
        MetricName("k<k>.units_for_exact_fit", "Units one hidden layer needs to fit the sawtooth exactly."),
        MetricName("max_shallow_pieces_over_bound", "Most pieces any shallow fit has beyond its 2k + 1 bound (0 when the bound holds)."),
        MetricName("pieces_mismatches", "Values of k where the deep network's count is not 2^k (0 when the construction holds)."),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "restarts": .int(3), "epochs": .int(150), "knotRestarts": .int(20), "gridPoints": .int(2049),
    ]

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

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        // Trials: the shallow networks' restarts and the kink search, for every k.
        let root = SeededGenerator(seed: context.seed)
        let trials = try shallowFits(config, root: root, context: context)
        let knots = try SweepRunner.run(count: config.compositions.count, jobs: context.jobs, label: "kink search",
                                        progress: context.progress) { i in
            let k = config.compositions[i]
            return try KnotSearch.best(.sawtooth(compositions: k), kinks: 2 * k, points: min(config.gridPoints, 2049),
                                       restarts: config.knotRestarts, rounds: 12, seed: root.derive(stream: 99_000 + UInt64(k)).seed)
        }

        // Summary: one row per k, its metrics, table and series.
        let rows = try config.compositions.enumerated().map { index, k in
            try Self.row(k: k, trials: trials[(index * config.restarts)..<((index + 1) * config.restarts)],
                         knotError: knots[index].error, gridPoints: config.gridPoints)
        }
        let series = Self.series(rows)
        context.progress("figures", 1)

        // Figures.
        var figures: [NamedFigure] = []
        let drawnRows = try config.drawn.compactMap { k -> SawtoothFigures.Panel? in
            guard let r = rows.first(where: { $0.k == k }) else { return nil }
            let shallow = try CurveFit.network(hidden: [r.units], parameters: r.best.parameters)
            let index = config.compositions.firstIndex(of: k)!
            let best = try knots[index].graph(.sawtooth(compositions: k), points: min(config.gridPoints, 2049))
            return SawtoothFigures.Panel(k: k, deep: r.deep, shallow: shallow, units: r.units, shallowError: r.best.error,
                                         knotGraph: best, knotError: r.knotError)
        }
        if let fits = try SawtoothFigures.fits(drawnRows) { figures.append(fits) }
        if let errors = SawtoothFigures.errors(series: series) { figures.append(errors) }
        return CellResult(metrics: Self.metrics(rows), series: series, tables: ["table": Self.table(rows, restarts: config.restarts)],
                          figures: figures)
    }

    /// Every restart of every k's equal-budget shallow network, k by k (cached per trial).
    func shallowFits(_ config: Config, root: SeededGenerator, context: ExperimentContext) throws -> [CurveFitTrial] {
        let ks = config.compositions
        let settings = config.settings
        let jobs = ks.flatMap { k in (0..<config.restarts).map { (k: k, restart: $0) } }
        return try SweepRunner.run(count: jobs.count, jobs: context.jobs, label: "shallow fit", progress: context.progress) { i in
            let job = jobs[i]
            let key = CurveFitTrial.Key(hidden: [2 * job.k], target: .sawtooth(compositions: job.k), settings: settings,
                               seed: root.derive(stream: UInt64(job.k * 1000 + job.restart)).seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) {
                try CurveFit.train(key)
            }
            return trial
        }
    }

    /// The results for one k: the hand-built deep network counted and scored, and the best
    /// of the shallow network's restarts.
    static func row(k: Int, trials: ArraySlice<CurveFitTrial>, knotError: Double, gridPoints: Int) throws -> Row {
        let deep = try Sawtooth.network(compositions: k)
        let best = trials.min { $0.error < $1.error }!
        return Row(k: k, deep: deep, deepPieces: try PiecewiseLinear(network: deep).pieces,
                   deepError: try CurveFit.error(deep, .sawtooth(compositions: k), gridPoints: gridPoints),
                   units: 2 * k, best: best, errors: trials.map(\.error), knotError: knotError,
                   lowerBound: Sawtooth.shallowErrorLowerBound(compositions: k, knots: 2 * k))
    }

    static func metrics(_ rows: [Row]) -> [String: Double] {
        var metrics: [String: Double] = [:]
        for row in rows {
            let k = row.k
            let p = "k\(k)."
            metrics[p + "teeth"] = Double(1 << (k - 1))
            metrics[p + "deep_pieces"] = Double(row.deepPieces)
            metrics[p + "deep_parameters"] = Double(row.deep.parameterCount)
            metrics[p + "deep_error"] = row.deepError
            metrics[p + "shallow_units"] = Double(2 * k)
            metrics[p + "shallow_parameters"] = Double(CurveFit.parameterCount([2 * k]))
            metrics[p + "shallow_error"] = row.best.error
            metrics[p + "shallow_median_error"] = Statistics.median(row.errors)
            metrics[p + "shallow_pieces"] = Double(row.best.pieces)
            metrics[p + "knot_search_error"] = row.knotError
            metrics[p + "best_shallow_error"] = min(row.best.error, row.knotError)
            metrics[p + "lower_bound"] = row.lowerBound
            metrics[p + "units_for_exact_fit"] = Double((1 << k) - 1)
        }
        metrics["pieces_mismatches"] = Double(rows.filter { $0.deepPieces != 1 << $0.k }.count)
        metrics["constant_error"] = 1.0 / 12
        metrics["max_shallow_pieces_over_bound"] = rows.map { Double($0.best.pieces - ($0.units + 1)) }.max() ?? 0
        return metrics
    }

    static func table(_ rows: [Row], restarts: Int) -> Table {
        Table(
            caption: "Hand-built deep networks against the best of \(restarts) trained one-hidden-layer networks with the same parameter count (mean squared error on [0, 1]; predicting the constant 1/2 scores 1/12 ≈ 0.083).",
            columns: ["k", "teeth", "parameters", "deep pieces", "deep error", "shallow units", "shallow pieces",
                      "shallow error (best)", "shallow error (median)", "best kink search", "lower bound"],
            rows: rows.map { r in
                [.number(Double(r.k)), .number(Double(1 << (r.k - 1))), .number(Double(r.deep.parameterCount)),
                 .number(Double(r.deepPieces)), .number(r.deepError), .number(Double(r.units)), .number(Double(r.best.pieces)),
                 .number(Self.round(r.best.error)), .number(Self.round(Statistics.median(r.errors))),
                 .number(Self.round(r.knotError)), .number(Self.round(r.lowerBound))]
            })
    }

    static func series(_ rows: [Row]) -> [String: Series] {
        var series: [String: Series] = [:]
        let kx = rows.map { Double($0.k) }
        series["error.shallow_best"] = Series(x: kx, y: rows.map(\.best.error), xLabel: "compositions k", yLabel: "mean squared error")
        series["error.knot_search"] = Series(x: kx, y: rows.map(\.knotError), xLabel: "compositions k", yLabel: "mean squared error")
        series["error.lower_bound"] = Series(x: kx, y: rows.map(\.lowerBound), xLabel: "compositions k", yLabel: "mean squared error")
        series["pieces.deep"] = Series(x: kx, y: rows.map { Double($0.deepPieces) }, xLabel: "compositions k", yLabel: "linear pieces")
        series["pieces.shallow"] = Series(x: kx, y: rows.map { Double($0.best.pieces) }, xLabel: "compositions k", yLabel: "linear pieces")
        return series
    }

    /// Four significant digits for tables.
    static func round(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let scale = pow(10, 3 - floor(log10(abs(value))))
        return (value * scale).rounded() / scale
    }
}
