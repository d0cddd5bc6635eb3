import Foundation
import Tensor

/// A training run that can be paused and continued: train a few epochs, read the state,
/// and later (in this process or another, from a `Checkpoint` stored on disk) train more,
/// with the same weights bit for bit as one uninterrupted `Trainer` run of the total
/// number of epochs. Resource-based tuning strategies (successive halving, Hyperband,
/// ASHA) train a configuration briefly and continue only the promising ones; this is
/// what lets them do so without retraining from the start.
///
/// The minibatch step lives here and only here (`trainEpoch`): `Trainer` is a session
/// plus its hooks (per-epoch metrics, early stopping, activation captures, step records),
/// so a session and a `Trainer` run agree bit for bit by construction.
public final class TrainingSession {
    /// Everything a session needs to continue: parameters, optimizer moments, the position
    /// in the random streams and the counters. Codable so that it can be stored.
    public struct Checkpoint: Codable, Sendable, Equatable {
        /// The network (architecture and current parameters).
        public var network: Network
        /// The optimizer's first and second moment buffers and its update count.
        public var firstMoments: [Float]
        public var secondMoments: [Float]
        public var optimizerSteps: Int
        /// Epochs and steps completed.
        public var epoch: Int
        public var step: Int
        /// The shuffle and dropout generators' seeds and states.
        public var shuffleSeed: UInt64
        public var shuffleState: [UInt64]
        public var noiseSeed: UInt64
        public var noiseState: [UInt64]
        /// Whether a step's loss blew up (the session then refuses to train further).
        public var diverged: Bool

        public init(network: Network, firstMoments: [Float], secondMoments: [Float], optimizerSteps: Int,
                    epoch: Int, step: Int, shuffleSeed: UInt64, shuffleState: [UInt64], noiseSeed: UInt64,
                    noiseState: [UInt64], diverged: Bool) {
            self.network = network
            self.firstMoments = firstMoments
            self.secondMoments = secondMoments
            self.optimizerSteps = optimizerSteps
            self.epoch = epoch
            self.step = step
            self.shuffleSeed = shuffleSeed
            self.shuffleState = shuffleState
            self.noiseSeed = noiseSeed
            self.noiseState = noiseState
            self.diverged = diverged
        }
    }

    /// The configuration; `epochs` is the planned total (it shapes schedules such as
    /// cosine decay); `earlyStopping` and captures are ignored, `recordSteps` fills
    /// `recordedSteps`.
    public let configuration: TrainingConfiguration
    public let train: DataSplit
    public let validation: DataSplit?
    /// Measured only when asked (`measure` with `trackTest`) and by `Trainer` at the end.
    public let test: DataSplit?
    /// Epochs and steps completed so far.
    public private(set) var epoch = 0
    public private(set) var step = 0
    /// Whether a step's loss was not finite or above the divergence threshold.
    public private(set) var diverged = false
    /// Every step trained by `train(epochs:)` (the blown-up one included) when the
    /// configuration's `recordSteps` is set; empty otherwise.
    public private(set) var recordedSteps: [StepRecord] = []

    let loss: Loss
    let engine: Engine<Float>
    private let optimizer: OptimizerState
    private var shuffle: SeededGenerator
    private var noise: SeededGenerator
    private var order: [Int]
    private var batchLabels: [Int]
    /// The examples of `train` an epoch goes through (nil: all of them).
    private let examples: [Int]?
    /// How many examples an epoch goes through.
    var epochExamples: Int { examples?.count ?? train.count }
    /// The examples an epoch goes through, as a split (a copy only when `examples` was given).
    public var trainedSplit: DataSplit { examples.map { train.subset($0) } ?? train }
    private let architecture: Network

    /// Starts a session on `network` (not trained yet: epoch 0). The loss is the
    /// configuration's, or else cross-entropy for labelled data and squared error for targets.
    /// `examples`, when given, are the indices of the training examples an epoch goes
    /// through (in place of all of `train`), the same as training on `train.subset(examples)`
    /// bit for bit without copying them: the batch-size lesson trains on segments of a long
    /// stream of examples, and copying each segment cost a tenth of its sweep.
    public init(network: Network, train: DataSplit, validation: DataSplit? = nil, test: DataSplit? = nil,
                examples: [Int]? = nil, configuration: TrainingConfiguration) throws {
        try configuration.check()
        if let examples, let bad = examples.first(where: { $0 < 0 || $0 >= train.count }) {
            throw LearningError.invalidSetting(name: "training examples", expected: "indices in 0..<\(train.count)",
                                               found: "\(bad)")
        }
        guard (examples?.count ?? train.count) > 0 else {
            throw LearningError.invalidSetting(name: "training split", expected: "at least one example", found: "none")
        }
        self.configuration = configuration
        self.train = train
        self.validation = validation
        self.test = test
        self.examples = examples
        loss = configuration.loss ?? (train.labels.isEmpty ? .meanSquaredError : .softmaxCrossEntropy)
        let n = examples?.count ?? train.count
        let batch = min(configuration.batchSize, n)
        let evalCapacity = min(network.inferenceRows, max(n, validation?.count ?? 0, test?.count ?? 0))
        engine = Engine<Float>(network: network, capacity: max(batch, evalCapacity))
        try engine.validate(train, loss: loss)
        if let v = validation { try engine.validate(v, loss: loss) }
        if let t = test { try engine.validate(t, loss: loss) }
        optimizer = OptimizerState(configuration.optimizer, count: engine.parameterCount)
        let base = SeededGenerator(seed: configuration.seed)
        shuffle = base.derive(stream: 1)
        noise = base.derive(stream: 2)
        order = [Int](repeating: 0, count: n)
        batchLabels = [Int](repeating: 0, count: batch)
        architecture = network
    }

