import Foundation
import Learning
import Notebook
import Tensor

/// A `train` trial's network kept whole (its parameters), for kinds that look inside it
/// after training: the classifier judging random images and the autoencoder whose code
/// plane is drawn in the manifold lesson. It is trained by `TrainTrial.trained`, the very
/// run a `train` cell with the same key makes (same network, trainer and example order,
/// so the same weights and losses), and cached in the cell's trial cache as its own family,
/// since a `train` trial keeps only its curves and measures.
struct TrainedNetwork: Codable, Sendable {
    var parameters: [Float]
    var diverged: Bool

    static let family = "trained-network"
    static let version = 1

    /// The trained network of `key`, from the trial cache or trained now.
    static func network(_ key: TrainTrial.Key, data: TrainData, cache: TrialCache) throws -> Network {
        let recipe = try TrainTrial.recipe(key)
        var network = try recipe.network(input: data.dataset.inputSize, output: data.dataset.outputSize,
                                            sequence: data.dataset.sequence)
        let trained = try cache.value(sharedBy: family, version: version, trial: key) { () -> TrainedNetwork in
            let (result, fresh) = try TrainTrial.trained(key, data: data)
            return TrainedNetwork(parameters: fresh.parameters, diverged: result.diverged)
        }
        guard !trained.diverged, trained.parameters.count == network.parameterCount else {
            throw LearningError.invalidSetting(name: "training", expected: "a run that does not diverge (lower the learning rate)",
                                               found: "a diverged run with seed \(key.seed)")
        }
        network.parameters = trained.parameters
        return network
    }

    /// The trained networks of `keys` in parallel (each through the cache), in key order.
    static func networks(_ keys: [TrainTrial.Key], data: TrainData, context: ExperimentContext) throws -> [Network] {
        let cache = context.trials
        return try SweepRunner.run(count: keys.count, jobs: context.jobs, label: "network", progress: context.progress) { i in
            try network(keys[i], data: data, cache: cache)
        }
    }
}
