import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `regularization`: the network of `learning-curves` at several widths, each trained
/// without dropout and with dropout after the hidden layer at the given rates
/// (Srivastava et al. 2014), and, at one width, with a sweep of weight decays (Krogh and
/// Hertz 1992). It reports the validation accuracy after the last epoch (regularisation
/// is what keeps a network from overfitting when nothing stops it early) and at the best
/// epoch, and whether dropout's gain grows with the width, as the lecture says.
struct RegularizationExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var widths = [32, 128, 512]
        var dropouts = [0, 0.2, 0.5]
        var weightDecays = [0, 1e-4, 1e-3, 1e-2]
        var decayWidth = 512
        var data = OverfittingSetup.data()
        var training = OverfittingSetup.training(epochs: 40)
        var seeds = 5

        static let parameters: [Parameter<Config>] = [
            .wholes("widths", \.widths, 1...8_192, .ascending(atLeast: 2), "Hidden-layer widths of the dropout grid."),
            .numbers("dropouts", \.dropouts, ValueRange(lower: 0, upper: 0.95), .ascending(atLeast: 2),
                     "Dropout rates after the hidden layer; the first must be 0 (the baseline each gain is measured from)."),
            .numbers("weightDecays", \.weightDecays, .nonNegative, .ascending(atLeast: 2),
                     "L2 weight-decay coefficients of the sweep (no dropout); the first must be 0."),
            .whole("decayWidth", \.decayWidth, 1...8_192, "Hidden-layer width of the weight-decay sweep."),
            .record("data", \.data, "The images, as in a `train` cell: Fashion-MNIST at 14 pixels, standardised; `train` and `validation` images of the training file and `test` images, the first of the test file."),
            .record("training", \.training, "How each network trains, as in a `train` cell: Adam (beta1 0.9, beta2 0.999) at `learning_rate` in minibatches of `batch_size` for `epochs` epochs; weight decay is the sweep's (`weight_decays`), so `weight_decay` stays 0."),
            .whole("seeds", \.seeds, 1...100, "Runs per setting (seed i is the same at every setting); accuracies are their mean, and the per-seed metrics keep each run."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            OverfittingSetup.check(data, &checks)
            OverfittingSetup.check(training, &checks)
            checks.require(dropouts.first == 0, "dropouts", expected: "a list starting with 0 (no dropout)",
                           found: "\(dropouts)")
            checks.require(weightDecays.first == 0, "weightDecays", expected: "a list starting with 0 (no weight decay)",
                           found: "\(weightDecays)")
            let names = dropouts.map(RegularizationExperiment.dropoutName)
            checks.require(Set(names).count == names.count, "dropouts",
                           expected: "rates that differ in whole percents (they name the metrics)", found: "\(dropouts)")
        }
    }

    static let kind = "regularization"
    static let version = 2
    static let summary = "Dropout rates against hidden widths and a weight-decay sweep: validation accuracy of each, and whether dropout helps more on wider networks."
    static let outputs = ["dropout", "weight-decay", "summary"]
    static let metrics: [MetricName] = [
        .setting("epochs"),
        MetricName("w<width>.p<percent>.final_accuracy", "Validation accuracy after the last epoch at that width and dropout rate (in percent: p0, p20, p50).", sampled: true),
        MetricName("w<width>.p<percent>.best_accuracy", "Validation accuracy at the epoch of lowest validation loss."),
        MetricName("w<width>.dropout_gain", "Final validation accuracy of the better dropout rate (chosen on the mean over seeds) minus that without dropout; per seed, that rate's gain seed by seed.", sampled: true),
        MetricName("dropout_gain.narrowest", "w<width>.dropout_gain at the narrowest width.", sampled: true),
        MetricName("dropout_gain.widest", "w<width>.dropout_gain at the widest width.", sampled: true),
        MetricName("dropout_gain.trend", "1 if the gain rises with every step up in width, -1 if it falls with every one, else 0."),
        MetricName("grid.best_accuracy", "Highest final validation accuracy in the dropout grid."),
        MetricName("grid.best_width", "Its width."),
        MetricName("grid.best_dropout", "Its dropout rate."),
        MetricName("decay<k>.decay", "The k-th weight decay (k = 1, 2, ... in the order given)."),
        MetricName("decay<k>.final_accuracy", "Validation accuracy after the last epoch with that weight decay.", sampled: true),
        MetricName("decay<k>.best_accuracy", "Validation accuracy at the epoch of lowest validation loss."),
        MetricName("decay.best", "The weight decay with the highest final validation accuracy."),
        MetricName("decay.gain", "Its final validation accuracy minus that without weight decay (per seed: seed by seed, at the decay chosen on the mean).", sampled: true),
        MetricName("grid.standard_error", "Binomial standard error sqrt(a (1 - a) / validation) of one validation accuracy a, at the grid's mean final accuracy: the size of differences that the sampling of the validation images alone produces."),
        MetricName("diverged", "Runs whose loss blew up."),
    ]
    static let quickProfile: [String: ConfigValue] = OverfittingSetup.quick(width: nil, epochs: 20).merging([
        "widths": .array([.int(32), .int(128), .int(512)]),
        "weightDecays": .array([.double(0), .double(1e-3)]),
        "seeds": .int(3),
    ]) { $1 }

    /// One setting's runs: each seed's final validation accuracy, and the mean curves'
    /// final accuracy and accuracy at their best epoch.
    struct Setting {
        var perSeed: [Double]
        var final: Double
        var best: Double

        /// Seed-by-seed difference of the final accuracies (seed i of one is seed i of the other).
        static func difference(_ a: Setting, _ b: Setting) -> [Double] { zip(a.perSeed, b.perSeed).map { $0 - $1 } }
    }

    /// The metric name of a dropout rate: `p` and its whole percent.
    static func dropoutName(_ rate: Double) -> String { "p\(Int((rate * 100).rounded()))" }

    func key(_ c: Config, width: Int, dropout: Double, decay: Double, seed: UInt64, cell: UInt64) -> OverfittingTrial.Key {
        OverfittingTrial.Key(version: OverfittingTrial.version,
                             data: OverfittingSetup.spec(c.data, noise: 0, seed: cell),
                             width: width, dropout: dropout, weightDecay: decay, rate: c.training.learningRate,
                             epochs: c.training.epochs, batch: c.training.batchSize, seed: seed, validationOnly: true)
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let seeds = OverfittingTrial.seeds(from: context.seed, count: config.seeds)
        let (results, diverged) = try trials(config, seeds: seeds, context: context)
        var cursor = 0
        /// The next group of seeds: each seed's final validation accuracy, and the mean
        /// curves' final accuracy and accuracy at the epoch of lowest mean validation loss.
        func next() -> Setting {
            let runs = results[cursor..<(cursor + seeds.count)]
            cursor += seeds.count
            let m = OverfittingFigures.mean
            let accuracy = m(runs.map(\.validationAccuracy)), loss = m(runs.map(\.validationLoss))
            return Setting(perSeed: runs.map { $0.validationAccuracy.last ?? .nan },
                           final: accuracy.last ?? .nan, best: accuracy[OverfittingFigures.argmin(loss)])
        }
        let grid = config.widths.map { _ in config.dropouts.map { _ in next() } }
        let decays = config.weightDecays.map { _ in next() }
        var result = Self.summary(config, grid: grid, decays: decays, diverged: diverged)
        result.figures = OverfittingFigures.regularization(config, grid: grid, decays: decays)
        return result
    }

    /// Every trial of the cell, the dropout grid's (width by rate, then seed) and then the
    /// weight decays' (decay, then seed), and how many diverged.
    func trials(_ config: Config, seeds: [UInt64], context: ExperimentContext) throws
        -> (results: [OverfittingTrial.Result], diverged: Int) {
        var keys: [OverfittingTrial.Key] = []
        for w in config.widths {
            for p in config.dropouts {
                for s in seeds { keys.append(key(config, width: w, dropout: p, decay: 0, seed: s, cell: context.seed)) }
            }
        }
        for d in config.weightDecays {
            for s in seeds { keys.append(key(config, width: config.decayWidth, dropout: 0, decay: d, seed: s, cell: context.seed)) }
        }
        // The sweep's no-decay run is a grid run when the decay width is one of the widths: train it once.
        var unique: [OverfittingTrial.Key] = [], slot: [Int] = []
        for key in keys {
            if let i = unique.firstIndex(of: key) { slot.append(i) } else { slot.append(unique.count); unique.append(key) }
        }
        let computed = try OverfittingTrial.runAll(unique, context: context)
        return (slot.map { computed[$0] }, computed.filter(\.diverged).count)
    }

    /// The metrics, per-seed samples, decay curve and table of the grid and the decays (no figures).
    static func summary(_ config: Config, grid: [[Setting]], decays: [Setting], diverged: Int) -> CellResult {
        let final = grid.map { $0.map(\.final) }, best = grid.map { $0.map(\.best) }
        var metrics: [String: Double] = ["epochs": Double(config.training.epochs), "diverged": Double(diverged)]
        var samples: [String: [Double]] = [:]
        var gains: [Double] = [], gainSamples: [[Double]] = []
        var top = (accuracy: -1.0, width: 0, dropout: 0.0)
        for (i, w) in config.widths.enumerated() {
            for (j, p) in config.dropouts.enumerated() {
                let name = "w\(w).\(Self.dropoutName(p))."
                metrics[name + "final_accuracy"] = final[i][j]
                metrics[name + "best_accuracy"] = best[i][j]
                samples[name + "final_accuracy"] = grid[i][j].perSeed
                if final[i][j] > top.accuracy { top = (final[i][j], w, p) }
            }
            // The better dropout rate is chosen on the mean; its gain is then taken seed by seed.
            let rate = final[i].indices.dropFirst().max { final[i][$0] < final[i][$1] } ?? 0
            let gain = final[i][rate] - final[i][0]
            gains.append(gain)
            gainSamples.append(Setting.difference(grid[i][rate], grid[i][0]))
            metrics["w\(w).dropout_gain"] = gain
            samples["w\(w).dropout_gain"] = gainSamples[i]
        }
        metrics["dropout_gain.narrowest"] = gains.first!
        metrics["dropout_gain.widest"] = gains.last!
        samples["dropout_gain.narrowest"] = gainSamples.first!
        samples["dropout_gain.widest"] = gainSamples.last!
        metrics["dropout_gain.trend"] = NoisyTeacherExperiment.direction(gains)
        metrics["grid.best_accuracy"] = top.accuracy
        metrics["grid.best_width"] = Double(top.width)
        metrics["grid.best_dropout"] = top.dropout
        let meanAccuracy = final.flatMap { $0 }.reduce(0, +) / Double(config.widths.count * config.dropouts.count)
        metrics["grid.standard_error"] = (meanAccuracy * (1 - meanAccuracy) / Double(config.data.validation)).squareRoot()
        var bestDecay = 0
        for (k, d) in decays.enumerated() {
            metrics["decay\(k + 1).decay"] = config.weightDecays[k]
            metrics["decay\(k + 1).final_accuracy"] = d.final
            metrics["decay\(k + 1).best_accuracy"] = d.best
            samples["decay\(k + 1).final_accuracy"] = d.perSeed
            if d.final > decays[bestDecay].final { bestDecay = k }
        }
        metrics["decay.best"] = config.weightDecays[bestDecay]
        metrics["decay.gain"] = decays[bestDecay].final - decays[0].final
        samples["decay.gain"] = Setting.difference(decays[bestDecay], decays[0])
        let series = ["weight_decay": Series(x: config.weightDecays, y: decays.map(\.final), xLabel: "weight decay",
                                             yLabel: "final validation accuracy")]
        let r3 = OverfittingFigures.round3
        var rows: [[TableValue]] = []
        for (i, w) in config.widths.enumerated() {
            rows.append([.number(Double(w))] + final[i].map { .number(r3($0)) } + [.number(r3(gains[i]))])
        }
        let table = Table(caption: "Final validation accuracy for each width (rows) and dropout rate (columns), and the gain of the best dropout rate over none.",
                          columns: ["width"] + config.dropouts.map { "dropout \(String(format: "%g", $0))" } + ["dropout gain"],
                          rows: rows)
        return CellResult(metrics: metrics, series: series, tables: ["summary": table], samples: samples)
    }
}