    /// Continues a session from its checkpoint, on the same data and configuration it
    /// was started with.
    public convenience init(resuming checkpoint: Checkpoint, train: DataSplit, validation: DataSplit? = nil,
                            configuration: TrainingConfiguration) throws {
        try self.init(network: checkpoint.network, train: train, validation: validation, configuration: configuration)
        let count = engine.parameterCount
        guard checkpoint.firstMoments.count == count, checkpoint.secondMoments.count == count,
              let shuffle = SeededGenerator(seed: checkpoint.shuffleSeed, stateWords: checkpoint.shuffleState),
              let noise = SeededGenerator(seed: checkpoint.noiseSeed, stateWords: checkpoint.noiseState) else {
            throw LearningError.shapeMismatch(what: "checkpoint", expected: "\(count) optimizer moments and generator states",
                                              found: "\(checkpoint.firstMoments.count) moments")
        }
        // The optimizer's bias-correction products are private running products: replay
        // the updates with zero gradients and a zero rate on scratch parameters (same
        // multiplications in the same order), then put the stored moments back.
        if checkpoint.optimizerSteps > 0 {
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            let zeros = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            scratch.initialize(repeating: 0, count: max(count, 1))
            zeros.initialize(repeating: 0, count: max(count, 1))
            for _ in 0..<checkpoint.optimizerSteps {
                optimizer.update(params: scratch, grads: UnsafePointer(zeros), lr: 0)
            }
            scratch.deallocate()
            zeros.deallocate()
        }
        for i in 0..<count {
            optimizer.first[i] = checkpoint.firstMoments[i]
            optimizer.second[i] = checkpoint.secondMoments[i]
        }
        self.shuffle = shuffle
        self.noise = noise
        epoch = checkpoint.epoch
        step = checkpoint.step
        diverged = checkpoint.diverged
    }

    /// The network as trained so far.
    public var network: Network {
        var copy = architecture
        copy.parameters = engine.exportParameters()
        return copy
    }

    /// The state to store and continue from later.
    public var checkpoint: Checkpoint {
        let count = engine.parameterCount
        return Checkpoint(network: network,
                          firstMoments: Array(UnsafeBufferPointer(start: optimizer.first, count: count)),
                          secondMoments: Array(UnsafeBufferPointer(start: optimizer.second, count: count)),
                          optimizerSteps: optimizer.step, epoch: epoch, step: step,
                          shuffleSeed: shuffle.seed, shuffleState: shuffle.stateWords,
                          noiseSeed: noise.seed, noiseState: noise.stateWords, diverged: diverged)
    }

    /// Loss and accuracy of the current network on a split.
    public func evaluate(_ split: DataSplit) throws -> Evaluation {
        try engine.evaluate(split, loss: loss)
    }

    /// What one epoch of steps did: the summed minibatch loss and correct count (for
    /// running-average metrics), the rate of the last update, and the step that blew up.
    struct EpochSteps {
        var lossSum = 0.0
        var correct = 0
        var rate: Float
        var divergence: (step: Int, loss: Double)? = nil
    }

