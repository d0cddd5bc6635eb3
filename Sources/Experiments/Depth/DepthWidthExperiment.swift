import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `depth-vs-width`: deep-narrow against shallow-wide ReLU networks at equal parameter
/// budgets, trained from many seeds on the sawtooth and on a smooth target. The deep
/// family has `depths` hidden layers of `deepWidth` units; each of its budgets is matched
/// by a one-hidden-layer network with (budget - 1) / 3 units, rounded. Reports the best,
/// the median and the spread over seeds, and counts the runs that learned nothing (no
/// better than predicting the mean), which is how deep narrow networks often fail.
struct DepthWidthExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable, CurveFitConfig {
        var compositions = 3
        var bumps = 2
        var deepWidth = 4
        var depths = [2, 3, 4, 6, 8]
        var seeds = 10
        var points = 256
        var epochs = 500
        var batchSize = 32
        var learningRate = 0.01
        var gridPoints = 2049
        var failureLevel = 0.9

        static let parameters: [Parameter<Config>] = [
            .whole("compositions", \.compositions, 1...12, "Compositions of the tent map for the sawtooth target (2^(k-1) teeth)."),
            .whole("bumps", \.bumps, 1..., "Bumps of the smooth target (1 - cos(2 pi bumps x)) / 2."),
            .whole("deepWidth", \.deepWidth, 1..., "Width of every hidden layer of the deep family."),
            .wholes("depths", \.depths, 1..., .nonEmpty, "Hidden-layer counts of the deep family; each sets one parameter budget."),
            .whole("seeds", \.seeds, 1..., "Seeds (initial weights and minibatch order) per network and target."),
            .whole("points", \.points, 1..., "Evenly spaced training points on [0, 1]."),
            .whole("epochs", \.epochs, 1..., "Passes over the training points."),
            .whole("batchSize", \.batchSize, 1..., "Examples per minibatch."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
            .whole("gridPoints", \.gridPoints, 2..., "Evenly spaced points of [0, 1] on which errors are measured."),
            .number("failureLevel", \.failureLevel, .above(0, upTo: 1),
                    "A run counts as failed when its error is above this fraction of the error of predicting the mean (the target's variance)."),
        ]
    }

    static let kind = "depth-vs-width"
    static let version = 1
    static let summary = "Deep-narrow against shallow-wide ReLU networks at equal parameter budgets, over many seeds."
    static let outputs = ["errors", "table"]
    static let metrics: [MetricName] = [
        MetricName("<target>.constant_error", "Error of predicting the mean, for `sawtooth` or `smooth`."),
        MetricName("<target>.<family>.L<depth>.best_error", "Best error over seeds of the `deep` or `shallow` network at the budget of <depth> deep layers."),
        MetricName("<target>.<family>.L<depth>.median_error", "Median error over seeds at that budget."),
        MetricName("<target>.<family>.L<depth>.failures", "Seeds that learned nothing at that budget."),
        MetricName("<target>.<family>.L<depth>.parameters", "Parameters of the network at that budget."),
        MetricName("<target>.<family>.best_error", "Best error of the family over every budget and seed."),
        MetricName("<target>.<family>.runs", "Runs of the family."),
        MetricName("<target>.<family>.failed_runs", "Runs that learned nothing (error above `failure_level` times the constant error)."),
        MetricName("<target>.<family>.failure_rate", "Failed runs over runs."),
        MetricName("<target>.<family>.single_piece_runs", "Runs whose fit collapsed to a single linear piece."),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "depths": .array([.int(2), .int(4), .int(8)]), "seeds": .int(4), "epochs": .int(60), "points": .int(128),
        "gridPoints": .int(513),
    ]

    /// One network shape of one family at one budget, with its seeds' results.
    struct Cell {
        var target: String
        var family: String
        var depth: Int
        var hidden: [Int]
        var trials: [CurveFitTrial]
    }

    /// One network shape of the sweep: its target (index), family and hidden widths.
    typealias Shape = (target: Int, family: String, depth: Int, hidden: [Int])

    /// What the summary collects over every shape.
    struct Summary {
        var metrics: [String: Double] = [:]
        var rows: [[TableValue]] = []
        var series: [String: Series] = [:]
        var failureSeries: [String: Series] = [:]
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let targets: [(name: String, target: CurveTarget)] = [
            ("sawtooth", .sawtooth(compositions: config.compositions)), ("smooth", .smooth(bumps: config.bumps)),
        ]
        // Trials: every shape of both families on both targets, from every seed.
        let shapes = Self.shapes(config, targetCount: targets.count)
        let trials = try train(config, shapes: shapes, targets: targets.map { $0.target }, context: context)
        let cells = shapes.enumerated().map { index, shape in
            Cell(target: targets[shape.target].name, family: shape.family, depth: shape.depth, hidden: shape.hidden,
                 trials: Array(trials[(index * config.seeds)..<((index + 1) * config.seeds)]))
        }

        // Summary per target and family.
        var summary = Summary()
        for target in targets {
            summary.metrics["\(target.name).constant_error"] = target.target.constantError
            for family in ["deep", "shallow"] {
                Self.summarise(cells.filter { $0.target == target.name && $0.family == family }, target: target.name,
                               family: family, threshold: config.failureLevel * target.target.constantError, into: &summary)
            }
        }
        let table = Table(
            caption: "Mean squared error on [0, 1] over \(config.seeds) seeds per network; a run fails when its error is above \(Int((config.failureLevel * 100).rounded()))% of the error of predicting the mean.",
            columns: ["target", "family", "hidden layers", "parameters", "best", "median", "worst", "failed runs"],
            rows: summary.rows)

