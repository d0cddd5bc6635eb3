import Foundation
import Learning
import Synchronization
import Notebook
import Tensor

/// Every trained (configuration, seed, epochs) of a render, shared by all strategies and
/// repetitions: asked for a curve, it returns the cached one, or a prefix of a longer
/// curve already trained (the first e epochs of a run are the run of e epochs, bit for
/// bit), or continues the configuration's latest checkpoint for the missing epochs.
/// Curves go through the per-trial cache (`TrialCache`), and so do the checkpoints (the
/// last one of each configuration and seed, not kept once the trial reaches the most
/// epochs any strategy trains), so a second render trains nothing and a larger budget
/// trains only the new epochs. Safe to call from parallel searches: a configuration is
/// trained by one of them at a time, and the others wait for its curve.
final class TrialStore: Sendable {
    let data: TuningData
    let spec: TuningData.Spec
    let momentum: Double
    let maxEpochs: Int
    let cache: TrialCache
    /// What the parallel searches share, each access a short critical section: the
    /// longest curve known per configuration and seed, the checkpoints kept in memory when
    /// there is no cache folder, each configuration's trial lock, and the epochs trained.
    private struct Shared {
        var longest: [Key: TuningTrial.Curve] = [:]
        var memoryCheckpoints: [Key: TuningTrial.Stored] = [:]
        var locks: [Key: NSLock] = [:]
        var trainedEpochs = 0
    }
    private let shared = Mutex(Shared())

    /// Epochs actually trained by this store (not served from a cache or a prefix).
    var trainedEpochs: Int { shared.withLock { $0.trainedEpochs } }

    /// A configuration and seed (a trial's key with epochs 0).
    typealias Key = TuningTrial.Key
    /// The longest curve of a configuration and seed, under its own key.
    private struct LongestKey: Codable { var longestOf: Key }

    init(data: TuningData, spec: TuningData.Spec, momentum: Double, maxEpochs: Int, cache: TrialCache) {
        self.data = data
        self.spec = spec
        self.momentum = momentum
        self.maxEpochs = maxEpochs
        self.cache = cache
    }

    func key(_ setting: TuningTrial.Setting, seed: UInt64, epochs: Int) -> Key {
        Key(version: TuningTrial.version, data: spec, momentum: momentum, setting: setting, seed: seed, epochs: epochs)
    }

    /// Curves, longest curves and checkpoints are shared trials of one family in the cache.
    private static let family = "tuning-trial"

    private func stored<K: Encodable, V: Codable>(_ key: K, as type: V.Type) -> V? {
        cache.stored(sharedBy: Self.family, version: TuningTrial.version, trial: key, as: type)
    }

    /// The lock of one configuration and seed, held while its curve is looked up or
    /// trained, so that one search trains it and the others wait for the curve instead of
    /// training it again. An `NSLock` per key, not a `Mutex`: it is held across the
    /// training (seconds, while other keys' locks are taken) and kept in a dictionary,
    /// which a non-copyable `Mutex` cannot be.
    private func trialLock(_ base: Key) -> NSLock {
        shared.withLock { shared in
            if let l = shared.locks[base] { return l }
            let l = NSLock()
            shared.locks[base] = l
            return l
        }
    }

    /// Validation and test accuracy after each of the first `epochs` epochs.
    func curve(_ setting: TuningTrial.Setting, seed: UInt64, epochs: Int) throws -> TuningTrial.Curve {
        let base = key(setting, seed: seed, epochs: 0)
        let exact = key(setting, seed: seed, epochs: epochs)
        let trial = trialLock(base)
        trial.lock()
        defer { trial.unlock() }
        var known = shared.withLock { $0.longest[base] }
        if known == nil { known = stored(LongestKey(longestOf: base), as: TuningTrial.Curve.self) }
        let result: TuningTrial.Curve = try cache.value(sharedBy: Self.family, version: TuningTrial.version, trial: exact) {
            if let known, known.validation.count >= epochs {
                return TuningTrial.Curve(validation: Array(known.validation.prefix(epochs)),
                                         test: Array(known.test.prefix(epochs)), diverged: known.diverged)
            }
            return try train(setting, seed: seed, epochs: epochs, base: base)
        }
        let known2 = known
        let grew = shared.withLock { shared in
            if result.validation.count > (shared.longest[base]?.validation.count ?? known2?.validation.count ?? 0) {
                shared.longest[base] = result
                return true
            }
            if shared.longest[base] == nil { shared.longest[base] = known2 }
            return false
        }
        if grew { overwriteLongest(base, result) }
        return result
    }

    private func overwriteLongest(_ base: Key, _ curve: TuningTrial.Curve) {
        cache.store(curve, sharedBy: Self.family, version: TuningTrial.version, trial: LongestKey(longestOf: base))
    }

    private func train(_ setting: TuningTrial.Setting, seed: UInt64, epochs: Int, base: Key) throws -> TuningTrial.Curve {
        let architecture = try TuningTrial.network(setting, inputs: data.train.features.columns, seed: seed)
        let configuration = TuningTrial.configuration(setting, momentum: momentum, seed: seed)
        var resumed: TuningTrial.Stored? = nil
        if cache.directory == nil {
            resumed = shared.withLock { $0.memoryCheckpoints[base] }
        } else {
            resumed = loadCheckpoint(base)
        }
        if let r = resumed, r.epoch > epochs { resumed = nil }
        let session: TrainingSession
        var curve = TuningTrial.Curve(validation: [], test: [], diverged: false)
        if let r = resumed {
            session = try TrainingSession(resuming: r.checkpoint(architecture: architecture), train: data.train,
                                          validation: data.validation, configuration: configuration)
            curve = r.curve
        } else {
            session = try TrainingSession(network: architecture, train: data.train, validation: data.validation,
                                          configuration: configuration)
        }
        while curve.validation.count < epochs {
            if session.diverged {
                curve.diverged = true
                curve.validation.append(TuningTrial.chance)
                curve.test.append(TuningTrial.chance)
                continue
            }
            let records = try session.train(epochs: 1)
            shared.withLock { $0.trainedEpochs += 1 }
            guard let record = records.first, let accuracy = record.validationAccuracy, record.validationLoss?.isFinite == true else {
                curve.diverged = true
                curve.validation.append(TuningTrial.chance)
                curve.test.append(TuningTrial.chance)
                continue
            }
            curve.validation.append(accuracy)
            curve.test.append(try session.evaluate(data.test).accuracy ?? 0)
        }
        if epochs < maxEpochs {
            let stored = TuningTrial.Stored(session.checkpoint, curve: curve)
            if cache.directory == nil {
                shared.withLock { $0.memoryCheckpoints[base] = stored }
            } else {
                saveCheckpoint(base, stored)
            }
        }
        return curve
    }

    /// Checkpoints are entries of the trial cache, replaced as a trial trains on.
    private func loadCheckpoint(_ base: Key) -> TuningTrial.Stored? {
        stored(TuningTrial.CheckpointKey(checkpointOf: base), as: TuningTrial.Stored.self)
    }

    private func saveCheckpoint(_ base: Key, _ stored: TuningTrial.Stored) {
        cache.store(stored, sharedBy: Self.family, version: TuningTrial.version,
                    trial: TuningTrial.CheckpointKey(checkpointOf: base))
    }
}
