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
public struct DepthWidthExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// Compositions of the tent map for the sawtooth target (2^(k-1) teeth).
        public var compositions = 3
        /// Bumps of the smooth target (1 - cos(2 pi bumps x)) / 2.
        public var bumps = 2
        /// Width of every hidden layer of the deep family.
        public var deepWidth = 4
        /// Hidden-layer counts of the deep family; each sets one parameter budget.
        public var depths = [2, 3, 4, 6, 8]
        /// Seeds (initial weights and minibatch order) per network and target.
        public var seeds = 10
        /// Evenly spaced training points on [0, 1].
        public var points = 256
        /// Passes over the training points.
        public var epochs = 500
        /// Examples per minibatch.
        public var batchSize = 32
        /// Adam's learning rate.
        public var learningRate = 0.01
        /// Evenly spaced points of [0, 1] on which errors are measured.
        public var gridPoints = 2049
        /// A run counts as failed when its error is above this fraction of the error of
        /// predicting the mean (the target's variance).
        public var failureLevel = 0.9

        public init() {}

        public func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            for (key, value) in [("compositions", compositions), ("bumps", bumps), ("deepWidth", deepWidth),
                                 ("seeds", seeds), ("points", points), ("epochs", epochs), ("batchSize", batchSize)]
            where value < 1 {
                problems.append(ConfigProblem(key: key, expected: "a positive whole number", found: "\(value)"))
            }
            if compositions > 12 {
                problems.append(ConfigProblem(key: "compositions", expected: "a whole number from 1 to 12", found: "\(compositions)"))
            }
            if depths.isEmpty || depths.contains(where: { $0 < 1 }) {
                problems.append(ConfigProblem(key: "depths", expected: "a non-empty list of positive whole numbers", found: "\(depths)"))
            }
            if gridPoints < 2 {
                problems.append(ConfigProblem(key: "gridPoints", expected: "a whole number >= 2", found: "\(gridPoints)"))
            }
            if !(learningRate > 0) || !learningRate.isFinite {
                problems.append(ConfigProblem(key: "learningRate", expected: "a positive number", found: "\(learningRate)"))
            }
            if !(failureLevel > 0 && failureLevel <= 1) {
                problems.append(ConfigProblem(key: "failureLevel", expected: "a number in (0, 1]", found: "\(failureLevel)"))
            }
            return problems
        }

        var settings: CurveFitSettings {
            CurveFitSettings(points: points, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                             gridPoints: gridPoints)
        }
    }

    public static let kind = "depth-vs-width"
    public static let version = 1
    public static let summary = "Deep-narrow against shallow-wide ReLU networks at equal parameter budgets, over many seeds."
    public static let outputs = ["errors", "table"]
    public static let quickProfile: [String: ConfigValue] = [
        "depths": .array([.int(2), .int(4), .int(8)]), "seeds": .int(4), "epochs": .int(60), "points": .int(128),
        "gridPoints": .int(513),
    ]

    public init() {}

    /// One network shape of one family at one budget, with its seeds' results.
    struct Cell {
        var target: String
        var family: String
        var depth: Int
        var hidden: [Int]
        var trials: [CurveFitTrial]
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
        let targets: [(name: String, target: CurveTarget)] = [
            ("sawtooth", .sawtooth(compositions: config.compositions)), ("smooth", .smooth(bumps: config.bumps)),
        ]
        var shapes: [(target: Int, family: String, depth: Int, hidden: [Int])] = []
        for t in targets.indices {
            for depth in config.depths {
                let deep = Array(repeating: config.deepWidth, count: depth)
                let budget = CurveFit.parameterCount(deep)
                let units = max(1, Int((Double(budget - 1) / 3).rounded()))
                shapes.append((t, "deep", depth, deep))
                shapes.append((t, "shallow", depth, [units]))
            }
        }
        let settings = config.settings
        let plan = shapes
        let root = SeededGenerator(seed: context.seed)
        let count = shapes.count * config.seeds
        let done = ParallelTrials.Counter()
        let trials = try ParallelTrials.map(count, jobs: context.jobs) { i in
            let shape = plan[i / config.seeds]
            let seed = i % config.seeds
            // The same seed index gives the same data order whatever the shape; the
            // weights differ because the shapes do.
            let key = TrialKey(hidden: shape.hidden, target: targets[shape.target].target, settings: settings,
                               seed: root.derive(stream: UInt64(seed)).seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) {
                try CurveFit.train(hidden: key.hidden, target: key.target, settings: settings, seed: key.seed)
            }
            let finished = done.increment()
            context.progress("run \(finished)/\(count)", Double(finished) / Double(count))
            return trial
        }
        let cells = shapes.enumerated().map { index, shape in
            Cell(target: targets[shape.target].name, family: shape.family, depth: shape.depth, hidden: shape.hidden,
                 trials: Array(trials[(index * config.seeds)..<((index + 1) * config.seeds)]))
        }

        var metrics: [String: Double] = [:]
        var rows: [[TableValue]] = []
        var series: [String: Series] = [:]
        var failureSeries: [String: Series] = [:]
        for (t, target) in targets.enumerated() {
            let threshold = config.failureLevel * target.target.constantError
            metrics["\(target.name).constant_error"] = target.target.constantError
            for family in ["deep", "shallow"] {
                let mine = cells.filter { $0.target == target.name && $0.family == family }
                var failedCounts: [Double] = []
                var x: [Double] = [], best: [Double] = [], median: [Double] = [], low: [Double] = [], high: [Double] = []
                var failures = 0, runs = 0, constants = 0
                for cell in mine {
                    let errors = cell.trials.map(\.error)
                    let failed = errors.filter { !($0 < threshold) }.count
                    failures += failed
                    // A network whose output is one straight piece on [0, 1] after training
                    // has collapsed (typically a layer with every unit switched off).
                    let flat = cell.trials.filter { !$0.diverged && $0.pieces <= 1 }.count
                    constants += flat
                    failedCounts.append(Double(failed))
                    runs += errors.count
                    let p = "\(target.name).\(family).L\(cell.depth)."
                    let parameters = Double(CurveFit.parameterCount(cell.hidden))
                    metrics[p + "parameters"] = parameters
                    metrics[p + "best_error"] = errors.min() ?? .nan
                    metrics[p + "median_error"] = Statistics.median(errors)
                    metrics[p + "failures"] = Double(failed)
                    x.append(parameters)
                    best.append(errors.min() ?? .nan)
                    median.append(Statistics.median(errors))
                    low.append(Statistics.quantile(errors, 0.25))
                    high.append(Statistics.quantile(errors, 0.75))
                    rows.append([.text(target.name), .text(family), .text(Self.describe(cell.hidden)), .number(parameters),
                                 .number(SawtoothExperiment.round(errors.min() ?? .nan)),
                                 .number(SawtoothExperiment.round(Statistics.median(errors))),
                                 .number(SawtoothExperiment.round(errors.max() ?? .nan)),
                                 .text("\(failed)/\(errors.count)")])
                }
                metrics["\(target.name).\(family).failure_rate"] = Double(failures) / Double(max(runs, 1))
                metrics["\(target.name).\(family).failed_runs"] = Double(failures)
                metrics["\(target.name).\(family).single_piece_runs"] = Double(constants)
                metrics["\(target.name).\(family).runs"] = Double(runs)
                metrics["\(target.name).\(family).best_error"] = best.min() ?? .nan
                let label = "\(target.name).\(family)"
                series[label + ".best"] = Series(x: x, y: best, xLabel: "parameters", yLabel: "mean squared error")
                series[label + ".median"] = Series(x: x, y: median, xLabel: "parameters", yLabel: "mean squared error")
                series[label + ".q25"] = Series(x: x, y: low, xLabel: "parameters", yLabel: "mean squared error")
                series[label + ".q75"] = Series(x: x, y: high, xLabel: "parameters", yLabel: "mean squared error")
                _ = t
                failureSeries[label] = Series(x: x, y: failedCounts, xLabel: "parameters", yLabel: "failed runs")
                series[label + ".failed"] = failureSeries[label]
            }
        }
        let table = Table(
            caption: "Mean squared error on [0, 1] over \(config.seeds) seeds per network; a run fails when its error is above \(Int((config.failureLevel * 100).rounded()))% of the error of predicting the mean.",
            columns: ["target", "family", "hidden layers", "parameters", "best", "median", "worst", "failed runs"],
            rows: rows)
        var figures: [NamedFigure] = []
        if let f = DepthWidthFigures.errors(series: series, config: config,
                                           constants: targets.map { ($0.name, $0.target.constantError) },
                                           failures: failureSeries) {
            figures.append(f)
        }
        return CellResult(metrics: metrics, series: series, tables: ["table": table], figures: figures)
    }

    static func describe(_ hidden: [Int]) -> String {
        if hidden.count > 1 && Set(hidden).count == 1 { return "\(hidden.count) × \(hidden[0])" }
        return hidden.map(String.init).joined(separator: "-")
    }
}
