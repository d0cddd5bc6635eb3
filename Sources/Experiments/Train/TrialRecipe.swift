import Foundation
import Learning
import Tensor

/// How every trial that trains an MLP is set up: the network from its hidden layers and a
/// seed, and the trainer's configuration from the optimiser, rate, schedule, batches and
/// epochs. The `train` kind and the bespoke kinds (the optimiser, overfitting, batch-size
/// and tuning lessons) all build their networks and trainers here, so a setup means one
/// network and one run wherever it is written, and the example order is derived from the
/// seed in one place (`orderSeed`).
struct TrialRecipe: Sendable {
    /// The hidden layers, first to last; the linear output layer is added by `network`.
    var hidden: [LayerSpec]
    /// Whether the output layer adds a bias.
    var outputBias = true
    var initializer: Initializer
    var optimizer: Optimizer
    var learningRate: Double
    var schedule: LearningRateSchedule = .constant
    var batchSize: Int
    var epochs: Int
    var earlyStopping: EarlyStopping? = nil
    var divergenceThreshold: Double
    /// Seed of the initial weights.
    var seed: UInt64

    /// The usual hidden layers: each width a dense layer, then `activation`, then dropout
    /// when `dropout` is above zero (`Network.init(input:hidden:...)` builds the same).
    static func layers(hidden: [Int], activation: Activation, dropout: Double = 0, bias: Bool = true) -> [LayerSpec] {
        var specs: [LayerSpec] = []
        for width in hidden {
            specs.append(.dense(units: width, bias: bias))
            specs.append(.activation(activation))
            if dropout > 0 { specs.append(.dropout(rate: Float(dropout))) }
        }
        return specs
    }

    /// The seed of the example order (and dropout masks) of a trial with weight seed
    /// `seed`: stream 21 of it, so that the order differs from the weights' draws.
    static func orderSeed(_ seed: UInt64) -> UInt64 {
        var order = SeededGenerator(seed: seed).derive(stream: 21)
        return order.next()
    }

    /// The untrained network for inputs of width `input` and `output` outputs; `sequence`
    /// says how a row holds a sequence, for a recurrent first layer.
    func network(input: Int, output: Int, sequence: SequenceShape? = nil) throws -> Network {
        try Network(input: input, layers: hidden + [.dense(units: output, bias: outputBias)], initializer: initializer,
                    seed: seed, sequence: sequence)
    }

    /// The trainer's configuration; `order` is the shuffle seed (`orderSeed(seed)` unless
    /// a kind keeps an older derivation), the rest says what is measured along the way.
    func configuration(order: UInt64? = nil, trainMetrics: MetricsMode = .none, trackTest: Bool = false,
                       recordSteps: Bool = false, epochs: Int? = nil) -> TrainingConfiguration {
        TrainingConfiguration(epochs: epochs ?? self.epochs, batchSize: batchSize, optimizer: optimizer,
                              learningRate: Float(learningRate), schedule: schedule,
                              seed: order ?? Self.orderSeed(seed), trainMetrics: trainMetrics, trackTest: trackTest,
                              recordSteps: recordSteps, earlyStopping: earlyStopping,
                              divergenceThreshold: divergenceThreshold)
    }
}