        // Figures.
        var figures: [NamedFigure] = []
        if let f = DepthWidthFigures.errors(series: summary.series, config: config,
                                           constants: targets.map { ($0.name, $0.target.constantError) },
                                           failures: summary.failureSeries) {
            figures.append(f)
        }
        return CellResult(metrics: summary.metrics, series: summary.series, tables: ["table": table], figures: figures)
    }

    /// For each target and each depth, the deep network and the one-hidden-layer network
    /// with (about) the same parameter count.
    static func shapes(_ config: Config, targetCount: Int) -> [Shape] {
        var shapes: [Shape] = []
        for t in 0..<targetCount {
            for depth in config.depths {
                let deep = Array(repeating: config.deepWidth, count: depth)
                let budget = CurveFit.parameterCount(deep)
                let units = max(1, Int((Double(budget - 1) / 3).rounded()))
                shapes.append((t, "deep", depth, deep))
                shapes.append((t, "shallow", depth, [units]))
            }
        }
        return shapes
    }

    /// Every shape trained from every seed (cached per trial), shape by shape.
    func train(_ config: Config, shapes: [Shape], targets: [CurveTarget], context: ExperimentContext) throws -> [CurveFitTrial] {
        let settings = config.settings
        let plan = shapes
        let root = SeededGenerator(seed: context.seed)
        let count = shapes.count * config.seeds
        return try SweepRunner.run(count: count, jobs: context.jobs, label: "run", progress: context.progress) { i in
            let shape = plan[i / config.seeds]
            let seed = i % config.seeds
            // The same seed index gives the same data order whatever the shape; the
            // weights differ because the shapes do.
            let key = CurveFitTrial.Key(hidden: shape.hidden, target: targets[shape.target], settings: settings,
                               seed: root.derive(stream: UInt64(seed)).seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) {
                try CurveFit.train(key)
            }
            return trial
        }
    }

    /// The metrics, table rows and series of one family on one target, budget by budget.
    static func summarise(_ cells: [Cell], target: String, family: String, threshold: Double, into summary: inout Summary) {
        var failedCounts: [Double] = []
        var x: [Double] = [], best: [Double] = [], median: [Double] = [], low: [Double] = [], high: [Double] = []
        var failures = 0, runs = 0, constants = 0
        for cell in cells {
            let errors = cell.trials.map(\.error)
            let failed = errors.filter { !($0 < threshold) }.count
            failures += failed
            // A network whose output is one straight piece on [0, 1] after training
            // has collapsed (typically a layer with every unit switched off).
            constants += cell.trials.filter { !$0.diverged && $0.pieces <= 1 }.count
            failedCounts.append(Double(failed))
            runs += errors.count
            let p = "\(target).\(family).L\(cell.depth)."
            let parameters = Double(CurveFit.parameterCount(cell.hidden))
            summary.metrics[p + "parameters"] = parameters
            summary.metrics[p + "best_error"] = errors.min() ?? .nan
            summary.metrics[p + "median_error"] = Statistics.median(errors)
            summary.metrics[p + "failures"] = Double(failed)
            x.append(parameters)
            best.append(errors.min() ?? .nan)
            median.append(Statistics.median(errors))
            low.append(Statistics.quantile(errors, 0.25))
            high.append(Statistics.quantile(errors, 0.75))
            summary.rows.append([.text(target), .text(family), .text(describe(cell.hidden)), .number(parameters),
                                 .number(SawtoothExperiment.round(errors.min() ?? .nan)),
                                 .number(SawtoothExperiment.round(Statistics.median(errors))),
                                 .number(SawtoothExperiment.round(errors.max() ?? .nan)),
                                 .text("\(failed)/\(errors.count)")])
        }
        let label = "\(target).\(family)"
        summary.metrics[label + ".failure_rate"] = Double(failures) / Double(max(runs, 1))
        summary.metrics[label + ".failed_runs"] = Double(failures)
        summary.metrics[label + ".single_piece_runs"] = Double(constants)
        summary.metrics[label + ".runs"] = Double(runs)
        summary.metrics[label + ".best_error"] = best.min() ?? .nan
        summary.series[label + ".best"] = Series(x: x, y: best, xLabel: "parameters", yLabel: "mean squared error", yScale: .log10)
        summary.series[label + ".median"] = Series(x: x, y: median, xLabel: "parameters", yLabel: "mean squared error", yScale: .log10)
        summary.series[label + ".q25"] = Series(x: x, y: low, xLabel: "parameters", yLabel: "mean squared error", yScale: .log10)
        summary.series[label + ".q75"] = Series(x: x, y: high, xLabel: "parameters", yLabel: "mean squared error", yScale: .log10)
        summary.failureSeries[label] = Series(x: x, y: failedCounts, xLabel: "parameters", yLabel: "failed runs")
        summary.series[label + ".failed"] = summary.failureSeries[label]
    }

    static func describe(_ hidden: [Int]) -> String {
        if hidden.count > 1 && Set(hidden).count == 1 { return "\(hidden.count) × \(hidden[0])" }
        return hidden.map(String.init).joined(separator: "-")
    }
}
