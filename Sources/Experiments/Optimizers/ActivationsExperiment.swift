import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `activations`: the same MLP (equal width and depth) with different nonlinearities,
/// each with the initialisation meant for it, trained the same way: how fast each learns
/// (accuracy after the first epoch, epochs to a target validation accuracy) and where it
/// ends (final losses and accuracy).
struct ActivationsExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = BatchDataSetup.data()
        var model = BatchDataSetup.model(hidden: [64, 64, 64, 64])
        var training = BatchDataSetup.training(optimizer: .adam, learningRate: 0.001, epochs: 5, batchSize: 64)
        var activations = [Activation.tanh, .relu, .gelu]
        var initializers = [Initializer.glorotNormal, .heNormal, .heNormal]
        var seeds = 3
        var target = 0.8
        var bins = 10

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, BatchDataSetup.documentation),
            .record("model", \.model, "The MLP, as in a `train` cell: `hidden` widths, the same for every activation; the activation and initialisation are the comparison's (`activations`, `initializers`)."),
            .record("training", \.training, "How each run trains, as in a `train` cell: `optimizer` (and its `momentum`), a constant `learning_rate`, `batch_size` and `epochs`."),
            .choices("activations", \.activations, names: Activation.knownNames, .distinct, "The nonlinearities compared, each once."),
            .choices("initializers", \.initializers, names: Initializer.knownNames, .nonEmpty,
                     "The initialisation each activation gets, in the order of `activations`."),
            .whole("seeds", \.seeds, 1..., "Seeds per activation."),
            .number("target", \.target, .between(0, 1),
                    "The validation accuracy whose first crossing counts as trained, for `<activation>.epochs_to_target`."),
            .whole("bins", \.bins, 1..., "Bins per epoch of the minibatch-loss curves."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            BatchDataSetup.check(data, &checks)
            let defaults = Config()
            GroupChecks.fixed(model, defaults.model, group: "model", free: ["hidden"],
                              why: "an MLP of dense layers with biases and no dropout; `activations` and `initializers` set the rest", &checks)
            GroupChecks.fixed(training, defaults.training, group: "training",
                              free: ["optimizer", "momentum", "learningRate", "epochs", "batchSize"],
                              why: "a constant rate; the optimisers' other constants are PyTorch's defaults", &checks)
            checks.require(initializers.count == activations.count, "initializers",
                           expected: "one initialiser per activation (\(activations.count))", found: "\(initializers.count)")
        }
    }

    static let kind = "activations"
    static let version = 1
    static let summary = "tanh, ReLU and GELU at equal width and depth: training speed and final accuracy."
    static let outputs = ["functions", "curves", "summary"]
    static let metrics: [MetricName] = [
        .setting("epochs"),
        .setting("target"),
        .setting("learning_rate"),
        MetricName("<activation>.accuracy", "Mean final validation accuracy (not a number when a seed diverged).", sampled: true),
        MetricName("<activation>.loss", "Mean final validation loss."),
        MetricName("<activation>.train_loss", "Mean final training loss."),
        MetricName("<activation>.accuracy_after_one_epoch", "Mean validation accuracy after the first epoch."),
        MetricName("<activation>.epochs_to_target", "Epochs until the mean validation accuracy first reaches `target` (not a number if never)."),
        MetricName("<activation>.diverged", "Seeds that diverged."),
    ]
    static let quickProfile = BatchDataSetup.optimizerQuickProfile(["seeds": .int(2)])

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

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = BatchDataSetup.spec(config.data, seed: context.seed)
        let data = try BatchData.load(spec)
        let seeds = OptimizerTrial.seeds(from: context.seed, count: config.seeds)
        let optimizer = config.training.optimizer.optimizer(momentum: config.training.momentum)
        var keys: [OptimizerTrial.Key] = []
        for (activation, initializer) in zip(config.activations, config.initializers) {
            for seed in seeds {
                keys.append(OptimizerTrial.Key(
                    version: OptimizerTrial.version, data: spec, hidden: config.model.hidden, activation: activation,
                    initializer: initializer, optimizer: optimizer, rate: config.training.learningRate, schedule: .constant,
                    epochs: config.training.epochs, batch: config.training.batchSize, seed: seed, bins: config.bins))
            }
        }
        let results = try OptimizerTrial.runAll(keys, data: data, context: context)
        // Each activation's runs, one per seed.
        let runs = config.activations.indices.map { a in Array(results[(a * seeds.count)..<((a + 1) * seeds.count)]) }
        var result = Self.summary(config, runs: runs)
        result.figures = OptimizerFigures.activations(config, runs: runs)
        return result
    }

    /// The metrics, per-seed samples, curves and table of each activation's runs (no figures).
    static func summary(_ config: Config, runs byActivation: [[OptimizerTrial.Result]]) -> CellResult {
        var metrics: [String: Double] = ["epochs": Double(config.training.epochs), "target": config.target,
                                         "learning_rate": config.training.learningRate]
        var series: [String: Series] = [:]
        var rows: [[TableValue]] = []
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        var samples: [String: [Double]] = [:]
        for (a, activation) in config.activations.enumerated() {
            let runs = byActivation[a]
            let name = activation.name
            let diverged = runs.filter(\.diverged).count
            let accuracy = OptimizerFigures.meanCurve(runs.map(\.validationAccuracy))
            let speed = Self.epochsTo(config.target, accuracy.mean)
            let afterOne = accuracy.mean.count > 1 ? accuracy.mean[1] : .nan
            let finalAccuracy = diverged > 0 ? .nan : mean(runs.map(\.finalValidationAccuracy))
            let finalLoss = diverged > 0 ? .nan : mean(runs.map(\.finalValidationLoss))
            let trainLoss = diverged > 0 ? .nan : mean(runs.map(\.finalTrainLoss))
            metrics["\(name).accuracy"] = finalAccuracy
            samples["\(name).accuracy"] = runs.map { $0.diverged ? .nan : $0.finalValidationAccuracy }
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
        }
        let seeds = byActivation.first?.count ?? 0
        let table = Table(caption: "Each activation with its initialisation: mean validation accuracy after one epoch, epochs until the mean validation accuracy reaches \(Int((config.target * 100).rounded()))% (interpolated), and the final training loss, validation loss and validation accuracy (means over \(seeds) seeds).",
                          columns: ["activation", "initialisation", "accuracy after 1 epoch", "epochs to target",
                                    "training loss", "validation loss", "validation accuracy"],
                          rows: rows)
        return CellResult(metrics: metrics, series: series, tables: ["summary": table], samples: samples)
    }
}
