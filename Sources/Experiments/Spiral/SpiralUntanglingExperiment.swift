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
struct SpiralUntanglingExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var turns = 1.75
        var noise = 0.1
        var pointsPerClass = 200
        var validation = 0.2
        var hidden = [2, 2, 2, 2]
        var activation = Activation.tanh
        var epochs = 3000
        var batchSize = 32
        var learningRate = 0.01
        var snapshots = [0, 10, 100]
        var frames = 40
        var gridLines = 15
        var regionResolution = 150

        static let parameters: [Parameter<Config>] = [
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

        /// The network as figure titles name it ("2-2-2-2 tanh").
        var describe: String { "\(hidden.map(String.init).joined(separator: "-")) \(activation.name)" }

        /// The snapshot epochs, sorted and without repeats.
        var snapshotEpochs: [Int] {
            Array(Set(snapshots.map { (Double($0) * Double(epochs) / 100).rounded() }.map { Int($0) })).sorted()
        }
    }

    static let kind = "spiral-untangling"
    static let version = 2
    static let summary = "Two spirals: decision regions, the plane as each hidden layer bends it, and linear probes per layer."
    static let outputs = ["boundary", "layers", "training", "probe", "loss", "probe-table",
                                 "layers-animated", "boundary-animated"]
    static let metrics: [MetricName] = [
        MetricName("final.train_accuracy", "Training accuracy at the end (nan when training diverged)."),
        MetricName("final.train_loss", "Training loss at the end."),
        MetricName("final.validation_accuracy", "Accuracy on the held-out points."),
        MetricName("final.validation_loss", "Loss on the held-out points."),
        MetricName("diverged", "1 when training diverged, else 0."),
        .setting("epochs"),
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
    static let quickProfile: [String: ConfigValue] = ["regionResolution": .int(90), "gridLines": .int(11)]
    /// One network trained once: no sweep of cached trials.
    static let hasSweep = false

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let data = try Untangling.spiral(config, seed: context.seed)
        let trained = try Self.train(config, data: data, context: context)
        var result = Self.summary(config, trained, data: data)
        result.figures = try UntanglingFigures.figures(config, trained, data: data)
        result.animations = try UntanglingFigures.animations(trained.frames, data: data, describe: config.describe,
                                                             turns: config.turns)
        return result
    }

    /// What the cell's one run trained and captured: its history, the trained network and
    /// the captures at the snapshot and frame epochs.
    struct Trained {
        var history: TrainingHistory
        var network: Network
        var extent: (grid: ClosedRange<Double>, regions: ClosedRange<Double>)
        var snapshots: [Untangling.Snapshot]
        var frames: [Untangling.Snapshot]
    }

    /// Trains the network once, capturing every layer's view of the plane at the snapshot
    /// and frame epochs.
    static func train(_ config: Config, data: Dataset, context: ExperimentContext) throws -> Trained {
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
        return Trained(history: history, network: network, extent: extent,
                       snapshots: captured.filter { snapshotEpochs.contains($0.epoch) },
                       frames: captured.filter { frameEpochs.contains($0.epoch) })
    }

    /// The run's metrics, curves, probe table and notes (no figures).
    static func summary(_ config: Config, _ trained: Trained, data: Dataset) -> CellResult {
        let history = trained.history, snapshots = trained.snapshots
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
        metrics["frames"] = Double(trained.frames.count)
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
        return CellResult(metrics: metrics, series: series, tables: ["probe-table": probeTable(snapshots)], notes: notes)
    }

    /// Linear probe accuracy per layer (rows) and snapshot (columns).
    static func probeTable(_ snapshots: [Untangling.Snapshot]) -> Table {
        var probeRows: [[TableValue]] = []
        for (k, view) in (snapshots.last?.views ?? []).enumerated() {
            var row: [TableValue] = [.text(k == 0 ? "input" : "layer \(k)"), .number(Double(view.width))]
            for s in snapshots { row.append(.number(Self.round3(s.views[k].probeAccuracy))) }
            row.append(.text(view.projection.isDirect ? "drawn as is" : String(format: "PCA, %.0f%% of variance", 100 * view.projection.explained)))
            probeRows.append(row)
        }
        return Table(caption: "Linear probe accuracy on the training points, per layer and epoch.",
                     columns: ["layer", "units"] + snapshots.map { "epoch \($0.epoch)" } + ["picture"],
                     rows: probeRows)
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
