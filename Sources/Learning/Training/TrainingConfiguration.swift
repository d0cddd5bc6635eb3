import Tensor

/// Everything the trainer needs besides the network and the data.
public struct TrainingConfiguration: Sendable {
    /// Passes over the training split.
    public var epochs: Int = 100
    /// Examples per minibatch; the last batch of an epoch holds the remainder.
    public var batchSize: Int = 32
    /// The optimizer and its hyperparameters.
    public var optimizer: Optimizer = .adam()
    /// The base learning rate, shaped by `schedule`.
    public var learningRate: Float = 0.01
    /// How the rate changes over training.
    public var schedule: LearningRateSchedule = .constant
    /// The objective; nil picks cross-entropy for classification and MSE for regression.
    public var loss: Loss? = nil
    /// Seed of the minibatch shuffle and of dropout (the network has its own).
    public var seed: UInt64 = 0
    /// How the per-epoch training loss and accuracy are measured.
    public var trainMetrics: MetricsMode = .fullPass
    /// Also measure the test split every epoch (for curves of test error over training).
    public var trackTest: Bool = false
    /// Record the loss and rate of every step in `TrainingHistory.steps`.
    public var recordSteps: Bool = false
    /// Stop when the monitored loss (validation if there is a validation split, else
    /// training) has not improved for a while.
    public var earlyStopping: EarlyStopping? = nil
    /// A step loss above this (or not finite) ends the run with a diverged status.
    public var divergenceThreshold: Double = 1e4
    /// Epochs at whose end each layer's outputs are captured (0: before training).
    public var captureEpochs: Set<Int> = []
    /// The inputs whose layer outputs are captured; nil uses the training features.
    public var captureInputs: Matrix<Float>? = nil
    /// Called after every epoch with its record (progress display); not for numbers.
    public var onEpoch: (@Sendable (EpochRecord) -> Void)? = nil
    /// Measure the splits once more after the last epoch (`TrainingHistory.finalTrain`,
    /// `finalValidation`, `finalTest`). A caller that reads none of them turns it off: a
    /// run trained in short segments would otherwise pass over every segment's examples
    /// twice, once to train and once to measure what nobody reads.
    public var finalMetrics: Bool = true

    public init(epochs: Int = 100, batchSize: Int = 32, optimizer: Optimizer = .adam(),
                learningRate: Float = 0.01, schedule: LearningRateSchedule = .constant, loss: Loss? = nil,
                seed: UInt64 = 0, trainMetrics: MetricsMode = .fullPass, trackTest: Bool = false, recordSteps: Bool = false,
                earlyStopping: EarlyStopping? = nil, divergenceThreshold: Double = 1e4,
                captureEpochs: Set<Int> = [], captureInputs: Matrix<Float>? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.schedule = schedule
        self.loss = loss
        self.seed = seed
        self.trainMetrics = trainMetrics
        self.trackTest = trackTest
        self.recordSteps = recordSteps
        self.earlyStopping = earlyStopping
        self.divergenceThreshold = divergenceThreshold
        self.captureEpochs = captureEpochs
        self.captureInputs = captureInputs
    }

    /// Refuses settings no run can use (negative epochs, an empty batch, a rate that is not
    /// a finite number >= 0, a patience below one), naming the setting and what it needs.
    public func check() throws {
        guard epochs >= 0 else {
            throw LearningError.invalidSetting(name: "epochs", expected: "a whole number >= 0", found: "\(epochs)")
        }
        guard batchSize > 0 else {
            throw LearningError.invalidSetting(name: "batch size", expected: "a positive whole number", found: "\(batchSize)")
        }
        guard learningRate.isFinite, learningRate >= 0 else {
            throw LearningError.invalidSetting(name: "learning rate", expected: "a finite number >= 0", found: "\(learningRate)")
        }
        if let e = earlyStopping, e.patience < 1 {
            throw LearningError.invalidSetting(name: "early stopping patience", expected: "a positive whole number",
                                               found: "\(e.patience)")
        }
    }
}

/// How the trainer measures training loss and accuracy each epoch.
public enum MetricsMode: String, Sendable, Codable {
    /// A full forward pass over the training split after the epoch (exact; epoch 0, the
    /// untrained network, is recorded too).
    case fullPass
    /// The mean of the minibatch losses seen during the epoch (free, but the network
    /// changes while it is measured). Validation still gets a full pass.
    case runningAverage
    /// No per-epoch training metrics (fastest); the final ones are still measured.
    case none
}

/// Early stopping: end training when the monitored loss has not improved by more than
/// `minDelta` for `patience` epochs, optionally going back to the best weights.
public struct EarlyStopping: Equatable, Sendable, Codable {
    public var patience: Int
    public var minDelta: Double
    public var restoreBest: Bool

    public init(patience: Int = 10, minDelta: Double = 0, restoreBest: Bool = true) {
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBest = restoreBest
    }
}
