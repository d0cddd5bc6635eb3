import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `spiral-untangling`: trains one network on the two spirals of the TensorFlow
/// Playground and shows how its hidden layers bend the plane until a line separates the
/// classes (Olah 2014): decision regions, the warped input grid layer by layer at a few
/// moments of training, a linear probe's accuracy per layer, and loss curves; and two
/// animations made of captures taken during the same run: every layer's view of the plane
/// epoch by epoch, and the decision boundary forming.
public struct SpiralUntanglingExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        public var turns = 1.75
        public var noise = 0.1
        public var pointsPerClass = 200
        public var validation = 0.2
        public var hidden = [2, 2, 2, 2]
        public var activation = Activation.tanh
        public var epochs = 3000
        public var batchSize = 32
        public var learningRate = 0.01
        public var snapshots = [0, 10, 100]
        public var frames = 40
        public var gridLines = 15
        public var regionResolution = 150

        public init() {}

        public static let parameters: [Parameter<Config>] = [
            .number("turns", \.turns, .above(0, upTo: 10), "Turns of each spiral arm; 1.75 is the Playground's own spiral, 1 a gentler one."),
            .number("noise", \.noise, .from(0, to: 5), "Uniform noise added to each coordinate, in the plane's units (the arms reach radius 5)."),
            .whole("pointsPerClass", \.pointsPerClass, 10...100_000, "Points per class before the validation split."),
            .number("validation", \.validation, .from(0, to: 0.5), "Fraction of all points held out for validation (seeded shuffle)."),
            .wholes("hidden", \.hidden, 1...512, .nonEmpty, "Hidden layer widths, first to last (colah's narrow network: four layers of 2)."),
            .choice("activation", names: Activation.knownNames, "Nonlinearity after every hidden layer."),
            .whole("epochs", \.epochs, 1...1_000_000, "Passes over the training points."),
            .whole("batchSize", \.batchSize, 1..., "Minibatch size."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
            .wholes("snapshots", \.snapshots, 0...100, .nonEmpty, "Moments drawn in the `training` figure and probed, in percent "
                    + "of the epochs (0: the initial weights, 100: the end)."),
            .whole("frames", \.frames, 2...200, "Frames of the animations `layers-animated` and `boundary-animated`: "
                   + "captures at this many epochs evenly spaced from the initial weights to the end of training."),
            .whole("gridLines", \.gridLines, 2...101, "Grid lines per direction in the layer pictures."),
            .whole("regionResolution", \.regionResolution, 10...1000, "Samples per side of the decision-region image."),
        ]

        var recipe: Untangling.Recipe {
            Untangling.Recipe(hidden: hidden, activation: activation, epochs: epochs, batchSize: batchSize,
                              learningRate: learningRate)
        }

        /// The epochs of the animation frames, evenly spaced from 0 to `epochs`, without repeats.
        var frameEpochs: [Int] {
            Array(Set((0..<frames).map { Int((Double($0) * Double(epochs) / Double(max(frames - 1, 1))).rounded()) })).sorted()
        }

        /// The snapshot epochs, sorted and without repeats.
        var snapshotEpochs: [Int] {
            Array(Set(snapshots.map { (Double($0) * Double(epochs) / 100).rounded() }.map { Int($0) })).sorted()
        }
    }

    public static let kind = "spiral-untangling"
    public static let version = 2
    public static let summary = "Two spirals: decision regions, the plane as each hidden layer bends it, and linear probes per layer."
    public static let outputs = ["boundary", "layers", "training", "probe", "loss", "probe-table",
                                 "layers-animated", "boundary-animated"]
    public static let metrics: [MetricName] = [
        MetricName("final.train_accuracy", "Training accuracy at the end (nan when training diverged)."),
        MetricName("final.train_loss", "Training loss at the end."),
        MetricName("final.validation_accuracy", "Accuracy on the held-out points."),
        MetricName("final.validation_loss", "Loss on the held-out points."),
        MetricName("diverged", "1 when training diverged, else 0."),
        MetricName("epochs", "The `epochs` setting."),
        MetricName("frames", "Frames of each animation."),
        MetricName("train_points", "Training points."),
        MetricName("validation_points", "Held-out points."),
        MetricName("probe.input", "Accuracy of a linear probe on the input plane, after training."),
        MetricName("probe.layer<l>", "Accuracy of a linear probe on hidden layer l, after training."),
        MetricName("probe.last", "The probe's accuracy on the last hidden layer."),
        MetricName("probe.gain", "Last layer's probe accuracy minus the input's."),
        MetricName("probe_start.last", "The last layer's probe accuracy with the initial weights."),
        MetricName("snapshot<i>.epoch", "Epoch of snapshot i (see `snapshots`)."),
        MetricName("snapshot<i>.probe_last", "The last layer's probe accuracy at snapshot i."),
    ]
    public static let quickProfile: [String: ConfigValue] = ["regionResolution": .int(90), "gridLines": .int(11)]
    /// One network trained once: no sweep of cached trials.
    public static let hasSweep = false

    public init() {}

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let data = try Untangling.spiral(config, seed: context.seed)
        let recipe = config.recipe
        let extent = Untangling.extent(of: data.train.features)
        let layout = Untangling.CaptureLayout(
            data: data.train.count, grid: Untangling.GridLines(extent: extent.grid, lines: config.gridLines, samples: 90),
            regionResolution: max(config.regionResolution / 2, 40), regionExtent: extent.regions)
        let captureInputs = try layout.inputs(data: data.train.features)
        var network = try recipe.network(seed: context.seed)
        let epochs = config.epochs
        let progress = context.progress
        var trainer = recipe.trainer(seed: context.seed, metrics: .fullPass,
                                     captureEpochs: Set(config.snapshotEpochs).union(config.frameEpochs),
                                     captureInputs: captureInputs)
        trainer.configuration.onEpoch = { record in
            if record.epoch % 100 == 0 {
                progress("epoch \(record.epoch)/\(epochs), loss \(String(format: "%.3f", record.trainLoss ?? .nan))",
                         Double(record.epoch) / Double(max(epochs, 1)))
            }
        }
        let history = try trainer.train(&network, on: data)

        let captured = try history.captures.sorted { $0.epoch < $1.epoch }.map {
            try Untangling.snapshot(epoch: $0.epoch, layerOutputs: $0.layerOutputs, network: network, inputs: captureInputs, labels: data.train.labels, layout: layout)
        }
        let snapshotEpochs = Set(config.snapshotEpochs), frameEpochs = Set(config.frameEpochs)
        let snapshots = captured.filter { snapshotEpochs.contains($0.epoch) }
        let frames = captured.filter { frameEpochs.contains($0.epoch) }

        var metrics: [String: Double] = [:]
        var notes: [String] = []
        let final = history.diverged ? nil : history.finalTrain
        metrics["final.train_accuracy"] = final?.accuracy ?? .nan
        metrics["final.train_loss"] = final?.loss ?? .nan
        metrics["final.validation_accuracy"] = history.diverged ? .nan : (history.finalValidation?.accuracy ?? .nan)
        metrics["final.validation_loss"] = history.diverged ? .nan : (history.finalValidation?.loss ?? .nan)
        metrics["epochs"] = Double(config.epochs)
        metrics["train_points"] = Double(data.train.count)
        metrics["validation_points"] = Double(data.validation.count)
        metrics["diverged"] = history.diverged ? 1 : 0
        if case let .diverged(epoch, _, loss) = history.status {
            notes.append("Training diverged in epoch \(epoch + 1) (loss \(loss)); the figures show the captures made before that.")
        }
        if let last = snapshots.last, last.epoch == config.epochs {
            for view in last.views {
                metrics[view.layer == 0 ? "probe.input" : "probe.layer\(view.layer)"] = view.probeAccuracy
            }
            metrics["probe.last"] = last.views.last?.probeAccuracy ?? .nan
            metrics["probe.gain"] = (last.views.last?.probeAccuracy ?? .nan) - (last.views.first?.probeAccuracy ?? .nan)
        } else {
            for key in ["probe.input", "probe.last", "probe.gain"] { metrics[key] = .nan }
        }
        for (i, s) in snapshots.enumerated() {
            metrics["snapshot\(i).epoch"] = Double(s.epoch)
            metrics["snapshot\(i).probe_last"] = s.views.last?.probeAccuracy ?? .nan
        }
        if let first = snapshots.first, first.epoch == 0 {
            metrics["probe_start.last"] = first.views.last?.probeAccuracy ?? .nan
        }

        var series: [String: Series] = [:]
        let epochsX = history.epochs.map { Double($0.epoch) }
        series["loss.train"] = Series(x: epochsX, y: history.epochs.map { $0.trainLoss ?? .nan }, xLabel: "epoch", yLabel: "cross-entropy")
        series["loss.validation"] = Series(x: epochsX, y: history.epochs.map { $0.validationLoss ?? .nan }, xLabel: "epoch", yLabel: "cross-entropy")
        series["accuracy.train"] = Series(x: epochsX, y: history.epochs.map { $0.trainAccuracy ?? .nan }, xLabel: "epoch", yLabel: "accuracy")
        series["accuracy.validation"] = Series(x: epochsX, y: history.epochs.map { $0.validationAccuracy ?? .nan }, xLabel: "epoch", yLabel: "accuracy")
        if let last = snapshots.last {
            series["probe.final"] = Series(x: last.views.map { Double($0.layer) }, y: last.views.map(\.probeAccuracy),
                                           xLabel: "layer (0 = input)", yLabel: "probe accuracy")
        }

        let describe = "\(config.hidden.map(String.init).joined(separator: "-")) \(config.activation.name)"
        let regions = try Untangling.probabilityGrid(network, extent: extent.regions, resolution: config.regionResolution)
        var figures: [NamedFigure] = []
        figures.append(NamedFigure(
            name: "boundary",
            caption: "Probability of class 1 as colour (blue: class 0, orange: class 1) and the 0.5 boundary of the \(describe) network after \(config.epochs) epochs; circles are training points, triangles validation points.",
            figure: UntanglingFigures.boundary(regions: regions, extent: extent.regions, data: data,
                                               title: "Decision regions: \(describe), \(Untangling.turnsText(config.turns))")))
        if let last = snapshots.last {
            figures.append(NamedFigure(
                name: "layers",
                caption: UntanglingFigures.layerCaption(last, describe: describe),
                figure: UntanglingFigures.strip([last], title: "The plane as each layer sees it after \(last.epoch) epochs (\(describe))")))
        }
        if snapshots.count > 1 {
            figures.append(NamedFigure(
                name: "training",
                caption: "The same pictures at epochs \(snapshots.map { String($0.epoch) }.joined(separator: ", ")): rows are moments of training, columns are layers. " + UntanglingFigures.projectionNote(snapshots.last!),
                figure: UntanglingFigures.strip(snapshots, title: "Untangling during training (\(describe))")))
        }
        figures.append(NamedFigure(
            name: "probe",
            caption: "Accuracy of a linear classifier (ridge regression on one-hot labels) fitted to each layer's activations of the training points; 0.5 is chance.",
            figure: UntanglingFigures.probe(snapshots, title: "Linear separability layer by layer (\(describe))")))
        figures.append(NamedFigure(
            name: "loss",
            caption: "Cross-entropy and accuracy on the \(data.train.count) training and \(data.validation.count) validation points, measured after every epoch.",
            figure: UntanglingFigures.curves(history, title: "Training curves (\(describe))")))

        var probeRows: [[TableValue]] = []
        for (k, view) in (snapshots.last?.views ?? []).enumerated() {
            var row: [TableValue] = [.text(k == 0 ? "input" : "layer \(k)"), .number(Double(view.width))]
            for s in snapshots { row.append(.number(Self.round3(s.views[k].probeAccuracy))) }
            row.append(.text(view.projection.isDirect ? "drawn as is" : String(format: "PCA, %.0f%% of variance", 100 * view.projection.explained)))
            probeRows.append(row)
        }
        let probeTable = Table(caption: "Linear probe accuracy on the training points, per layer and epoch.",
                               columns: ["layer", "units"] + snapshots.map { "epoch \($0.epoch)" } + ["picture"],
                               rows: probeRows)
        let animations = try UntanglingFigures.animations(frames, data: data, describe: describe, turns: config.turns)
        metrics["frames"] = Double(frames.count)
        return CellResult(metrics: metrics, series: series, tables: ["probe-table": probeTable], figures: figures,
                          animations: animations, notes: notes)
    }

    static func round3(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : x }
}

extension Untangling {
    /// The Playground spiral of a configuration, split into training and validation points.
    static func spiral(_ c: SpiralUntanglingExperiment.Config, seed: UInt64) throws -> Dataset {
        try Datasets.spiral(pointsPerClass: c.pointsPerClass, turns: c.turns, noise: c.noise, seed: seed,
                            validation: c.validation)
    }

    /// A square around the data: the grid lines span the data, the region image a bit more.
    static func extent(of x: Matrix<Float>) -> (grid: ClosedRange<Double>, regions: ClosedRange<Double>) {
        let reach = Double(x.storage.map { abs($0) }.max() ?? 1)
        let grid = (reach * 1.05 * 10).rounded(.up) / 10
        let regions = (reach * 1.15 * 10).rounded(.up) / 10
        return (-grid...grid, -regions...regions)
    }

    static func turnsText(_ turns: Double) -> String {
        turns == 1 ? "one turn" : String(format: "%g turns", turns)
    }
}
