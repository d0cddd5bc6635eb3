import Foundation
import Learning
import Notebook

/// The data group of the kinds that train on `BatchData` (the batch-size, tuning and
/// optimiser lessons): Fashion-MNIST pooled to 14 x 14 pixels (`source: fashion-mnist`) or
/// ten Gaussian clusters (`source: clusters`, the quick runs' data), with `train` training
/// and `validation` validation examples and no test split, standardised with two numbers.
/// The cells declare it as a `train` cell declares its data; settings `BatchData` does
/// not vary are checked to keep their values, so none is silently ignored.
enum BatchDataSetup {
    /// 10,000 training and 2,000 validation images of Fashion-MNIST at 14 pixels; the
    /// clusters, when chosen, in 32 dimensions with spread 2.
    static func data(train: Int = 10_000, validation: Int = 2_000) -> DataParameters {
        var data = DataParameters()
        data.source = .fashionMNIST
        data.pixels = 14
        data.train = train
        data.validation = validation
        data.test = 0
        data.inputs = 32
        data.spread = 2
        return data
    }

    /// The data a trial loads, the clusters drawn from `seed`.
    static func spec(_ data: DataParameters, seed: UInt64) -> BatchData.Spec {
        BatchData.Spec(source: data.source == .clusters ? .synthetic : .fashionMNIST, train: data.train,
                       validation: data.validation, inputs: data.inputs, spread: data.spread, seed: seed)
    }

    /// The data group's doc text in the kinds whose data has no test split.
    static let documentation = "The examples, as in a `train` cell: `source: fashion-mnist` (pooled to 14 x 14 pixels) or `clusters` (ten Gaussian classes in `inputs` dimensions with `spread`), `train` training and `validation` validation examples (no test split)."

    static let fixed = "Fashion-MNIST at 14 pixels or clusters, standardised, with training and validation examples only; only the source, the counts and the clusters' inputs and spread vary"

    /// The source is Fashion-MNIST or the clusters; only the counts and the clusters'
    /// shape vary.
    static func check(_ data: DataParameters, withTest: Bool = false, _ checks: inout ConfigChecks) {
        checks.require(data.source == .fashionMNIST || data.source == .clusters, "data.source",
                       expected: "fashion-mnist or clusters", found: data.source.rawValue)
        var free: Set<String> = ["source", "train", "validation", "inputs", "spread"]
        if withTest {
            free.insert("test")
            checks.require(data.test >= 1, "data.test", expected: "at least 1 test example", found: "\(data.test)")
        }
        GroupChecks.fixed(data, Self.data(), group: "data", free: free, why: withTest ? fixedWithTest : fixed, &checks)
        if data.source == .fashionMNIST {
            checks.require(data.train + data.validation + data.test <= 60_000, "data.train",
                           expected: "train + validation + test of at most 60000 images (the training file)",
                           found: "\(data.train + data.validation + data.test)")
        }
    }

    static let fixedWithTest = "Fashion-MNIST at 14 pixels or clusters, standardised; only the source, the counts and the clusters' inputs and spread vary"

    /// The quick profile's data: `train` and `validation` examples, from `source` when given.
    static func quick(train: Int, validation: Int, source: DataParameters.Source? = nil) -> ConfigValue {
        var data: [String: ConfigValue] = ["train": .int(train), "validation": .int(validation)]
        if let source { data["source"] = .string(source.rawValue) }
        return .object(data)
    }

    /// The quick profile of the optimiser lesson's kinds: the real images, fewer of them in
    /// smaller batches (about the same number of steps), with the kind's `own` reductions.
    static func optimizerQuickProfile(_ own: [String: ConfigValue]) -> [String: ConfigValue] {
        own.merging(["data": quick(train: 4_000, validation: 1_000), "training": .object(["batchSize": .int(32)])]) { own, _ in own }
    }

    /// An MLP of `hidden` widths with one activation and initialiser.
    static func model(hidden: [Int], activation: Activation = .relu, initializer: Initializer = .heNormal) -> ModelParameters {
        var model = ModelParameters()
        model.hidden = hidden
        model.activation = activation
        model.initializer = initializer
        return model
    }

    /// The model group's doc text in the kinds that let the MLP's shape vary freely.
    static let modelDocumentation = "The MLP, as in a `train` cell: `hidden` widths, `activation`, `initializer` (biases start at zero)."

    /// The model group of the kinds that let the MLP's widths, activation and initialiser
    /// vary: everything else keeps the kind's `defaults` (dense layers, biases, no dropout).
    static func check(_ model: ModelParameters, defaults: ModelParameters, _ checks: inout ConfigChecks) {
        GroupChecks.fixed(model, defaults, group: "model", free: ["hidden", "activation", "initializer"],
                          why: "an MLP of dense layers with biases and no dropout", &checks)
    }

    /// Training with `optimizer` (its momentum the group's), batches of `batchSize`, `epochs` epochs.
    static func training(optimizer: OptimizerChoice, learningRate: Double = TrainingParameters().learningRate,
                         epochs: Int, batchSize: Int) -> TrainingParameters {
        var training = TrainingParameters()
        training.optimizer = optimizer
        training.learningRate = learningRate
        training.epochs = epochs
        training.batchSize = batchSize
        return training
    }
}
