import Foundation
import Learning
import Tensor

/// One trial of the batch-size sweep: an MLP trained by plain SGD with one batch size,
/// one learning rate and one seed, its validation split measured at steps spaced
/// geometrically (plus the budget step), until the target accuracy is reached and the
/// example budget is spent, or a step cap, or divergence.
///
/// Training runs through the engine's `Trainer` one segment (the steps between two
/// measurements) at a time: each segment trains on exactly the examples of its
/// minibatches (indices into the training split, not a copy), drawn in order from epochs
/// of a seeded shuffle, so the segments together are ordinary minibatch SGD over the
/// training set. Plain SGD keeps no state between
/// steps, so nothing is lost at segment boundaries.
struct SGDTrial: Sendable {
    /// Everything a trial's result depends on; also its cache key.
    struct Key: Codable, Hashable, Sendable {
        var version: Int
        var data: BatchData.Spec
        var hidden: [Int]
        var batch: Int
        var rate: Double
        var seed: UInt64
        /// Validation accuracy that counts as reaching the target.
        var target: Double
        /// Examples processed before the heatmap's measurement (a fixed budget of epochs).
        var budgetExamples: Int
        /// The run stops by this many examples or `capSteps` steps, whichever comes first
        /// (but never before the budget).
        var capExamples: Int
        var capSteps: Int
        /// First measured step and the ratio between successive measured steps.
        var firstEval: Int
        var evalGrowth: Double
        /// After reaching the target a trial goes on until this multiple of its steps to
        /// the target, so that the mean curve over seeds can cross the target too.
        var stopFactor: Double
        /// Keep every step's minibatch loss (for the noise figure).
        var recordSteps: Bool
    }

    /// What a trial produced.
    struct Result: Codable, Sendable, Equatable {
        /// Measured steps, starting with 0 (before training).
        var steps: [Int]
        var validationLoss: [Double]
        var validationAccuracy: [Double]
        /// Steps to the target accuracy, interpolated linearly between the last measured
        /// step below it and the first at or above it; nil when never reached.
        var stepsToTarget: Double?
        /// Whether the loss blew up (NaN or above the divergence threshold).
        var diverged: Bool
        /// Validation loss and accuracy after `budgetExamples` examples (NaN if diverged).
        var budgetLoss: Double
        var budgetAccuracy: Double
        /// Steps taken and examples processed.
        var stepsTaken: Int
        var examples: Int
        /// Wall time of the trial, seconds (the only number that differs between runs).
        var seconds: Double
        /// Minibatch loss of every step when recorded, and the epoch each step ends in.
        var stepLosses: [Double]
    }

    /// Bumped whenever a trial with the same key would give different numbers.
    static let version = 1

    /// Minibatch losses above this end the run as diverged (an untrained 10-class
    /// network starts near ln 10 = 2.3).
    static let divergenceThreshold = 100.0

    /// The measured steps: 0, then `first`, growing by `growth` (at least one step apart),
    /// the budget step, and the cap.
    static func evaluationSteps(first: Int, growth: Double, budget: Int, cap: Int) -> [Int] {
        var steps: Set<Int> = [0, cap, min(budget, cap)]
        var t = max(first, 1)
        while t < cap {
            steps.insert(t)
            t = max(t + 1, Int((Double(t) * growth).rounded(.up)))
        }
        return steps.sorted()
    }

    static func budgetSteps(_ key: Key) -> Int {
        max(1, (key.budgetExamples + key.batch - 1) / key.batch)
    }

    static func capSteps(_ key: Key) -> Int {
        max(budgetSteps(key), min(key.capSteps, max(1, key.capExamples / key.batch)))
    }

    static func run(_ key: Key, data: BatchData) throws -> Result {
        let clock = ContinuousClock.now
        let train = data.train
        let n = train.count
        let batch = key.batch
        let recipe = TrialRecipe(hidden: TrialRecipe.layers(hidden: key.hidden, activation: .relu), initializer: .heNormal,
                                 optimizer: .sgd(), learningRate: key.rate, batchSize: batch, epochs: 1,
                                 divergenceThreshold: divergenceThreshold, seed: key.seed)
        var network = try recipe.network(input: train.features.columns, output: 10)
        let budget = budgetSteps(key)
        let cap = capSteps(key)
        let evalSteps = evaluationSteps(first: key.firstEval, growth: key.evalGrowth, budget: budget, cap: cap)
        let base = SeededGenerator(seed: key.seed)
        // The example order depends on the seed only: every batch size and rate of a seed
        // sees the same stream of examples.
        var sampler = base.derive(stream: 11)
        var order = sampler.permutation(n)
        var cursor = 0

        var result = Result(steps: [], validationLoss: [], validationAccuracy: [], stepsToTarget: nil,
                            diverged: false, budgetLoss: .nan, budgetAccuracy: .nan, stepsTaken: 0, examples: 0,
                            seconds: 0, stepLosses: [])
        /// Records the validation split's loss and accuracy at `step`; false when the loss
        /// is not finite.
        func measure(loss: Double, accuracy measured: Double?, at step: Int) -> Bool {
            let accuracy = measured ?? 0
            guard loss.isFinite else { return false }
            if result.stepsToTarget == nil && accuracy >= key.target {
                if let previous = result.steps.last, let below = result.validationAccuracy.last {
                    let f = (key.target - below) / max(accuracy - below, 1e-12)
                    result.stepsToTarget = Double(previous) + f * Double(step - previous)
                } else {
                    result.stepsToTarget = Double(step)
                }
            }
            result.steps.append(step)
            result.validationLoss.append(loss)
            result.validationAccuracy.append(accuracy)
            if step == budget {
                result.budgetLoss = loss
                result.budgetAccuracy = accuracy
            }
            return true
        }

        let untrained = try network.evaluate(data.validation, loss: .softmaxCrossEntropy)
        _ = measure(loss: untrained.loss, accuracy: untrained.accuracy, at: 0)
        var step = 0
        for (segment, next) in evalSteps.dropFirst().enumerated() {
            let count = next - step
            var indices: [Int] = []
            indices.reserveCapacity(count * batch)
            for _ in 0..<(count * batch) {
                if cursor == n {
                    order = sampler.permutation(n)
                    cursor = 0
                }
                indices.append(order[cursor])
                cursor += 1
            }
            // The session reshuffles within the segment; the segment is already a random
            // draw, so its minibatches are still ordinary SGD minibatches. Its one epoch ends
            // with the validation split measured on the session's own engine (the same
            // chunks, so the same numbers, as `Network.evaluate`).
            var segmentSeed = base.derive(stream: 1000 + UInt64(segment))
            let configuration = recipe.configuration(order: segmentSeed.next(), recordSteps: key.recordSteps)
            let session = try TrainingSession(network: network, train: train, validation: data.validation,
                                              examples: indices, configuration: configuration)
            let records = try session.train(epochs: 1)
            if key.recordSteps { result.stepLosses += session.recordedSteps.map { $0.loss } }
            step += session.step
            guard let record = records.first, !session.diverged, let loss = record.validationLoss else {
                result.diverged = true
                break
            }
            if !measure(loss: loss, accuracy: record.validationAccuracy, at: next) {
                result.diverged = true
                break
            }
            network = session.network
            if let reached = result.stepsToTarget, next >= budget, Double(next) >= key.stopFactor * reached { break }
        }
        result.stepsTaken = step
        result.examples = step * batch
        if result.diverged {
            result.budgetLoss = .nan
            result.budgetAccuracy = .nan
        }
        let elapsed = ContinuousClock.now - clock
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return result
    }
}
