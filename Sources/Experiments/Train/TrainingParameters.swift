import Foundation
import Learning
import Notebook

/// The `training` group of a training setup: optimiser and its constants, learning rate
/// and schedule, minibatches, epochs, weight decay, early stopping and when a run counts
/// as diverged.
///
///     training:
///       optimizer: momentum
///       learning_rate: 0.05
///       schedule: cosine
struct TrainingParameters: Codable, Sendable, Equatable, Hashable, DeclaredParameters {
    /// How the learning rate changes over the run.
    enum Schedule: String, ConfigChoice, Hashable {
        case constant, step, cosine
        case warmupCosine = "warmup_cosine"
    }

    var optimizer = OptimizerChoice.adam
    var learningRate = 0.01
    var momentum = 0.9
    var beta1 = 0.9
    var beta2 = 0.999
    var rho = 0.99
    var epsilon = 1e-8
    var weightDecay = 0.0
    var schedule = Schedule.constant
    var stepEvery = 10
    var stepFactor = 0.1
    var warmupSteps = 100
    var batchSize = 32
    var epochs = 100
    var patience = 0
    var divergenceThreshold = 100.0

    init() {}

    static let parameters: [Parameter<TrainingParameters>] = [
        .choice("optimizer", \.optimizer, "`sgd`, `momentum` (heavy ball), `nesterov`, `rmsprop`, `adam` or `adamw` (decoupled weight decay), as PyTorch implements them."),
        .number("learningRate", \.learningRate, .positive, "The base learning rate."),
        .number("momentum", \.momentum, ValueRange(lower: 0, upper: 1, upperInclusive: false), "Momentum of `momentum` and `nesterov`."),
        .number("beta1", \.beta1, ValueRange(lower: 0, upper: 1, upperInclusive: false), "Adam and AdamW: decay of the first moment."),
        .number("beta2", \.beta2, ValueRange(lower: 0, upper: 1, upperInclusive: false), "Adam and AdamW: decay of the second moment."),
        .number("rho", \.rho, ValueRange(lower: 0, upper: 1, upperInclusive: false), "RMSProp: decay of the mean square."),
        .number("epsilon", \.epsilon, .positive, "RMSProp, Adam and AdamW: added to the root of the second moment (outside the square root)."),
        .number("weightDecay", \.weightDecay, .nonNegative, "L2 penalty added to the gradient (decoupled for AdamW)."),
        .choice("schedule", \.schedule, "`constant`, `step` (times `step_factor` every `step_every` epochs), `cosine` (to 0 over the run) or `warmup_cosine` (linear warm-up over `warmup_steps` steps from rate / warmup_steps, then cosine over the remaining steps)."),
        .whole("stepEvery", \.stepEvery, 1..., "Step schedule: epochs between decays."),
        .number("stepFactor", \.stepFactor, .positive, "Step schedule: factor of each decay."),
        .whole("warmupSteps", \.warmupSteps, 1..., "Warm-up schedule: steps of the linear warm-up."),
        .whole("batchSize", \.batchSize, 1..., "Examples per minibatch (the last of an epoch holds the rest); examples are reshuffled every epoch."),
        .whole("epochs", \.epochs, 1...100_000, "Passes over the training split."),
        .whole("patience", \.patience, 0..., "Early stopping: end the run when the validation loss has not improved for this many epochs, and go back to the best weights (0: train every epoch)."),
        .number("divergenceThreshold", \.divergenceThreshold, .positive, "A minibatch loss above this (or not finite) ends the run as diverged: an untrained 10-class network starts near ln 10 = 2.3, so 100 means it has left any sensible region."),
    ]

    /// The engine's optimiser with these constants.
    var engineOptimizer: Optimizer {
        switch optimizer {
        case .sgd: return .sgd(weightDecay: Float(weightDecay))
        case .momentum: return .sgd(momentum: Float(momentum), weightDecay: Float(weightDecay))
        case .nesterov: return .sgd(momentum: Float(momentum), nesterov: true, weightDecay: Float(weightDecay))
        case .rmsprop: return .rmsprop(rho: Float(rho), epsilon: Float(epsilon), weightDecay: Float(weightDecay))
        case .adam: return .adam(beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon), weightDecay: Float(weightDecay))
        case .adamw: return .adamW(beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon), weightDecay: Float(weightDecay))
        }
    }

    /// The engine's schedule.
    var engineSchedule: LearningRateSchedule {
        switch schedule {
        case .constant: return .constant
        case .step: return .step(everyEpochs: stepEvery, factor: Float(stepFactor))
        case .cosine: return .cosine(minimum: 0)
        case .warmupCosine: return .warmupCosine(warmupSteps: warmupSteps)
        }
    }

    /// `Adam, rate 0.01, 100 epochs, batch 32` and the like, for captions.
    var description: String {
        "\(optimizer.label(momentum: momentum)), learning rate \(String(format: "%g", learningRate))"
            + (schedule == .constant ? "" : " (\(engineSchedule.name))")
            + ", batch \(batchSize), \(epochs) epochs"
            + (weightDecay > 0 ? ", weight decay \(String(format: "%g", weightDecay))" : "")
    }
}
