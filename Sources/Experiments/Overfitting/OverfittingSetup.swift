import Foundation
import Learning
import Notebook

/// The shared groups of the overfitting lesson's network kinds (`learning-curves`,
/// `label-noise`, `regularization`) and what their trial fixes. The cells declare
/// `data:`, `model:` and `training:` as a `train` cell does; the values the lesson's
/// trial (`OverfittingTrial`) does not vary are checked to be the ones it runs, so a
/// setting is never silently ignored.
enum OverfittingSetup {
    /// 1,000 training and 1,000 validation images of the Fashion-MNIST training file and
    /// 1,000 test images, 14 x 14 pixels, standardised.
    static func data(size: Int = 1_000) -> DataParameters {
        var data = DataParameters()
        data.source = .fashionMNIST
        data.pixels = 14
        data.train = size
        data.validation = size
        data.test = size
        return data
    }

    /// One hidden layer of `width` ReLU units with He's normal weights.
    static func model(width: Int = 512) -> ModelParameters {
        var model = ModelParameters()
        model.hidden = [width]
        model.activation = .relu
        model.initializer = .heNormal
        return model
    }

    /// Adam at 0.001 in minibatches of 32.
    static func training(epochs: Int) -> TrainingParameters {
        var training = TrainingParameters()
        training.optimizer = .adam
        training.learningRate = 0.001
        training.batchSize = 32
        training.epochs = epochs
        return training
    }

    /// The quick profile's groups: 300 images of each split, `width` hidden units (when the
    /// kind has a model group) and `epochs` epochs.
    static func quick(width: Int?, epochs: Int) -> [String: ConfigValue] {
        var profile: [String: ConfigValue] = [
            "data": .object(["train": .int(300), "validation": .int(300), "test": .int(300)]),
            "training": .object(["epochs": .int(epochs)]),
        ]
        if let width { profile["model"] = .object(["hidden": .array([.int(width)])]) }
        return profile
    }

    /// The data a trial loads: the group's image counts, `noise` of the labels corrupted
    /// (training and validation), the corruption drawn from `seed`.
    static func spec(_ data: DataParameters, noise: Double, seed: UInt64) -> OverfittingData.Spec {
        OverfittingData.Spec(train: data.train, validation: data.validation, test: data.test, noise: noise, seed: seed)
    }

    static let fixedData = "the overfitting lesson's images: Fashion-MNIST at 14 pixels, standardised; labels are corrupted by the kind's own `noise`"
    static let fixedModel = "one hidden layer of ReLU units with he_normal weights and biases; only its width varies"
    static let fixedTraining = "Adam with its usual constants and a constant rate; only the rate, batch size and epochs vary"

    /// The data group holds what `OverfittingData` loads: only the image counts vary. The
    /// test images are the first of Fashion-MNIST's test file (10,000 of them).
    static func check(_ data: DataParameters, _ checks: inout ConfigChecks) {
        data.checkRelations(prefix: "data.", &checks)
        GroupChecks.fixed(data, Self.data(), group: "data", free: ["train", "validation", "test"], why: fixedData, &checks)
        checks.require(data.train >= 10, "data.train", expected: "at least 10 training images", found: "\(data.train)")
        checks.require(data.validation >= 10, "data.validation", expected: "at least 10 validation images", found: "\(data.validation)")
        checks.require((10...10_000).contains(data.test), "data.test",
                       expected: "10 to 10000 test images (the first of the test file)", found: "\(data.test)")
    }

    /// The model group is one hidden ReLU layer, He normal, with biases, no dropout (the
    /// kinds that vary dropout do so through their own sweep parameters).
    static func check(_ model: ModelParameters, _ checks: inout ConfigChecks) {
        GroupChecks.fixed(model, Self.model(), group: "model", free: ["hidden"], why: fixedModel, &checks)
        checks.require(model.hidden.count == 1, "model.hidden", expected: "one width (\(fixedModel))", found: "\(model.hidden)")
    }

    /// The training group is Adam with its usual constants; the rate, batch size and
    /// epochs are free.
    static func check(_ training: TrainingParameters, _ checks: inout ConfigChecks) {
        GroupChecks.fixed(training, Self.training(epochs: training.epochs), group: "training",
                          free: ["learningRate", "batchSize", "epochs"], why: fixedTraining, &checks)
        checks.require(training.epochs <= 10_000, "training.epochs", expected: "at most 10000", found: "\(training.epochs)")
    }
}
