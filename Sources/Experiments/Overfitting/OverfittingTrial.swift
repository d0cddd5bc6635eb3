import Foundation
import Learning
import Notebook
import Tensor

/// One training run of the overfitting lesson: a one-hidden-layer ReLU MLP (He normal
/// weights, zero biases, optional dropout after the hidden layer) trained by Adam on
/// `OverfittingData`, with optional weight decay (an L2 term `weight_decay x w` added to
/// every parameter's gradient, biases included, as Krogh and Hertz 1992 analyse). After
/// every epoch it measures the loss and accuracy on the training labels, the validation
/// split and the test split, and, when labels were corrupted, the accuracy on the clean
/// training examples and on the corrupted ones (against their wrong labels: the share
/// memorised; and against their true labels); or only the validation split
/// (`Key.validationOnly`). The lesson's three network kinds share these runs through the
/// trial cache.
struct OverfittingTrial: Sendable {
    /// Everything a run's result depends on; also its cache key.
    struct Key: Codable, Sendable, Equatable {
        var version: Int
        var data: OverfittingData.Spec
        var width: Int
        var dropout: Double
        var weightDecay: Double
        var rate: Double
        var epochs: Int
        var batch: Int
        /// Seed of the initial weights; the example order and dropout masks derive from it.
        var seed: UInt64
        /// Measure only the validation split after each epoch (the training, test, clean and
        /// corrupted measurements stay empty), for cells that read nothing else: the
        /// evaluations would otherwise cost about as much as the training itself.
        var validationOnly = false
    }

    /// What a run measured after 0, 1, ..., epochs epochs (index 0: the untrained network),
    /// every curve a full pass: the training labels as trained, the validation and test
    /// splits (`EpochCurves`, read through this value as `result.validationLoss`; its best
    /// epoch is where early stopping on the validation loss would have kept the weights),
    /// and the clean and corrupted training examples, whose curves are empty when no label
    /// was corrupted.
    @dynamicMemberLookup
    struct Result: Codable, Sendable, Equatable {
        var curves: EpochCurves
        var cleanAccuracy: [Double]
        var memorised: [Double]
        var corruptedTrueAccuracy: [Double]

        subscript<T>(dynamicMember path: KeyPath<EpochCurves, T>) -> T { curves[keyPath: path] }
    }

    /// Bumped whenever a run with the same key would give different numbers, or its stored
    /// result another shape (2: the measurements as `EpochCurves`).
    static let version = 2

    /// The network and trainer a key stands for.
    static func recipe(_ key: Key) -> TrialRecipe {
        TrialRecipe(hidden: TrialRecipe.layers(hidden: [key.width], activation: .relu, dropout: key.dropout),
                    initializer: .heNormal, optimizer: .adam(weightDecay: Float(key.weightDecay)),
                    learningRate: key.rate, batchSize: key.batch, epochs: key.epochs, divergenceThreshold: 100,
                    seed: key.seed)
    }

    /// Trains the key's network epoch by epoch through the trial path (`TrialRun`), which
    /// hands each epoch's network to `measure` for the splits and the label-noise subsets.
    static func run(_ key: Key, data: OverfittingData) throws -> Result {
        let clean = data.clean, asTrained = data.corruptedAsTrained, truth = data.corruptedTrue
        var cleanAccuracy: [Double] = [], memorised: [Double] = [], corruptedTrueAccuracy: [Double] = []
        let curves = try TrialRun.curves(training: recipe(key), on: data.train, classes: OverfittingData.classes) { session, curves in
            let v = try session.evaluate(data.validation)
            curves.record(.validation, loss: v.loss, accuracy: v.accuracy ?? .nan)
            if key.validationOnly { return }
            let t = try session.evaluate(data.test)
            curves.record(.test, loss: t.loss, accuracy: t.accuracy ?? .nan)
            let c = try session.evaluate(clean)
            if asTrained.isEmpty {
                curves.record(.train, loss: c.loss, accuracy: c.accuracy ?? .nan)
            } else {
                // The corrupted examples once, against the labels trained on and the true ones.
                let both = try session.evaluate(asTrained, againstEach: [asTrained.labels, truth.labels])
                let m = both[0], u = both[1]
                let nc = Double(clean.count), nm = Double(asTrained.count)
                curves.record(.train, loss: (nc * c.loss + nm * m.loss) / (nc + nm),
                              accuracy: (nc * (c.accuracy ?? .nan) + nm * (m.accuracy ?? .nan)) / (nc + nm))
                cleanAccuracy.append(c.accuracy ?? .nan)
                memorised.append(m.accuracy ?? .nan)
                corruptedTrueAccuracy.append(u.accuracy ?? .nan)
            }
        }
        return Result(curves: curves, cleanAccuracy: cleanAccuracy, memorised: memorised,
                      corruptedTrueAccuracy: corruptedTrueAccuracy)
    }

    /// Runs every key through the trial cache, in parallel, the costliest first. The data
    /// are loaded only when a run has to be computed, once per spec.
    static func runAll(_ keys: [Key], context: ExperimentContext) throws -> [Result] {
        let sets = LoadedOnce<OverfittingData.Spec, OverfittingData>()
        let order = keys.indices.sorted { (keys[$0].width * keys[$0].epochs, -$0) > (keys[$1].width * keys[$1].epochs, -$1) }
        let cache = context.trials
        return try SweepRunner.run(count: keys.count, jobs: context.jobs, label: "run", progress: context.progress,
                                   order: order) { i in
            try cache.value(sharedBy: "overfitting-trial", version: version, trial: keys[i]) {
                try run(keys[i], data: sets.value(keys[i].data) { try OverfittingData.load(keys[i].data) })
            }
        }
    }

    /// Seeds of the runs, derived from the cell's seed the same way in every cell so that
    /// cells running the same setting share runs.
    static func seeds(from base: UInt64, count: Int) -> [UInt64] {
        (0..<count).map { s in
            var g = SeededGenerator(seed: base).derive(stream: 200 + UInt64(s))
            return g.next()
        }
    }
}
