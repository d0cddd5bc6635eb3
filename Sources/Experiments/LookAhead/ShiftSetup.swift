import Foundation
import Learning
import Notebook

/// The shared groups of the `shifted-images` kind and what its trial (`ShiftTrial`) fixes.
/// A cell declares `data:`, `model:` and `training:` as a `train` cell does; the settings
/// the trial does not vary must keep the values it runs with, so that a setting is never
/// silently ignored: a cell that changes one gets an error naming it.
enum ShiftSetup {
    /// 6,000 images of the Fashion-MNIST training file and 1,000 of its test file, at
    /// 28 x 28 with pixels in [0, 1] as stored (not standardised, so that a shift brings in
    /// the background's own value, 0).
    static func data() -> DataParameters {
        var data = DataParameters()
        data.source = .fashionMNIST
        data.pixels = 28
        data.train = 6_000
        data.test = 1_000
        data.standardize = false
        return data
    }

    /// The MLPs: one hidden layer of 32 ReLU units with He's normal weights.
    static func model() -> ModelParameters {
        var model = ModelParameters()
        model.hidden = [32]
        model.activation = .relu
        model.initializer = .heNormal
        return model
    }

    /// Adam (beta1 0.9, beta2 0.999) at 0.001 in minibatches of 64 for 5 epochs.
    static func training() -> TrainingParameters {
        var training = TrainingParameters()
        training.optimizer = .adam
        training.learningRate = 0.001
        training.batchSize = 64
        training.epochs = 5
        return training
    }

    /// The data group: Fashion-MNIST at 28 pixels as stored; only the image counts vary.
    /// The test images are the first of the test file (10,000 of them), and there is no
    /// validation split.
    static func check(_ data: DataParameters, _ checks: inout ConfigChecks) {
        let fixed = Self.data()
        checks.require(data.source == .fashionMNIST, "data.source", expected: "fashion-mnist (the lesson is about images)",
                       found: data.source.rawValue)
        checks.require(data.task == .predict, "data.task", expected: "predict (the models classify)", found: data.task.rawValue)
        checks.require(data.pixels == 28, "data.pixels", expected: "28 (shifts are in pixels of the stored images)",
                       found: "\(data.pixels)")
        checks.require(!data.standardize, "data.standardize",
                       expected: "false (a shift brings in the background's value, 0)", found: "true")
        checks.require(data.labelNoise == 0, "data.label_noise", expected: "0 (the trial keeps the labels as they are)",
                       found: "\(data.labelNoise)")
        checks.require(data.validation == fixed.validation, "data.validation",
                       expected: "\(fixed.validation) (not used: the kind keeps no validation split)", found: "\(data.validation)")
        checks.require((100...59_000).contains(data.train), "data.train",
                       expected: "100 to 59000 training images (the first of the training file)", found: "\(data.train)")
        checks.require((100...10_000).contains(data.test), "data.test",
                       expected: "100 to 10000 test images (the first of the test file)", found: "\(data.test)")
    }

    /// The model group is the MLPs' one hidden ReLU layer, He normal, with biases and no
    /// dropout; only its width varies (the CNN's layers follow `filters`).
    static func check(_ model: ModelParameters, _ checks: inout ConfigChecks) {
        let why = "the MLPs are one hidden layer of ReLU units with he_normal weights and biases; only its width varies"
        checks.require(model.hidden.count == 1, "model.hidden", expected: "one width (\(why))", found: "\(model.hidden)")
        checks.require(model.activation == .relu, "model.activation", expected: "relu (\(why))", found: model.activation.name)
        checks.require(model.initializer == .heNormal, "model.initializer", expected: "he_normal (\(why))",
                       found: model.initializer.name)
        checks.require(model.dropout == 0, "model.dropout", expected: "0 (\(why))", found: "\(model.dropout)")
        checks.require(model.bias, "model.bias", expected: "true (\(why))", found: "false")
        checks.require(model.layers.isEmpty, "model.layers", expected: "none (\(why); the CNN's layers follow `filters`)",
                       found: model.layers.joined(separator: ", "))
    }

    /// The training group is Adam with its usual constants at a constant rate, without
    /// weight decay or early stopping; the rate, batch size and epochs are free.
    static func check(_ training: TrainingParameters, _ checks: inout ConfigChecks) {
        let fixed = Self.training()
        let why = "all three models train with Adam and its usual constants; only the rate, batch size and epochs vary"
        checks.require(training.optimizer == .adam, "training.optimizer", expected: "adam (\(why))",
                       found: training.optimizer.rawValue)
        checks.require(training.beta1 == fixed.beta1, "training.beta1", expected: "\(fixed.beta1) (\(why))", found: "\(training.beta1)")
        checks.require(training.beta2 == fixed.beta2, "training.beta2", expected: "\(fixed.beta2) (\(why))", found: "\(training.beta2)")
        checks.require(training.epsilon == fixed.epsilon, "training.epsilon", expected: "\(fixed.epsilon) (\(why))",
                       found: "\(training.epsilon)")
        checks.require(training.weightDecay == 0, "training.weight_decay", expected: "0 (\(why))", found: "\(training.weightDecay)")
        checks.require(training.schedule == .constant, "training.schedule", expected: "constant (\(why))",
                       found: training.schedule.rawValue)
        checks.require(training.patience == 0, "training.patience", expected: "0 (no early stopping: there is no validation split)",
                       found: "\(training.patience)")
        checks.require(training.divergenceThreshold == fixed.divergenceThreshold, "training.divergence_threshold",
                       expected: "\(Int(fixed.divergenceThreshold)) (\(why))", found: "\(training.divergenceThreshold)")
        checks.require(training.epochs <= 1_000, "training.epochs", expected: "at most 1000", found: "\(training.epochs)")
    }
}
