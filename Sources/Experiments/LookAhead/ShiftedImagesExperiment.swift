import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `shifted-images`: what a multilayer perceptron cannot do with images moved by a few
/// pixels. Three models learn Fashion-MNIST at 28 x 28 from the same images and seeds: a
/// one-hidden-layer MLP, the same MLP trained on randomly shifted copies (augmentation),
/// and a small CNN (LeCun et al. 1998) with fewer parameters; each is tested on the test
/// images shifted by 0 to `max_shift` pixels (see `ShiftTrial`).
struct ShiftedImagesExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = ShiftSetup.data()
        var model = ShiftSetup.model()
        var training = ShiftSetup.training()
        var filters = [8, 16]
        var maxShift = 6
        var seeds = 3

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The images, as in a `train` cell: Fashion-MNIST at 28 × 28 with pixels in [0, 1] as stored (`standardize: false`, so a shift brings in the background's value, 0); `train` images of the training file and `test` images, here the first of the test file, each tested at every shift. There is no validation split."),
            .record("model", \.model, "The MLPs, as in a `train` cell: one hidden ReLU layer (`hidden: [WIDTH]`) with He normal weights, and 10 linear outputs. The CNN's layers follow `filters`."),
            .record("training", \.training, "How all three models train, as in a `train` cell: Adam (beta1 0.9, beta2 0.999) at `learning_rate` on minibatches of `batch_size` for `epochs` passes over the training images (the augmented MLP sees as many shifted copies)."),
            .wholes("filters", \.filters, 1...256, .nonEmpty, "Filters of each convolution layer of the CNN (5 × 5 kernels in the first, 3 × 3 after, each padded to keep the size, followed by ReLU and 2 × 2 max pooling); a linear layer of 10 units reads the last maps. Weights, optimiser and minibatches as the `model` and `training` groups say for the MLPs."),
            .whole("maxShift", \.maxShift, 1...14, "Largest test shift in pixels; also the largest random shift, across and down, of the augmented MLP's training copies."),
            .whole("seeds", \.seeds, 1...100, "Runs of each model from different initial weights, example orders and shifts."),
        ]

        /// The MLPs' hidden units (the model group's one width).
        var width: Int { model.hidden.first ?? 0 }

        func checkRelations(_ checks: inout ConfigChecks) {
            ShiftSetup.check(data, &checks)
            ShiftSetup.check(model, &checks)
            ShiftSetup.check(training, &checks)
        }
    }

    static let kind = "shifted-images"
    static let version = 1
    static let summary = "An MLP, the same MLP trained on shifted copies, and a small CNN on Fashion-MNIST, tested on images shifted by 0 to a few pixels."
    static let outputs = ["accuracy", "examples", "filters", "parameters", "summary"]
    static let metrics: [MetricName] = [
        MetricName("<model>.accuracy.shift_<s>", "Test accuracy of `mlp`, `augmented` or `cnn` on the test images shifted by s pixels (mean over right, left, down and up; s = 0 is the images as they are).", sampled: true),
        MetricName("<model>.accuracy.mean", "Test accuracy averaged over the shifts 0 to max_shift.", sampled: true),
        MetricName("<model>.train_accuracy", "Accuracy on the training images as they are.", sampled: true),
        MetricName("<model>.parameters", "Trainable parameters of the model."),
        MetricName("diverged", "Runs whose loss blew up."),
        MetricName("train", "The `data.train` setting (training images)."),
        MetricName("test", "The `data.test` setting (test images)."),
        .setting("epochs", key: "training.epochs"),
        MetricName("hidden", "The MLPs' hidden units (`model.hidden`)."),
        MetricName("max_shift", "The `max_shift` setting (pixels)."),
        .setting("seeds"),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "data": .object(["train": .int(1_000), "test": .int(300)]),
        "training": .object(["epochs": .int(2)]),
        "seeds": .int(2),
    ]

    static func keys(_ c: Config, seed: UInt64) -> [ShiftTrial.Key] {
        OverfittingTrial.seeds(from: seed, count: c.seeds).flatMap { s in
            ShiftTrial.Model.allCases.map { model in
                ShiftTrial.Key(version: ShiftTrial.version, model: model, train: c.data.train, test: c.data.test,
                               hidden: c.width, filters: c.filters, epochs: c.training.epochs,
                               batch: c.training.batchSize, rate: c.training.learningRate, maxShift: c.maxShift, seed: s)
            }
        }
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let keys = Self.keys(config, seed: context.seed)
        let results = try ShiftTrial.runAll(keys, context: context)
        var metrics: [String: Double] = [
            "diverged": Double(results.filter(\.diverged).count), "train": Double(config.data.train),
            "test": Double(config.data.test), "epochs": Double(config.training.epochs), "hidden": Double(config.width),
            "max_shift": Double(config.maxShift), "seeds": Double(config.seeds),
        ]
        var samples: [String: [Double]] = [:]
        var byModel: [ShiftTrial.Model: [ShiftTrial.Result]] = [:]
        for (key, result) in zip(keys, results) { byModel[key.model, default: []].append(result) }
        func record(_ name: String, _ values: [Double]) {
            metrics[name] = values.reduce(0, +) / Double(values.count)
            if values.count > 1 { samples[name] = values }
        }
        for model in ShiftTrial.Model.allCases {
            let runs = byModel[model] ?? []
            for s in 0...config.maxShift { record("\(model.rawValue).accuracy.shift_\(s)", runs.map { $0.accuracy[s] }) }
            record("\(model.rawValue).accuracy.mean",
                   runs.map { $0.accuracy.reduce(0, +) / Double($0.accuracy.count) })
            record("\(model.rawValue).train_accuracy", runs.map(\.trainAccuracy))
            metrics["\(model.rawValue).parameters"] = Double(runs.first?.parameters ?? 0)
        }
        let figures = ShiftFigures(config: config, byModel: byModel)
        let example = try ShiftData.load(train: 1, test: 1)
        var named = [figures.accuracy(), figures.examples(example.test.features.row(0),
                                                          label: FashionMNIST.classNames[example.test.labels[0]])]
        if let filters = byModel[.cnn]?.first?.filters, !filters.isEmpty { named.append(figures.filters(filters)) }
        named.append(figures.parameters())
        let shifts = Array(0...config.maxShift)
        var series: [String: Series] = [:]
        for model in ShiftTrial.Model.allCases {
            series["\(model.rawValue).accuracy"] = Series(x: shifts.map(Double.init),
                                                          y: shifts.map { metrics["\(model.rawValue).accuracy.shift_\($0)"] ?? .nan },
                                                          xLabel: "shift (pixels)", yLabel: "test accuracy")
        }
        return CellResult(metrics: metrics, series: series, tables: ["summary": figures.table(metrics)],
                          figures: named, samples: samples)
    }
}
