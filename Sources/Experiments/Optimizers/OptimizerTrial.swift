import Foundation
import Learning
import Notebook
import Tensor

/// One training run of the optimiser lesson: an MLP with one optimiser, base learning
/// rate, schedule, activation, initialisation and seed, trained for a fixed number of
/// epochs through the engine's `Trainer`. It records the validation loss and accuracy
/// after every epoch, the minibatch training loss averaged over a few bins per epoch, the
/// final measurements, and whether the run diverged (a result, not an error).
struct OptimizerTrial: Sendable {
    /// Everything a trial's result depends on; also its cache key, so cells that run the
    /// same setting share one trial.
    struct Key: Codable, Sendable, Equatable {
        var version: Int
        var data: BatchData.Spec
        var hidden: [Int]
        var activation: Activation
        var initializer: Initializer
        var optimizer: Optimizer
        var rate: Double
        var schedule: LearningRateSchedule
        var epochs: Int
        var batch: Int
        /// Seed of the initial weights; the example order derives from it.
        var seed: UInt64
        /// Bins per epoch of the minibatch-loss curve.
        var bins: Int
    }

    /// What a trial produced. Losses of a diverged run stop where it diverged; its final
    /// measurements are NaN.
    struct Result: Codable, Sendable, Equatable {
        var diverged: Bool
        /// Fractional epoch (steps / steps per epoch) of the step whose loss blew up.
        var divergedAt: Double?
        /// Validation loss and accuracy after 0, 1, ..., epochs epochs.
        var validationLoss: [Double]
        var validationAccuracy: [Double]
        /// Mean minibatch loss of each bin (`bins` per epoch) over the steps trained.
        var binLoss: [Double]
        var finalTrainLoss: Double
        var finalTrainAccuracy: Double
        var finalValidationLoss: Double
        var finalValidationAccuracy: Double
    }

    /// Bumped whenever a trial with the same key would give different numbers.
    static let version = 1

    /// Minibatch losses above this (or not finite) end the run as diverged: an untrained
    /// 10-class network starts near ln 10 = 2.3, so 100 means it has left any sensible
    /// region (the batch-size lesson uses the same threshold).
    static let divergenceThreshold = 100.0

    static func stepsPerEpoch(_ key: Key, examples: Int) -> Int { (examples + key.batch - 1) / key.batch }

    static func run(_ key: Key, data: BatchData) throws -> Result {
        let train = data.train
        let recipe = TrialRecipe(hidden: TrialRecipe.layers(hidden: key.hidden, activation: key.activation),
                                 initializer: key.initializer, optimizer: key.optimizer, learningRate: key.rate,
                                 schedule: key.schedule, batchSize: key.batch, epochs: key.epochs,
                                 divergenceThreshold: divergenceThreshold, seed: key.seed)
        var network = try recipe.network(input: train.features.columns, output: 10)
        let configuration = recipe.configuration(recordSteps: true)
        let history = try Trainer(configuration).train(&network, train: train, validation: data.validation)
        let perEpoch = stepsPerEpoch(key, examples: train.count)
        let steps = history.steps.map(\.loss).filter { $0.isFinite && $0 <= divergenceThreshold }
        var bins: [Double] = []
        for epoch in 0..<key.epochs {
            for b in 0..<key.bins {
                let lo = epoch * perEpoch + b * perEpoch / key.bins
                let hi = epoch * perEpoch + (b + 1) * perEpoch / key.bins
                guard hi <= steps.count, hi > lo else { break }
                bins.append(steps[lo..<hi].reduce(0, +) / Double(hi - lo))
            }
        }
        var result = Result(diverged: history.diverged, divergedAt: nil,
                            validationLoss: history.epochs.compactMap(\.validationLoss),
                            validationAccuracy: history.epochs.compactMap(\.validationAccuracy), binLoss: bins,
                            finalTrainLoss: history.finalTrain?.loss ?? .nan,
                            finalTrainAccuracy: history.finalTrain?.accuracy ?? .nan,
                            finalValidationLoss: history.finalValidation?.loss ?? .nan,
                            finalValidationAccuracy: history.finalValidation?.accuracy ?? .nan)
        if case let .diverged(_, step, _) = history.status {
            result.divergedAt = Double(step) / Double(perEpoch)
        } else if !result.finalValidationLoss.isFinite || !result.finalTrainLoss.isFinite {
            // Finite minibatch losses but an overflow on a full pass: diverged all the same.
            result.diverged = true
            result.divergedAt = Double(key.epochs)
        }
        if result.diverged {
            result.finalTrainLoss = .nan
            result.finalTrainAccuracy = .nan
            result.finalValidationLoss = .nan
            result.finalValidationAccuracy = .nan
        }
        return result
    }
}

extension OptimizerTrial {
    /// Seeds of the trials, derived from the cell's seed the same way in every cell, so
    /// that cells running the same setting share trials through the cache.
    static func seeds(from base: UInt64, count: Int) -> [UInt64] {
        (0..<count).map { s in
            var g = SeededGenerator(seed: base).derive(stream: 100 + UInt64(s))
            return g.next()
        }
    }

    /// Runs every key through the trial cache, in parallel, the costliest first.
    static func runAll(_ keys: [Key], data: BatchData, context: ExperimentContext) throws -> [Result] {
        func cost(_ k: Key) -> Int {
            var width = data.train.features.columns, weights = 0
            for h in k.hidden + [10] { weights += width * h; width = h }
            return weights * k.epochs
        }
        let order = keys.indices.sorted { (cost(keys[$0]), -$0) > (cost(keys[$1]), -$1) }
        let cache = context.trials
        return try SweepRunner.run(count: keys.count, jobs: context.jobs, label: "trial", progress: context.progress,
                                   order: order) { i in
            try cache.value(sharedBy: "optimizer-trial", version: version, trial: keys[i]) { try run(keys[i], data: data) }
        }
    }
}
