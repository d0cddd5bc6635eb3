import Foundation
import Learning
import Notebook

/// The default groups of the manifold lesson's kinds: Fashion-MNIST at full size with
/// pixels kept in [0, 1] (no standardising, so images, distances and errors read in pixel
/// units), and the networks and trainers its classifier and autoencoder start from.
enum ManifoldSetups {
    static func images(train: Int = 5_000, task: DataParameters.Task = .predict) -> DataParameters {
        var data = DataParameters()
        data.source = .fashionMNIST
        data.pixels = 28
        data.train = train
        data.validation = 1_000
        data.test = 1_000
        data.standardize = false
        data.task = task
        return data
    }

    static func training(learningRate: Double, epochs: Int, batchSize: Int = 64) -> TrainingParameters {
        var training = TrainingParameters()
        training.optimizer = .adam
        training.learningRate = learningRate
        training.batchSize = batchSize
        training.epochs = epochs
        return training
    }

    /// Checks every manifold kind makes of its data group: Fashion-MNIST, the given task.
    static func check(_ data: DataParameters, task: DataParameters.Task, _ checks: inout ConfigChecks) {
        data.checkRelations(prefix: "data.", &checks)
        checks.require(data.source == .fashionMNIST, "data.source", expected: "fashion-mnist (the lesson is about images)",
                       found: data.source.rawValue)
        checks.require(data.task == task, "data.task", expected: task.rawValue, found: data.task.rawValue)
        checks.require(!data.standardize, "data.standardize", expected: "false (images, distances and errors in pixel units)",
                       found: "true")
        checks.require(data.test >= 1, "data.test", expected: "at least 1 test image", found: "\(data.test)")
    }

    /// The model group's layers must build.
    static func check(_ model: ModelParameters, _ checks: inout ConfigChecks) {
        if case .failure(let problem) = model.layerSpecs() {
            checks.append(ConfigProblem(key: "model.\(problem.key)", expected: problem.expected, found: problem.found))
        }
    }
}
