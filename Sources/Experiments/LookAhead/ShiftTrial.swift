import Foundation
import Learning
import Notebook
import Tensor

/// One training run of the shifted-images lesson: a model trained on Fashion-MNIST
/// images as they are (or, for the augmented MLP, on randomly shifted copies), then
/// tested on the test images shifted by 0, 1, ..., `maxShift` pixels in each of the four
/// directions. The three models of a seed share the initial-weight seed and the example
/// order's derivation (`TrialRecipe`).
struct ShiftTrial: Sendable {
    /// The three models the lesson compares.
    enum Model: String, Codable, Sendable, CaseIterable {
        /// A one-hidden-layer ReLU MLP.
        case mlp
        /// The same MLP trained on randomly shifted copies of the training images.
        case augmented
        /// A small convolutional network.
        case cnn

        var title: String {
            switch self {
            case .mlp: return "MLP"
            case .augmented: return "MLP + shifts"
            case .cnn: return "CNN"
            }
        }
    }

    /// Everything a run's result depends on; also its cache key.
    struct Key: Codable, Sendable, Equatable {
        var version: Int
        var model: Model
        var train: Int
        var test: Int
        var hidden: Int
        var filters: [Int]
        var epochs: Int
        var batch: Int
        var rate: Double
        var maxShift: Int
        /// Seed of the initial weights; the example order and the shifts derive from it.
        var seed: UInt64
    }

    struct Result: Codable, Sendable, Equatable {
        /// Test accuracy at shift 0, 1, ..., maxShift (mean over the four directions).
        var accuracy: [Double]
        var trainAccuracy: Double
        var parameters: Int
        /// The first convolution layer's filters (`kernel x kernel` each); empty for MLPs.
        var filters: [[Float]]
        var diverged: Bool
    }

    static let version = 1
    static let side = 28
    /// The CNN's kernels: 5 x 5 (padding 2) in the first layer, 3 x 3 (padding 1) after.
    static let kernels = [5, 3]

    /// The hidden layers of a model (the linear output layer of 10 units comes after).
    static func layers(_ key: Key) -> [LayerSpec] {
        switch key.model {
        case .mlp, .augmented:
            return TrialRecipe.layers(hidden: [key.hidden], activation: .relu)
        case .cnn:
            var specs: [LayerSpec] = []
            for (i, f) in key.filters.enumerated() {
                let k = kernels[min(i, kernels.count - 1)]
                specs += [.convolution(filters: f, kernel: k, stride: 1, padding: k / 2), .activation(.relu),
                          .maxPool(size: 2, stride: 2)]
            }
            return specs + [.flatten]
        }
    }

    static func recipe(_ key: Key) -> TrialRecipe {
        TrialRecipe(hidden: layers(key), initializer: .heNormal, optimizer: .adam(), learningRate: key.rate,
                    batchSize: key.batch, epochs: key.epochs, divergenceThreshold: 100, seed: key.seed)
    }

    /// Parameters of a model without training it.
    static func parameterCount(_ key: Key) throws -> Int {
        try recipe(key).network(input: side * side, output: 10).parameterCount
    }

    static func run(_ key: Key, data: ShiftData) throws -> Result {
        let recipe = recipe(key)
        var network = try recipe.network(input: side * side, output: 10)
        var train = data.train
        var configuration = recipe.configuration()
        if key.model == .augmented {
            // `epochs` copies of the training images, each image shifted afresh in every
            // copy, shuffled together and passed through once: as many steps as `epochs`
            // epochs, each image seen `epochs` times, never twice at the same offset on purpose.
            var rng = SeededGenerator(seed: key.seed).derive(stream: 31)
            var features = ImageShift.randomlyShifted(data.train.features, side: side, maxShift: key.maxShift, rng: &rng)
            var labels = data.train.labels
            for _ in 1..<max(key.epochs, 1) {
                features = try features.appendingRows(ImageShift.randomlyShifted(data.train.features, side: side,
                                                                                   maxShift: key.maxShift, rng: &rng))
                labels += data.train.labels
            }
            train = DataSplit(features: features, labels: labels)
            configuration = recipe.configuration(epochs: 1)
        }
        let history = try Trainer(configuration).train(&network, train: train)
        var accuracy: [Double] = []
        for shift in 0...key.maxShift {
            let directions = shift == 0 ? [(0, 0)] : ImageShift.directions
            var sum = 0.0
            for (dx, dy) in directions {
                let moved = ImageShift.shifted(data.test.features, side: side, dx: dx * shift, dy: dy * shift)
                sum += try network.evaluate(DataSplit(features: moved, labels: data.test.labels),
                                            loss: .softmaxCrossEntropy).accuracy ?? .nan
            }
            accuracy.append(sum / Double(directions.count))
        }
        // The augmented MLP's own final pass saw shifted copies: measure it on the images as they are.
        let trainAccuracy = key.model == .augmented
            ? try network.evaluate(data.train, loss: .softmaxCrossEntropy).accuracy ?? .nan
            : history.finalTrain?.accuracy ?? .nan
        var filters: [[Float]] = []
        if let first = network.convolutionLayers.first {
            filters = (0..<first.filters).map { network.filterWeights(layer: 0, filter: $0)[0] }
        }
        return Result(accuracy: accuracy, trainAccuracy: trainAccuracy, parameters: network.parameterCount,
                      filters: filters, diverged: history.diverged)
    }

    /// Runs every key through the trial cache, in parallel, the CNNs first (the costliest).
    static func runAll(_ keys: [Key], context: ExperimentContext) throws -> [Result] {
        let sets = LoadedOnce<[Int], ShiftData>()
        let order = keys.indices.sorted { (keys[$0].model == .cnn ? 0 : 1, $0) < (keys[$1].model == .cnn ? 0 : 1, $1) }
        let cache = context.trials
        return try SweepRunner.run(count: keys.count, jobs: context.jobs, label: "run", progress: context.progress,
                                   order: order) { i in
            try cache.value(sharedBy: "shift-trial", version: version, trial: keys[i]) {
                try run(keys[i], data: sets.value([keys[i].train, keys[i].test]) {
                    try ShiftData.load(train: keys[i].train, test: keys[i].test)
                })
            }
        }
    }
}
