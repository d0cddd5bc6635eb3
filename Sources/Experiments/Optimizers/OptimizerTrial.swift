import Foundation
import Learning
import Notebook
import Tensor

/// One training run of the optimiser lesson: an MLP with one optimiser, base learning
/// rate, schedule, activation, initialisation and seed, trained for a fixed number of
/// epochs through the trial path the `train` kind takes (`TrialRun`). It records what a
/// `train` trial records (the loss and accuracy after every epoch, the final
/// measurements, whether the run diverged: a result, not an error), and besides the
/// minibatch training loss averaged over a few bins per epoch and where a run diverged.
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

    /// What a trial produced: what the run measured, as a `train` trial measures it
    /// (`EpochCurves`, read through this value as `result.validationLoss`), and the two
    /// measurements of this lesson's own.
    @dynamicMemberLookup
    struct Result: Codable, Sendable, Equatable {
        var curves: EpochCurves
        /// Fractional epoch (steps / steps per epoch) of the step whose loss blew up.
        var divergedAt: Double?
        /// Mean minibatch loss of each bin (`bins` per epoch) over the steps trained.
        var binLoss: [Double]

        subscript<T>(dynamicMember path: KeyPath<EpochCurves, T>) -> T { curves[keyPath: path] }
    }

    /// Bumped whenever a trial with the same key would give different numbers, or its
    /// stored result another shape (2: the measurements as `EpochCurves`).
    static let version = 2

    /// Minibatch losses above this (or not finite) end the run as diverged: an untrained
    /// 10-class network starts near ln 10 = 2.3, so 100 means it has left any sensible
    /// region (the batch-size lesson uses the same threshold).
    static let divergenceThreshold = 100.0

    static func stepsPerEpoch(_ key: Key, examples: Int) -> Int { (examples + key.batch - 1) / key.batch }

    /// The network and trainer a key stands for.
    static func recipe(_ key: Key) -> TrialRecipe {
        TrialRecipe(hidden: TrialRecipe.layers(hidden: key.hidden, activation: key.activation),
                    initializer: key.initializer, optimizer: key.optimizer, learningRate: key.rate,
                    schedule: key.schedule, batchSize: key.batch, epochs: key.epochs,
                    divergenceThreshold: divergenceThreshold, seed: key.seed)
    }

    /// Trains the key's network through the trial path every kind shares (`TrialRun`),
    /// keeping every step's loss for the bins.
    static func run(_ key: Key, data: BatchData) throws -> Result {
        let run = try TrialRun(training: recipe(key), on: data.dataset, recordSteps: true)
        let perEpoch = stepsPerEpoch(key, examples: data.train.count)
        var result = Result(curves: run.curves, divergedAt: nil, binLoss: bins(run.history.steps, key: key, perEpoch: perEpoch))
        if case let .diverged(_, step, _) = run.history.status {
            result.divergedAt = Double(step) / Double(perEpoch)
        } else if result.curves.diverged {
            // Finite minibatch losses but an overflow on the final full pass (`EpochCurves`).
            result.divergedAt = Double(key.epochs)
        }
        return result
    }

    /// The mean minibatch loss of each of `key.bins` bins per epoch, over the steps whose
    /// loss stayed finite and under the divergence threshold.
    static func bins(_ records: [StepRecord], key: Key, perEpoch: Int) -> [Double] {
        let steps = records.map(\.loss).filter { $0.isFinite && $0 <= divergenceThreshold }
        var bins: [Double] = []
        for epoch in 0..<key.epochs {
            for b in 0..<key.bins {
                let lo = epoch * perEpoch + b * perEpoch / key.bins
                let hi = epoch * perEpoch + (b + 1) * perEpoch / key.bins
                guard hi <= steps.count, hi > lo else { break }
                bins.append(steps[lo..<hi].reduce(0, +) / Double(hi - lo))
            }
        }
        return bins
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
