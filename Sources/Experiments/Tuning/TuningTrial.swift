import Foundation
import Learning
import Notebook
import Tensor

/// One trained configuration of the tuning lesson's MLP: ReLU hidden layers of `width`
/// units (`depth` of them, He-normal initial weights), SGD with momentum 0.9 and L2
/// weight decay, a constant learning rate, cross-entropy; validation and test accuracy
/// measured after every epoch. A trial is trained through a `TrainingSession`, so asking
/// for more epochs continues from the stored checkpoint instead of starting again.
enum TuningTrial {
    /// The hyperparameters a trial understands (the names a search space may use).
    struct Setting: Codable, Hashable, Sendable {
        var learningRate: Double
        var batchSize: Int
        var width: Int
        var depth: Int
        var weightDecay: Double

        /// The setting from values in `SearchSpace.knownNames` order.
        init(_ v: [Double]) {
            learningRate = v[0]
            batchSize = Int(v[1].rounded())
            width = Int(v[2].rounded())
            depth = Int(v[3].rounded())
            weightDecay = v[4]
        }

        var values: [Double] { [learningRate, Double(batchSize), Double(width), Double(depth), weightDecay] }
    }

    /// A trained (configuration, seed, epochs): the cache key of its curve.
    struct Key: Codable, Hashable, Sendable {
        var version: Int
        var data: TuningData.Spec
        var momentum: Double
        var setting: Setting
        var seed: UInt64
        var epochs: Int
    }

    /// The latest checkpoint of a (configuration, seed), under its own key.
    struct CheckpointKey: Codable, Hashable, Sendable {
        var checkpointOf: Key
    }

    /// Accuracies after each epoch; a diverged run scores chance (0.1) from then on.
    struct Curve: Codable, Sendable, Equatable {
        var validation: [Double]
        var test: [Double]
        var diverged: Bool
    }

    /// A checkpoint with its float arrays stored as raw bytes (compact in the JSON cache).
    struct Stored: Codable, Sendable {
        var curve: Curve
        var parameters: Data
        var firstMoments: Data
        var secondMoments: Data
        var optimizerSteps: Int
        var epoch: Int
        var step: Int
        var shuffleSeed: UInt64
        var shuffleState: [UInt64]
        var noiseSeed: UInt64
        var noiseState: [UInt64]
        var diverged: Bool

        init(_ c: TrainingSession.Checkpoint, curve: Curve) {
            self.curve = curve
            parameters = Self.bytes(c.network.parameters)
            firstMoments = Self.bytes(c.firstMoments)
            secondMoments = c.secondMoments.allSatisfy { $0 == 0 } ? Data() : Self.bytes(c.secondMoments)
            optimizerSteps = c.optimizerSteps
            epoch = c.epoch
            step = c.step
            shuffleSeed = c.shuffleSeed
            shuffleState = c.shuffleState
            noiseSeed = c.noiseSeed
            noiseState = c.noiseState
            diverged = c.diverged
        }

        func checkpoint(architecture: Network) -> TrainingSession.Checkpoint {
            var network = architecture
            network.parameters = Self.floats(parameters)
            let first = Self.floats(firstMoments)
            let second = secondMoments.isEmpty ? [Float](repeating: 0, count: first.count) : Self.floats(secondMoments)
            return TrainingSession.Checkpoint(network: network, firstMoments: first, secondMoments: second,
                                              optimizerSteps: optimizerSteps, epoch: epoch, step: step,
                                              shuffleSeed: shuffleSeed, shuffleState: shuffleState,
                                              noiseSeed: noiseSeed, noiseState: noiseState, diverged: diverged)
        }

        static func bytes(_ values: [Float]) -> Data {
            values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
        }

        static func floats(_ data: Data) -> [Float] {
            var out = [Float](repeating: 0, count: data.count / 4)
            data.withUnsafeBytes { raw in
                for i in out.indices {
                    out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            }
            return out
        }
    }

    /// Bumped whenever a trial with the same key would give different numbers.
    static let version = 1
    /// Classes of Fashion-MNIST: a diverged network scores 1 / 10.
    static let chance = 0.1

    /// The trial's setup. `epochs` only shapes schedules; the rate is constant, so the
    /// planned total does not matter.
    static func recipe(_ s: Setting, momentum: Double, seed: UInt64) -> TrialRecipe {
        TrialRecipe(hidden: TrialRecipe.layers(hidden: Array(repeating: s.width, count: s.depth), activation: .relu),
                    initializer: .heNormal, optimizer: .sgd(momentum: Float(momentum), weightDecay: Float(s.weightDecay)),
                    learningRate: s.learningRate, batchSize: s.batchSize, epochs: 1_000, divergenceThreshold: 1_000,
                    seed: seed)
    }

    static func network(_ s: Setting, inputs: Int, seed: UInt64) throws -> Network {
        try recipe(s, momentum: 0, seed: seed).network(input: inputs, output: 10)
    }

    /// The trainer's configuration; the example order is seed + 1 (the tuning lesson's own
    /// derivation, kept so its searches stay as they were).
    static func configuration(_ s: Setting, momentum: Double, seed: UInt64) -> TrainingConfiguration {
        recipe(s, momentum: momentum, seed: seed).configuration(order: seed &+ 1)
    }
}
