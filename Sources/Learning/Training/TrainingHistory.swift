import Tensor

/// The metrics of one epoch.
public struct EpochRecord: Equatable, Sendable, Codable {
    /// Epochs completed when measured (0: before training).
    public var epoch: Int
    /// Mean training loss (see `MetricsMode`); nil when not measured.
    public var trainLoss: Double?
    /// Training accuracy (classification only).
    public var trainAccuracy: Double?
    /// Mean validation loss, when there is a validation split.
    public var validationLoss: Double?
    /// Validation accuracy (classification with a validation split).
    public var validationAccuracy: Double?
    /// Mean test loss, when `trackTest` is set and there is a test split.
    public var testLoss: Double?
    /// Test accuracy, likewise.
    public var testAccuracy: Double?
    /// The learning rate of the epoch's last step.
    public var learningRate: Double
}

/// The loss of one optimisation step (recorded when asked).
public struct StepRecord: Equatable, Sendable, Codable {
    /// Zero-based step index over the whole run.
    public var step: Int
    /// Zero-based epoch the step belongs to.
    public var epoch: Int
    /// The minibatch loss before the update.
    public var loss: Double
    /// The learning rate of the update.
    public var learningRate: Double
}

/// How a run ended.
public enum TrainingStatus: Equatable, Sendable {
    /// All epochs ran.
    case completed
    /// Early stopping ended the run after `epoch` epochs.
    case stoppedEarly(epoch: Int)
    /// The loss became non-finite or exceeded the threshold at `step` of `epoch`
    /// (zero-based); `loss` is the offending value. A result, not a failure.
    case diverged(epoch: Int, step: Int, loss: Double)
}

/// The outputs of every layer for the capture inputs at the end of one epoch.
public struct ActivationCapture: Sendable {
    /// Epochs completed (0: before training).
    public var epoch: Int
    /// One matrix per layer of the network, in order (see `Network.layerOutputs`).
    public var layerOutputs: [Matrix<Float>]
}

/// Everything a run produced besides the trained weights.
public struct TrainingHistory: Sendable {
    /// One record per measured epoch, in order.
    public var epochs: [EpochRecord] = []
    /// One record per step when `recordSteps` was set.
    public var steps: [StepRecord] = []
    /// How the run ended.
    public var status: TrainingStatus = .completed
    /// Layer outputs at the requested epochs.
    public var captures: [ActivationCapture] = []
    /// The epoch whose weights the network holds after early stopping with restore.
    public var bestEpoch: Int?
    /// Loss and accuracy on the training split with the final weights (nil after
    /// divergence).
    public var finalTrain: Evaluation?
    /// The same on the validation split, if any.
    public var finalValidation: Evaluation?
    /// The same on the test split, if any.
    public var finalTest: Evaluation?
    /// Number of optimisation steps taken.
    public var stepCount = 0

    /// An empty history (nothing trained yet).
    public init() {}

    /// Whether the run diverged.
    public var diverged: Bool {
        if case .diverged = status { return true }
        return false
    }

    /// The last epoch record.
    public var last: EpochRecord? { epochs.last }
}
