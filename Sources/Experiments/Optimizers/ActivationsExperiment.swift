import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `activations`: the same MLP (equal width and depth) with different nonlinearities,
/// each with the initialisation meant for it, trained the same way: how fast each learns
/// (accuracy after the first epoch, epochs to a target validation accuracy) and where it
/// ends (final losses and accuracy).
public struct ActivationsExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// `fashion-mnist` (the batch-size lesson's 14 x 14 pooled images) or `synthetic`.
        public var data = "fashion-mnist"
        /// Training and validation examples.
        public var train = 10_000
        public var validation = 2_000
        /// Synthetic data only: input width and spread of each class around its centre.
        public var syntheticInputs = 32
        public var syntheticSpread = 2.0
        /// Hidden layer widths, the same for every activation.
        public var hidden = [64, 64, 64, 64]
        /// The nonlinearities compared, and the initialisation each one gets.
        public var activations = [Activation.tanh, .relu, .gelu]
        public var initializers = [Initializer.glorotNormal, .heNormal, .heNormal]
        /// Optimiser name, its momentum (for SGD variants), learning rate and schedule-free
        /// training length.
        public var optimizer = "adam"
        public var momentum = 0.9
        public var learningRate = 0.001
        public var epochs = 5
        public var batchSize = 64
        public var seeds = 3
        /// The validation accuracy whose first crossing counts as "trained" for speed.
        public var target = 0.8
        /// Bins per epoch of the minibatch-loss curves.
        public var bins = 10

        public init() {}

        public func validate() -> [ConfigProblem] {
            var checks = ConfigChecks()
            checks.oneOf("data", data, ["fashion-mnist", "synthetic"])
            checks.positive("train", train)
            checks.positive("validation", validation)
            checks.positive("syntheticInputs", syntheticInputs)
            checks.positive("syntheticSpread", syntheticSpread)
            checks.positive("hidden", hidden)
            checks.require(!activations.isEmpty && Set(activations).count == activations.count, "activations",
                           expected: "at least one activation, each once", found: "\(activations.map(\.name))")
            checks.require(initializers.count == activations.count, "initializers",
                           expected: "one initialiser per activation (\(activations.count))", found: "\(initializers.count)")
            checks.oneOf("optimizer", optimizer, OptimizerChoice.names)
            checks.require(momentum >= 0 && momentum < 1, "momentum", expected: "a number in [0, 1)", found: "\(momentum)")
            checks.positive("learningRate", learningRate)
            checks.positive("epochs", epochs)
            checks.positive("batchSize", batchSize)
            checks.positive("seeds", seeds)
            checks.require(target > 0 && target < 1, "target", expected: "an accuracy between 0 and 1", found: "\(target)")
            checks.positive("bins", bins)
            return checks.problems
        }
    }

    public static let kind = "activations"
    public static let version = 1
    public static let summary = "tanh, ReLU and GELU at equal width and depth: training speed and final accuracy."
    public static let outputs = ["functions", "curves", "summary"]
    public static let quickProfile: [String: ConfigValue] = [
        "train": .int(4_000),
        "validation": .int(1_000),
        "batchSize": .int(32),
        "seeds": .int(2),
    ]

    public init() {}

    static func color(_ activation: Activation) -> Color {
        switch activation {
        case .tanh: return Palette.okabeIto[0]
        case .relu: return Palette.okabeIto[3]
        case .gelu: return Palette.okabeIto[2]
        case .sigmoid: return Palette.okabeIto[4]
        default: return Palette.okabeIto[1]
        }
    }

    /// The first (fractional) epoch at which the mean accuracy reaches `target`, linear
    /// between epochs; NaN when it never does.
    static func epochsTo(_ target: Double, _ accuracy: [Double]) -> Double {
        for e in accuracy.indices where accuracy[e] >= target {
            guard e > 0 else { return 0 }
            return Double(e - 1) + (target - accuracy[e - 1]) / max(accuracy[e] - accuracy[e - 1], 1e-12)
        }
        return .nan
    }

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = OptimizerTrial.dataSpec(source: config.data, train: config.train, validation: config.validation,
                                           inputs: config.syntheticInputs, spread: config.syntheticSpread,
                                           seed: context.seed)
        let data = try BatchData.load(spec)
        let seeds = OptimizerTrial.seeds(from: context.seed, count: config.seeds)
        let optimizer = OptimizerChoice.optimizer(named: config.optimizer, momentum: config.momentum)!
        var keys: [OptimizerTrial.Key] = []
        for (activation, initializer) in zip(config.activations, config.initializers) {
            for seed in seeds {
                keys.append(OptimizerTrial.Key(
                    version: OptimizerTrial.version, data: spec, hidden: config.hidden, activation: activation,
                    initializer: initializer, optimizer: optimizer, rate: config.learningRate, schedule: .constant,
                    epochs: config.epochs, batch: config.batchSize, seed: seed, bins: config.bins))
            }
        }
        let results = try OptimizerTrial.runAll(keys, data: data, context: context)
        var metrics: [String: Double] = ["epochs": Double(config.epochs), "target": config.target,
                                         "learning_rate": config.learningRate]
        var series: [String: Series] = [:]
        var rows: [[TableValue]] = []
        var trainPanel = Panel(title: "training loss (minibatches)", x: Axis(label: "epoch"),
                               y: Axis(label: "cross-entropy loss", scale: .log10))
        var accuracyPanel = Panel(title: "validation accuracy", x: Axis(label: "epoch"),
                                  y: Axis(label: "validation accuracy", format: .percent))
        accuracyPanel.add(.rule(RuleMark(.horizontal, at: config.target, label: "target", color: .gray, width: 0.8)))
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        for (a, activation) in config.activations.enumerated() {
            let runs = Array(results[(a * seeds.count)..<((a + 1) * seeds.count)])
            let name = activation.name
            let diverged = runs.filter(\.diverged).count
            let accuracy = OptimizerFigures.meanCurve(runs.map(\.validationAccuracy))
            let speed = Self.epochsTo(config.target, accuracy.mean)
            let afterOne = accuracy.mean.count > 1 ? accuracy.mean[1] : .nan
            let finalAccuracy = diverged > 0 ? .nan : mean(runs.map(\.finalValidationAccuracy))
            let finalLoss = diverged > 0 ? .nan : mean(runs.map(\.finalValidationLoss))
            let trainLoss = diverged > 0 ? .nan : mean(runs.map(\.finalTrainLoss))
            metrics["\(name).accuracy"] = finalAccuracy
            metrics["\(name).loss"] = finalLoss
            metrics["\(name).train_loss"] = trainLoss
            metrics["\(name).accuracy_after_one_epoch"] = afterOne
            metrics["\(name).epochs_to_target"] = speed
            metrics["\(name).diverged"] = Double(diverged)
            series["\(name).validation_accuracy"] = Series(x: accuracy.mean.indices.map(Double.init), y: accuracy.mean,
                                                           xLabel: "epoch", yLabel: "validation accuracy")
            func cell(_ x: Double, _ digits: Double = 1000) -> TableValue { x.isFinite ? .number((x * digits).rounded() / digits) : "not reached" }
            rows.append([.text(name), .text(config.initializers[a].name), cell(afterOne), cell(speed, 100), cell(trainLoss),
                         cell(finalLoss), cell(finalAccuracy)])
            let color = Self.color(activation)
            let label = "\(name) (\(config.initializers[a].name))"
            let binned = OptimizerFigures.meanCurve(runs.map(\.binLoss))
            let xb = binned.mean.indices.map { (Double($0) + 0.5) / Double(config.bins) }
            trainPanel.add(.band(BandMark(x: xb, lower: binned.low, upper: binned.high, color: color, alpha: 0.15)))
            trainPanel.add(.line(LineMark(x: xb, y: binned.mean, label: label, color: color, width: 1.5)))
            let xv = accuracy.mean.indices.map(Double.init)
            accuracyPanel.add(.band(BandMark(x: xv, lower: accuracy.low, upper: accuracy.high, color: color, alpha: 0.15)))
            accuracyPanel.add(.line(LineMark(x: xv, y: accuracy.mean, label: label, color: color, width: 1.8, marker: .circle)))
        }
        let table = Table(caption: "Each activation with its initialisation: mean validation accuracy after one epoch, epochs until the mean validation accuracy reaches \(Int((config.target * 100).rounded()))% (interpolated), and the final training loss, validation loss and validation accuracy (means over \(seeds.count) seeds).",
                          columns: ["activation", "initialisation", "accuracy after 1 epoch", "epochs to target",
                                    "training loss", "validation loss", "validation accuracy"],
                          rows: rows)
        let shape = config.hidden.map(String.init).joined(separator: "-")
        let figures = [
            NamedFigure(name: "functions",
                        caption: "The activation functions compared (left) and their derivatives (right), which scale every gradient passing back through a layer.",
                        figure: Self.functionsFigure(config.activations)),
            NamedFigure(name: "curves",
                        caption: "Training with \(OptimizerChoice.label(config.optimizer, momentum: config.momentum)) at learning rate \(String(format: "%g", config.learningRate)), hidden layers \(shape): minibatch training loss (\(config.bins) bins per epoch) and validation accuracy after every epoch; mean over \(seeds.count) seeds, band from the lowest to the highest seed.",
                        figure: Figure(title: "The same network with three nonlinearities", width: 760, height: 340, columns: 2,
                                       panels: [trainPanel, accuracyPanel])),
        ]
        return CellResult(metrics: metrics, series: series, tables: ["summary": table], figures: figures)
    }

    static func functionsFigure(_ activations: [Activation]) -> Figure {
        let xs = stride(from: -3.0, through: 3.0, by: 0.02).map { $0 }
        var values = Panel(title: "f(x)", x: Axis(label: "x"), y: Axis(label: "f(x)"))
        var slopes = Panel(title: "f′(x)", x: Axis(label: "x"), y: Axis(label: "f′(x)"))
        for f in activations {
            let h = 1e-5
            values.add(.line(LineMark(x: xs, y: xs.map { f($0) }, label: f.name, color: color(f), width: 1.8)))
            slopes.add(.line(LineMark(x: xs, y: xs.map { (f($0 + h) - f($0 - h)) / (2 * h) }, label: f.name, color: color(f),
                                      width: 1.8)))
        }
        return Figure(title: "Activation functions and their slopes", width: 760, height: 300, columns: 2,
                      panels: [values, slopes])
    }
}
