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

    /// Measurements after 0, 1, ..., epochs epochs (index 0: the untrained network). The
    /// clean and corrupted accuracies are empty when no label was corrupted.
    struct Result: Codable, Sendable, Equatable {
        var trainLoss: [Double]
        var trainAccuracy: [Double]
        var validationLoss: [Double]
        var validationAccuracy: [Double]
        var testLoss: [Double]
        var testAccuracy: [Double]
        var cleanAccuracy: [Double]
        var memorised: [Double]
        var corruptedTrueAccuracy: [Double]
        var diverged: Bool

        /// The epoch of lowest validation loss (the first of equals): where early stopping
        /// with the validation loss as its criterion would have kept the weights.
        var bestEpoch: Int {
            var best = 0
            for (e, l) in validationLoss.enumerated() where l < validationLoss[best] { best = e }
            return best
        }
    }

    /// Bumped whenever a run with the same key would give different numbers.
    static let version = 1

    static func run(_ key: Key, data: OverfittingData) throws -> Result {
        let recipe = TrialRecipe(hidden: TrialRecipe.layers(hidden: [key.width], activation: .relu, dropout: key.dropout),
                                 initializer: .heNormal, optimizer: .adam(weightDecay: Float(key.weightDecay)),
                                 learningRate: key.rate, batchSize: key.batch, epochs: key.epochs,
                                 divergenceThreshold: 100, seed: key.seed)
        let network = try recipe.network(input: data.train.features.columns, output: OverfittingData.classes)
        let configuration = recipe.configuration()
        let session = try TrainingSession(network: network, train: data.train, configuration: configuration)
        let clean = data.clean, asTrained = data.corruptedAsTrained, truth = data.corruptedTrue
        var r = Result(trainLoss: [], trainAccuracy: [], validationLoss: [], validationAccuracy: [], testLoss: [],
                       testAccuracy: [], cleanAccuracy: [], memorised: [], corruptedTrueAccuracy: [], diverged: false)
        func measure() throws {
            let v = try session.evaluate(data.validation)
            r.validationLoss.append(v.loss)
            r.validationAccuracy.append(v.accuracy ?? .nan)
            if key.validationOnly { return }
            let t = try session.evaluate(data.test)
            r.testLoss.append(t.loss)
            r.testAccuracy.append(t.accuracy ?? .nan)
            let c = try session.evaluate(clean)
            if asTrained.isEmpty {
                r.trainLoss.append(c.loss)
                r.trainAccuracy.append(c.accuracy ?? .nan)
            } else {
                // The corrupted examples once, against the labels trained on and the true ones.
                let both = try session.evaluate(asTrained, againstEach: [asTrained.labels, truth.labels])
                let m = both[0], u = both[1]
                let nc = Double(clean.count), nm = Double(asTrained.count)
                r.trainLoss.append((nc * c.loss + nm * m.loss) / (nc + nm))
                r.trainAccuracy.append((nc * (c.accuracy ?? .nan) + nm * (m.accuracy ?? .nan)) / (nc + nm))
                r.cleanAccuracy.append(c.accuracy ?? .nan)
                r.memorised.append(m.accuracy ?? .nan)
                r.corruptedTrueAccuracy.append(u.accuracy ?? .nan)
            }
        }
        try measure()
        for _ in 0..<key.epochs {
            let records = try session.train(epochs: 1)
            if records.isEmpty || session.diverged {
                r.diverged = true
                break
            }
            try measure()
        }
        return r
    }

    /// Runs every key through the trial cache, in parallel, the costliest first. The data
    /// are loaded only when a run has to be computed, once per spec.
    static func runAll(_ keys: [Key], context: ExperimentContext) throws -> [Result] {
        let sets = DataMemo()
        let order = keys.indices.sorted { (keys[$0].width * keys[$0].epochs, -$0) > (keys[$1].width * keys[$1].epochs, -$1) }
        let cache = context.trials
        return try SweepRunner.run(count: keys.count, jobs: context.jobs, label: "run", progress: context.progress,
                                   order: order) { i in
            try cache.value(sharedBy: "overfitting-trial", version: version, trial: keys[i]) {
                try run(keys[i], data: sets.data(keys[i].data))
            }
        }
    }

    /// Loaded data by spec, shared by the parallel runs of one sweep.
    final class DataMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var loaded: [OverfittingData.Spec: OverfittingData] = [:]

        func data(_ spec: OverfittingData.Spec) throws -> OverfittingData {
            lock.lock()
            defer { lock.unlock() }
            if let d = loaded[spec] { return d }
            let d = try OverfittingData.load(spec)
            loaded[spec] = d
            return d
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
