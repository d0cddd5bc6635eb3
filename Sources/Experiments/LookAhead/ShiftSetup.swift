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

    static let fixedData = "the look-ahead lesson's images: Fashion-MNIST at 28 pixels as stored (a shift brings in the background's value, 0), labels as they are, no validation split; only the image counts vary"
    static let fixedModel = "the MLPs are one hidden layer of ReLU units with he_normal weights and biases; only its width varies (the CNN's layers follow `filters`)"
    static let fixedTraining = "all three models train with Adam and its usual constants at a constant rate, without weight decay or early stopping; only the rate, batch size and epochs vary"

    /// The data group: Fashion-MNIST at 28 pixels as stored; only the image counts vary.
    /// The test images are the first of the test file (10,000 of them), and there is no
    /// validation split.
    static func check(_ data: DataParameters, _ checks: inout ConfigChecks) {
        GroupChecks.fixed(data, Self.data(), group: "data", free: ["train", "test"], why: fixedData, &checks)
        checks.require((100...59_000).contains(data.train), "data.train",
                       expected: "100 to 59000 training images (the first of the training file)", found: "\(data.train)")
        checks.require((100...10_000).contains(data.test), "data.test",
                       expected: "100 to 10000 test images (the first of the test file)", found: "\(data.test)")
    }

    /// The model group is the MLPs' one hidden ReLU layer, He normal, with biases and no
    /// dropout; only its width varies.
    static func check(_ model: ModelParameters, _ checks: inout ConfigChecks) {
        GroupChecks.fixed(model, Self.model(), group: "model", free: ["hidden"], why: fixedModel, &checks)
        checks.require(model.hidden.count == 1, "model.hidden", expected: "one width (\(fixedModel))", found: "\(model.hidden)")
    }

    /// The training group is Adam with its usual constants at a constant rate, without
    /// weight decay or early stopping; the rate, batch size and epochs are free.
    static func check(_ training: TrainingParameters, _ checks: inout ConfigChecks) {
        GroupChecks.fixed(training, Self.training(), group: "training", free: ["learningRate", "batchSize", "epochs"],
                          why: fixedTraining, &checks)
        checks.require(training.epochs <= 1_000, "training.epochs", expected: "at most 1000", found: "\(training.epochs)")
    }
}
