import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `label-noise`: the network of `learning-curves` trained on labels of which a share
/// was replaced by a wrong class (see `OverfittingData`), at several shares. For each it
/// finds the epoch of lowest validation loss, compares the clean test error there with
/// the one after the last epoch, and follows the accuracy on the clean training examples
/// and the share of corrupted ones the network reproduces with their wrong label: the
/// network first fits the clean examples and memorises the noisy ones later (Zhang et
/// al. 2017, Arpit et al. 2017).
struct LabelNoiseExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var noise = [0, 0.2, 0.4, 0.6]
        var data = OverfittingSetup.data()
        var model = OverfittingSetup.model()
        var training = OverfittingSetup.training(epochs: 80)
        var seeds = 1

        static let parameters: [Parameter<Config>] = [
            .numbers("noise", \.noise, ValueRange(lower: 0, upper: 0.9), .ascending(atLeast: 2),
                     "Shares of training (and validation) labels replaced by a wrong class."),
            .record("data", \.data, "The images, as in a `train` cell: Fashion-MNIST at 14 pixels, standardised; `train` and `validation` images of the training file (the validation labels corrupted like the training labels) and `test` images, the first of the test file, always clean."),
            .record("model", \.model, "The network, as in a `train` cell: one hidden ReLU layer (`hidden: [WIDTH]`), He normal weights."),
            .record("training", \.training, "How it trains, as in a `train` cell: Adam (beta1 0.9, beta2 0.999) at `learning_rate` in minibatches of `batch_size` for `epochs` epochs."),
            .whole("seeds", \.seeds, 1...100, "Runs per noise level; curves are their mean."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            curves.checkRelations(&checks)
        }

        var curves: LearningCurvesExperiment.Config {
            var c = LearningCurvesExperiment.Config()
            c.data = data; c.model = model; c.training = training; c.seeds = seeds
            return c
        }
    }

    static let kind = "label-noise"
    static let version = 1
    static let summary = "Training labels corrupted at several rates: best epoch, test error at the stop and at the end, clean examples fitted before noisy ones are memorised."
    static let outputs = ["validation", "memorisation", "stopping"]
    static let metrics: [MetricName] = [
        .setting("epochs"),
        MetricName("n<k>.noise", "The k-th noise level (k = 1, 2, ... in the order given)."),
        MetricName("n<k>.best_epoch", "Epoch of the lowest (mean) validation loss; per seed, of that seed's own validation loss.", sampled: true),
        MetricName("n<k>.test_error_at_best", "Clean test error (1 - accuracy) at the best epoch (per seed: at its own best epoch).", sampled: true),
        MetricName("n<k>.test_error_at_end", "Clean test error after the last epoch.", sampled: true),
        MetricName("n<k>.stopping_gain", "test_error_at_end minus test_error_at_best (per seed: at its own best epoch).", sampled: true),
        MetricName("n<k>.final_train_accuracy", "Accuracy on the training labels as given, after the last epoch."),
        MetricName("n<k>.clean_at_best", "Accuracy on the clean training examples at the best epoch (noise > 0)."),
        MetricName("n<k>.memorised_at_best", "Share of corrupted training examples predicted as their wrong label, at the best epoch."),
        MetricName("n<k>.clean_at_end", "Accuracy on the clean training examples after the last epoch."),
        MetricName("n<k>.memorised_at_end", "Share of corrupted examples predicted as their wrong label after the last epoch."),
        MetricName("n<k>.clean_half_epoch", "First epoch at which the clean accuracy has covered half its way from its value at epoch 0 (before training) to its highest value (noise > 0).", sampled: true),
        MetricName("n<k>.memorised_half_epoch", "First epoch at which the memorised share has covered half its way from its value at epoch 0 to its highest value (noise > 0).", sampled: true),
        MetricName("direction.best_epoch", "1 if the best epoch rises with every step up in noise, -1 if it falls with every one, else 0."),
        MetricName("highest.stopping_gain", "stopping_gain at the highest noise level."),
        MetricName("lowest.stopping_gain", "stopping_gain at the lowest noise level."),
        MetricName("diverged", "Runs whose loss blew up."),
    ]
    static let quickProfile: [String: ConfigValue] = LearningCurvesExperiment.quickProfile

    /// One noise level's mean curves.
    struct Level {
        var noise: Double
        var validationLoss: [Double]
        var testAccuracy: [Double]
        var trainAccuracy: [Double]
        var clean: [Double]
        var memorised: [Double]
        var corruptedTrue: [Double]
        var best: Int
    }

    /// The first index at which `curve` has covered half the way from its first value to
    /// its highest.
    static func halfwayEpoch(_ curve: [Double]) -> Double {
        guard let first = curve.first, let top = curve.max(), top > first else { return .nan }
        let target = first + (top - first) / 2
        return Double(curve.firstIndex { $0 >= target } ?? curve.count - 1)
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        var keys: [OverfittingTrial.Key] = []
        for p in config.noise { keys += LearningCurvesExperiment.keys(config.curves, noise: p, seed: context.seed) }
        let results = try OverfittingTrial.runAll(keys, context: context)
        let levels = Self.levels(config, results)
        var result = Self.summary(config, levels, results: results)
        result.figures = OverfittingFigures.labelNoise(config, levels)
        return result
    }

    /// Each noise level's mean curves over its seeds.
    static func levels(_ config: Config, _ results: [OverfittingTrial.Result]) -> [Level] {
        let m = OverfittingFigures.mean
        return config.noise.enumerated().map { i, p in
            let runs = Array(results[(i * config.seeds)..<((i + 1) * config.seeds)])
            let v = m(runs.map(\.validationLoss))
            return Level(noise: p, validationLoss: v, testAccuracy: m(runs.map(\.testAccuracy)),
                         trainAccuracy: m(runs.map(\.trainAccuracy)), clean: m(runs.map(\.cleanAccuracy)),
                         memorised: m(runs.map(\.memorised)), corruptedTrue: m(runs.map(\.corruptedTrueAccuracy)),
                         best: OverfittingFigures.argmin(v))
        }
    }

    /// The metrics, curves, per-seed samples and table of the levels (no figures).
    static func summary(_ config: Config, _ levels: [Level], results: [OverfittingTrial.Result]) -> CellResult {
        var metrics: [String: Double] = ["epochs": Double(config.training.epochs), "diverged": Double(results.filter(\.diverged).count)]
        var series: [String: Series] = [:]
        func gain(_ l: Level) -> Double { l.testAccuracy[l.best] - l.testAccuracy[l.testAccuracy.count - 1] }
        for (i, l) in levels.enumerated() {
            let p = "n\(i + 1)."
            let last = l.validationLoss.count - 1
            metrics[p + "noise"] = l.noise
            metrics[p + "best_epoch"] = Double(l.best)
            metrics[p + "test_error_at_best"] = 1 - l.testAccuracy[l.best]
            metrics[p + "test_error_at_end"] = 1 - l.testAccuracy[last]
            metrics[p + "stopping_gain"] = gain(l)
            metrics[p + "final_train_accuracy"] = l.trainAccuracy[last]
            if !l.memorised.isEmpty {
                metrics[p + "clean_at_best"] = l.clean[l.best]
                metrics[p + "memorised_at_best"] = l.memorised[l.best]
                metrics[p + "clean_at_end"] = l.clean[last]
                metrics[p + "memorised_at_end"] = l.memorised[last]
                metrics[p + "clean_half_epoch"] = Self.halfwayEpoch(l.clean)
                metrics[p + "memorised_half_epoch"] = Self.halfwayEpoch(l.memorised)
            }
            let epochs = l.validationLoss.indices.map(Double.init)
            series[p + "validation_loss"] = Series(x: epochs, y: l.validationLoss, xLabel: "epoch", yLabel: "validation loss")
            series[p + "test_accuracy"] = Series(x: epochs, y: l.testAccuracy, xLabel: "epoch", yLabel: "test accuracy")
        }
        // The same measures seed by seed, each on that seed's own curves (its own best
        // epoch); seed i is the same seed at every noise level.
        var samples: [String: [Double]] = [:]
        for (i, _) in levels.enumerated() {
            let p = "n\(i + 1)."
            let runs = Array(results[(i * config.seeds)..<((i + 1) * config.seeds)])
            let best = runs.map(\.bestEpoch)
            samples[p + "best_epoch"] = best.map(Double.init)
            samples[p + "test_error_at_best"] = zip(runs, best).map { 1 - $0.testAccuracy[$1] }
            samples[p + "test_error_at_end"] = runs.map { 1 - ($0.testAccuracy.last ?? .nan) }
            samples[p + "stopping_gain"] = zip(runs, best).map { $0.testAccuracy[$1] - ($0.testAccuracy.last ?? .nan) }
            if !levels[i].memorised.isEmpty {
                samples[p + "clean_half_epoch"] = runs.map { Self.halfwayEpoch($0.cleanAccuracy) }
                samples[p + "memorised_half_epoch"] = runs.map { Self.halfwayEpoch($0.memorised) }
            }
        }
        metrics["direction.best_epoch"] = NoisyTeacherExperiment.direction(levels.map { Double($0.best) })
        metrics["highest.stopping_gain"] = gain(levels.last!)
        metrics["lowest.stopping_gain"] = gain(levels.first!)
        let r3 = OverfittingFigures.round3
        let rows: [[TableValue]] = levels.map { l in
            let last = l.validationLoss.count - 1
            return [.text(String(format: "%.0f%%", 100 * l.noise)), .number(Double(l.best)),
                    .number(r3(1 - l.testAccuracy[l.best])), .number(r3(1 - l.testAccuracy[last])),
                    .number(r3(l.trainAccuracy[last])), l.memorised.isEmpty ? "—" : .number(r3(l.memorised[last]))]
        }
        let table = Table(caption: "For each share of corrupted labels: the epoch of lowest validation loss, the clean test error there and after the last epoch, the accuracy on the training labels as given after the last epoch, and the share of corrupted examples memorised by then.",
                          columns: ["corrupted labels", "best epoch", "test error at best epoch", "test error at end",
                                    "training accuracy at end", "memorised at end"],
                          rows: rows)
        return CellResult(metrics: metrics, series: series, tables: ["stopping": table], samples: samples)
    }
}