    /// One epoch of minibatch steps, the only place a step is written: shuffle the
    /// examples with the shuffle stream, then for each minibatch gather, forward (dropout
    /// from the noise stream), loss, the schedule's rate, the divergence check, backward
    /// and the optimizer's update. `steps`, when not nil, receives one record per step. A
    /// step whose mean loss is not finite or above the threshold marks the session diverged
    /// and ends the epoch before its update.
    func trainEpoch(recording steps: inout [StepRecord]?) -> EpochSteps {
        let c = configuration
        let n = epochExamples
        let batch = min(c.batchSize, n)
        let stepsPerEpoch = (n + batch - 1) / batch
        let totalSteps = stepsPerEpoch * c.epochs
        let loss = self.loss
        let engine = self.engine
        let optimizer = self.optimizer
        let current = epoch
        var outcome = EpochSteps(rate: c.learningRate)
        train.features.storage.withUnsafeBufferPointer { px in
            train.labels.withUnsafeBufferPointer { pl in
                train.targets.storage.withUnsafeBufferPointer { pt in
                    order.withUnsafeMutableBufferPointer { po in
                        batchLabels.withUnsafeMutableBufferPointer { pb in
                            let features = px.baseAddress!
                            let orderBase = po.baseAddress!
                            for i in 0..<n { po[i] = i }
                            for i in stride(from: n - 1, to: 0, by: -1) {
                                po.swapAt(i, shuffle.integer(below: i + 1))
                            }
                            if let examples { for i in 0..<n { po[i] = examples[po[i]] } }
                            for s in 0..<stepsPerEpoch {
                                let start = s * batch
                                let rows = min(batch, n - start)
                                let idx = UnsafePointer(orderBase + start)
                                engine.gather(features, indices: idx, rows: rows)
                                engine.forward(rows: rows, training: true, rng: &noise)
                                let lossSum: Double
                                switch loss {
                                case .softmaxCrossEntropy:
                                    for r in 0..<rows { pb[r] = pl[idx[r]] }
                                    let out = engine.softmaxCrossEntropy(rows: rows, labels: UnsafePointer(pb.baseAddress!))
                                    lossSum = out.loss
                                    outcome.correct += out.correct
                                case .meanSquaredError:
                                    lossSum = engine.meanSquaredError(rows: rows, targets: pt.baseAddress!, targetIndices: idx)
                                }
                                let mean = lossSum / Double(rows)
                                outcome.rate = c.schedule.rate(base: c.learningRate, step: step, epoch: current,
                                                               totalSteps: totalSteps)
                                steps?.append(StepRecord(step: step, epoch: current, loss: mean,
                                                                 learningRate: Double(outcome.rate)))
                                if !mean.isFinite || mean > c.divergenceThreshold {
                                    outcome.divergence = (step, mean)
                                    return
                                }
                                outcome.lossSum += lossSum
                                engine.backward(rows: rows)
                                optimizer.update(params: engine.params, grads: UnsafePointer(engine.grads), lr: outcome.rate)
                                step += 1
                            }
                        }
                    }
                }
            }
        }
        if outcome.divergence != nil {
            diverged = true
        } else {
            epoch += 1
        }
        return outcome
    }

    /// The record of the epoch just trained (`epoch`, 0 before training): the training
    /// split's loss and accuracy as `metrics` says (`running` is the epoch's summed
    /// minibatch loss and correct count), the validation split's, and the test split's
    /// when `trackTest`.
    func measure(rate: Float, metrics: MetricsMode, running: (loss: Double, correct: Int)?,
                 trackTest: Bool) throws -> EpochRecord {
        var r = EpochRecord(epoch: epoch, learningRate: Double(rate))
        switch metrics {
        case .fullPass:
            let e = try engine.evaluate(trainedSplit, loss: loss)
            r.trainLoss = e.loss
            r.trainAccuracy = e.accuracy
        case .runningAverage:
            if let running {
                r.trainLoss = running.loss / Double(epochExamples)
                r.trainAccuracy = loss == .softmaxCrossEntropy ? Double(running.correct) / Double(epochExamples) : nil
            }
        case .none:
            break
        }
        if let v = validation {
            let e = try engine.evaluate(v, loss: loss)
            r.validationLoss = e.loss
            r.validationAccuracy = e.accuracy
        }
        if trackTest, let t = test {
            let e = try engine.evaluate(t, loss: loss)
            r.testLoss = e.loss
            r.testAccuracy = e.accuracy
        }
        return r
    }

    /// Loss and accuracy of the current network on a split's examples against each of
    /// several label vectors, from one forward pass (classification only): the same
    /// numbers as `evaluate` on the split carrying each vector.
    public func evaluate(_ split: DataSplit, againstEach labelSets: [[Int]]) throws -> [Evaluation] {
        guard loss == .softmaxCrossEntropy else {
            throw LearningError.invalidSetting(name: "loss", expected: "softmax cross-entropy (labels to compare against)",
                                               found: "\(loss)")
        }
        return try engine.evaluate(split, againstEach: labelSets)
    }

    /// Trains `epochs` more epochs (fewer if a step diverges) and returns one record per
    /// epoch trained, with the validation split's loss and accuracy when there is one.
    @discardableResult
    public func train(epochs more: Int) throws -> [EpochRecord] {
        guard more >= 0 else {
            throw LearningError.invalidSetting(name: "epochs", expected: "a whole number >= 0", found: "\(more)")
        }
        var records: [EpochRecord] = []
        guard !diverged else { return records }
        var recording: [StepRecord]? = configuration.recordSteps ? [] : nil
        defer { recordedSteps += recording ?? [] }
        for _ in 0..<more {
            let steps = trainEpoch(recording: &recording)
            if steps.divergence != nil { break }
            records.append(try measure(rate: steps.rate, metrics: .none, running: nil, trackTest: false))
        }
        return records
    }
}
