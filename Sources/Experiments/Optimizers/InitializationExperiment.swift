import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `initialization`: a deep MLP (20 hidden layers by default) with tanh and with ReLU,
/// its weights drawn at a too-small scale, Glorot's (2010), He's (2015) and a too-large
/// scale. At initialisation it measures, per hidden layer, the spread of the activations
/// and of the back-propagated gradients, and histograms of a few layers' activations; then
/// it trains every network for a few epochs to show whether and how fast each one learns.
struct InitializationExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = BatchDataSetup.data()
        var depth = 20
        var width = 64
        var activations = [Activation.tanh, .relu]
        var initializers = [Initializer.scaledNormal(gain: 0.5), .glorotNormal, .heNormal, .scaledNormal(gain: 3)]
        var labels = ["too small", "Glorot", "He", "too large"]
        var statsExamples = 1_000
        var histogramLayers = [1, 5, 10, 20]
        var histogramActivation = Activation.tanh
        var histogramBins = 40
        var training = BatchDataSetup.training(optimizer: .momentum, learningRate: 0.01, epochs: 3, batchSize: 64)
        var seeds = 2

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, BatchDataSetup.documentation),
            .whole("depth", \.depth, 2..., "Hidden layers of the MLP."),
            .whole("width", \.width, 1..., "Units per hidden layer."),
            .choices("activations", \.activations, names: Activation.knownNames, .nonEmpty, "The nonlinearities compared."),
            .choices("initializers", \.initializers, names: Initializer.knownNames, .nonEmpty,
                     "The initialisations compared (biases start at zero)."),
            .texts("labels", \.labels, .nonEmpty,
                   "One name per initialiser for figures; metric names are the labels in lower case with underscores (`too_small`, `glorot`)."),
            .whole("statsExamples", \.statsExamples, 1..., "Validation images measured at initialisation."),
            .wholes("histogramLayers", \.histogramLayers, 1..., .nonEmpty,
                    "Hidden layers (1-based, at most `depth`) whose activations are histogrammed."),
            .choice("histogramActivation", names: Activation.knownNames, "The nonlinearity whose networks are histogrammed."),
            .whole("histogramBins", \.histogramBins, 1..., "Bins of each histogram."),
            .record("training", \.training, "How each network trains, as in a `train` cell: `optimizer` (and its `momentum`), a constant `learning_rate`, `batch_size` and `epochs`."),
            .whole("seeds", \.seeds, 1..., "Seeds per activation and initialisation."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            BatchDataSetup.check(data, &checks)
            GroupChecks.fixed(training, Config().training, group: "training",
                              free: ["optimizer", "momentum", "learningRate", "epochs", "batchSize"],
                              why: "a constant rate; the optimisers' other constants are PyTorch's defaults", &checks)
            checks.require(labels.count == initializers.count && Set(labels.map(InitializationExperiment.metricName)).count == labels.count,
                           "labels", expected: "one distinct label per initialiser (\(initializers.count))", found: "\(labels)")
            checks.require(histogramLayers.allSatisfy { $0 <= depth }, "histogramLayers",
                           expected: "hidden layers between 1 and depth (\(depth))", found: "\(histogramLayers)")
        }
    }

    static let kind = "initialization"
    static let version = 2
    static let summary = "A deep tanh or ReLU MLP at four initial scales: signal and gradient spread per layer, training."
    static let outputs = ["spread", "histograms", "training", "summary"]
    static let metrics: [MetricName] = [
        .setting("depth"),
        .setting("width"),
        .setting("epochs"),
        .setting("learning_rate"),
        MetricName("<activation>.<label>.activation_first", "Spread (standard deviation) of the first hidden layer's activations at initialisation."),
        MetricName("<activation>.<label>.activation_last", "Spread of the last hidden layer's activations at initialisation."),
        MetricName("<activation>.<label>.activation_last_over_first", "Last layer's activation spread over the first's."),
        MetricName("<activation>.<label>.gradient_first", "Spread of the loss gradient at the first hidden layer at initialisation."),
        MetricName("<activation>.<label>.gradient_last", "Spread of the loss gradient at the last hidden layer."),
        MetricName("<activation>.<label>.gradient_first_over_last", "First layer's gradient spread over the last's."),
        MetricName("<activation>.<label>.initial_loss", "Validation loss at initialisation."),
        MetricName("<activation>.<label>.accuracy", "Mean final validation accuracy (not a number when a seed diverged); per seed, each run's.", sampled: true),
        MetricName("<activation>.<label>.accuracy_after_one_epoch", "Mean validation accuracy after the first epoch."),
        MetricName("<activation>.<label>.diverged", "Seeds that diverged."),
    ]
    static let quickProfile = BatchDataSetup.optimizerQuickProfile(["statsExamples": .int(500), "seeds": .int(1)])

    /// `too small` becomes `too_small`.
    static func metricName(_ label: String) -> String {
        label.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = BatchDataSetup.spec(config.data, seed: context.seed)
        let data = try BatchData.load(spec)
        let seeds = OptimizerTrial.seeds(from: context.seed, count: config.seeds)
        let (spreads, trained) = try Self.trials(config, spec: spec, data: data, seeds: seeds, context: context)
        var result = Self.summary(config, spreads: spreads, trained: trained, seeds: seeds.count)
        result.figures = InitializationFigures.figures(config, spreads: spreads, trained: trained, seeds: seeds.count)
        return result
    }

    /// Each (activation, initialisation) network measured at initialisation (the first
    /// seed's), and trained once per seed.
    static func trials(_ config: Config, spec: BatchData.Spec, data: BatchData, seeds: [UInt64], context: ExperimentContext) throws
        -> (spreads: [LayerSpreadTrial.Result], trained: [OptimizerTrial.Result]) {
        let optimizer = config.training.optimizer.optimizer(momentum: config.training.momentum)
        var spreadKeys: [LayerSpreadTrial.Key] = []
        var trainKeys: [OptimizerTrial.Key] = []
        for activation in config.activations {
            for initializer in config.initializers {
                // The network measured is the one the first seed trains.
                spreadKeys.append(LayerSpreadTrial.Key(
                    version: LayerSpreadTrial.version, data: spec, depth: config.depth, width: config.width,
                    activation: activation, initializer: initializer, seed: seeds[0], examples: config.statsExamples,
                    histogramLayers: config.histogramLayers, histogramBins: config.histogramBins, histogramRange: 1))
                for seed in seeds {
                    trainKeys.append(OptimizerTrial.Key(
                        version: OptimizerTrial.version, data: spec, hidden: Array(repeating: config.width, count: config.depth),
                        activation: activation, initializer: initializer, optimizer: optimizer, rate: config.training.learningRate,
                        schedule: .constant, epochs: config.training.epochs, batch: config.training.batchSize, seed: seed, bins: 5))
                }
            }
        }
        let cache = context.trials
        let measured = spreadKeys
        let spreads = try SweepRunner.run(count: measured.count, jobs: context.jobs, label: "spread",
                                          progress: context.progress) { i in
            try cache.value(sharedBy: "layer-spread-trial", version: LayerSpreadTrial.version, trial: measured[i]) {
                try LayerSpreadTrial.run(measured[i], data: data)
            }
        }
        let trained = try OptimizerTrial.runAll(trainKeys, data: data, context: context)
        return (spreads, trained)
    }

    /// The metrics, per-seed samples, spread curves and table of every network (no figures).
    static func summary(_ config: Config, spreads: [LayerSpreadTrial.Result], trained: [OptimizerTrial.Result],
                        seeds: Int) -> CellResult {
        var metrics: [String: Double] = ["depth": Double(config.depth), "width": Double(config.width),
                                         "epochs": Double(config.training.epochs), "learning_rate": config.training.learningRate]
        var series: [String: Series] = [:]
        var samples: [String: [Double]] = [:]
        var rows: [[TableValue]] = []
        let layers = (1...config.depth).map(Double.init)
        for (a, activation) in config.activations.enumerated() {
            for (k, label) in config.labels.enumerated() {
                let index = a * config.labels.count + k
                let s = spreads[index]
                let runs = Array(trained[(index * seeds)..<((index + 1) * seeds)])
                let prefix = "\(activation.name).\(Self.metricName(label))"
                let first = s.activationSpread.first ?? .nan, last = s.activationSpread.last ?? .nan
                let gFirst = s.gradientSpread.first ?? .nan, gLast = s.gradientSpread.last ?? .nan
                let diverged = runs.filter(\.diverged).count
                let accuracy = diverged > 0 ? .nan : runs.map(\.finalValidationAccuracy).reduce(0, +) / Double(runs.count)
                let afterOne = runs.allSatisfy { $0.validationAccuracy.count > 1 }
                    ? runs.map { $0.validationAccuracy[1] }.reduce(0, +) / Double(runs.count) : .nan
                metrics["\(prefix).activation_first"] = first
                metrics["\(prefix).activation_last"] = last
                metrics["\(prefix).activation_last_over_first"] = last / first
                metrics["\(prefix).gradient_first"] = gFirst
                metrics["\(prefix).gradient_last"] = gLast
                metrics["\(prefix).gradient_first_over_last"] = gFirst / gLast
                metrics["\(prefix).initial_loss"] = s.initialLoss
                metrics["\(prefix).accuracy"] = accuracy
                samples["\(prefix).accuracy"] = runs.map { $0.diverged ? .nan : $0.finalValidationAccuracy }
                metrics["\(prefix).accuracy_after_one_epoch"] = afterOne
                metrics["\(prefix).diverged"] = Double(diverged)
                series["\(prefix).activation_spread"] = Series(x: layers, y: s.activationSpread, xLabel: "hidden layer",
                                                               yLabel: "activation standard deviation", yScale: .log10)
                series["\(prefix).gradient_spread"] = Series(x: layers, y: s.gradientSpread, xLabel: "hidden layer",
                                                             yLabel: "gradient standard deviation", yScale: .log10)
                func cell(_ x: Double) -> TableValue { .number(Double(String(format: "%.3g", x)) ?? x) }
                rows.append([.text(activation.name), .text(label), .text(config.initializers[k].name),
                             cell(first), cell(last), cell(last / first), cell(gFirst), cell(gLast), cell(gFirst / gLast),
                             cell(s.initialLoss),
                             diverged > 0 ? .text("diverged (\(diverged) of \(runs.count))") : cell(accuracy)])
            }
        }
        let table = Table(caption: "Per network: standard deviation of the activations of the first and last hidden layer and their ratio, of the back-propagated gradient (per example, with respect to the pre-activations) at the first and last hidden layer and their ratio, the loss before training, and the validation accuracy after \(config.training.epochs) epochs (mean over \(seeds) seeds).",
                          columns: ["activation", "initialisation", "weights", "activation std, layer 1",
                                    "activation std, layer \(config.depth)", "last / first", "gradient std, layer 1",
                                    "gradient std, layer \(config.depth)", "first / last", "initial loss",
                                    "validation accuracy"],
                          rows: rows)
        return CellResult(metrics: metrics, series: series, tables: ["summary": table], samples: samples)
    }
}
