import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `optimizer-sensitivity`: how forgiving each optimiser is of its learning rate. The same
/// MLP is trained on the same data with each optimiser over a logarithmic grid of
/// learning rates spanning several decades, from several seeds, for a fixed number of
/// epochs. Per optimiser the summary gives the best rate (lowest mean final validation
/// loss), the validation accuracy there, and the width in decades of the good range: the
/// rates whose mean loss is within a stated tolerance of the best. Diverged runs are
/// recorded and marked. Wilson et al. 2017, Choi et al. 2019 and Schmidt, Schneider and
/// Hennig 2021 compare optimisers this way, with far larger budgets. The loss and accuracy
/// at each optimiser's best rate are also reported per seed (seed i of every optimiser is
/// the same seed), so claims comparing optimisers are decided on paired intervals, and a
/// cell may add seeds with `seeds: {min, max}`: every run is a shared trial keyed by its own
/// settings and seed, so more seeds train only the runs added.
struct OptimizerSensitivityExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = BatchDataSetup.data()
        var model = BatchDataSetup.model(hidden: [64, 64])
        var training = BatchDataSetup.training(optimizer: .adam, epochs: 5, batchSize: 64)
        var optimizers: [OptimizerChoice] = [.sgd, .momentum, .rmsprop, .adam]
        var lowestRate = 1e-5
        var highestRate = 10.0
        var ratesPerDecade = 3
        var seeds = 3
        var tolerance = 0.1
        var suggestedRate = 3e-4
        var bins = 10

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, BatchDataSetup.documentation),
            .record("model", \.model, BatchDataSetup.modelDocumentation),
            .record("training", \.training, "How each run trains, as in a `train` cell: `momentum` (of `momentum` and `nesterov`), `batch_size` and `epochs`; the optimiser and the rate are the sweep's (`optimizers` and the rate grid), the other constants PyTorch's defaults."),
            .choices("optimizers", \.optimizers, "The optimisers compared, each over the whole rate grid."),
            .number("lowestRate", \.lowestRate, .positive, "Lowest learning rate of the grid (snapped to it)."),
            .number("highestRate", \.highestRate, .positive,
                    "Highest learning rate of the grid (snapped to it); at least three grid steps above `lowest_rate`."),
            .whole("ratesPerDecade", \.ratesPerDecade, 1..., "Learning rates per factor of ten."),
            .whole("seeds", \.seeds, 1..., "Seeds per optimiser and rate (initial weights and example order)."),
            .number("tolerance", \.tolerance, .positive,
                    "A rate is in the good range when its mean final validation loss is at most (1 + tolerance) times the optimiser's best."),
            .number("suggestedRate", \.suggestedRate, .positive, "The learning rate the lecture suggests for Adam, drawn as a reference line."),
            .whole("bins", \.bins, 1..., "Bins per epoch of the minibatch-loss curves."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            BatchDataSetup.check(data, &checks)
            let defaults = Config()
            BatchDataSetup.check(model, defaults: defaults.model, &checks)
            GroupChecks.fixed(training, defaults.training, group: "training", free: ["momentum", "epochs", "batchSize"],
                              why: "the sweep sets the optimiser and the rate; the rate is constant", &checks)
            checks.require(RateGrid.rates(lowest: lowestRate, highest: highestRate, perDecade: ratesPerDecade).count >= 3,
                           "highestRate", expected: "a rate at least three grid steps above lowest_rate",
                           found: "\(highestRate)")
        }
    }

    static let kind = "optimizer-sensitivity"
    static let version = 1
    static let summary = "Optimisers over a learning-rate grid of several decades: best rate, good range, divergence."
    static let outputs = ["sensitivity", "curves", "summary", "trials"]
    static let metrics: [MetricName] = [
        MetricName("grid.rates", "Learning rates in the grid."),
        MetricName("grid.lowest", "Lowest rate of the grid."),
        MetricName("grid.highest", "Highest rate of the grid."),
        MetricName("grid.decades", "Decades the grid spans."),
        MetricName("grid.seeds", "Seeds per optimiser and rate."),
        MetricName("grid.trials", "Runs of the sweep."),
        MetricName("grid.diverged", "Runs that diverged, over every optimiser."),
        .setting("tolerance"),
        .setting("epochs"),
        MetricName("<optimizer>.best_rate", "The optimiser's best rate (lowest mean final validation loss)."),
        MetricName("<optimizer>.best_loss", "Mean final validation loss at the best rate.", sampled: true),
        MetricName("<optimizer>.best_accuracy", "Mean final validation accuracy at the best rate.", sampled: true),
        MetricName("<optimizer>.good_low", "Lowest rate of the good range."),
        MetricName("<optimizer>.good_high", "Highest rate of the good range."),
        MetricName("<optimizer>.good_decades", "Width of the good range in decades (of the mean curve; per seed, the good range of that seed's own curve).", sampled: true),
        MetricName("<optimizer>.good_open", "1 when the good range reaches an end of the grid (so it may be wider), else 0."),
        MetricName("<optimizer>.diverged", "The optimiser's runs that diverged."),
        MetricName("<optimizer>.lowest_diverging_rate", "Lowest rate at which a seed diverged."),
        MetricName("<optimizer>.best_rate_over_suggested", "Best rate divided by `suggested_rate`."),
    ]
    /// Quick runs keep the real images and about the same number of steps (fewer
    /// examples in smaller batches), on a coarser grid with fewer seeds.
    static let quickProfile = BatchDataSetup.optimizerQuickProfile(["ratesPerDecade": .int(2), "seeds": .int(2)])

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = BatchDataSetup.spec(config.data, seed: context.seed)
        let data = try BatchData.load(spec)
        let rates = RateGrid.rates(lowest: config.lowestRate, highest: config.highestRate, perDecade: config.ratesPerDecade)
        let seeds = OptimizerTrial.seeds(from: context.seed, count: config.seeds)
        let optimizers = config.optimizers.map { $0.optimizer(momentum: config.training.momentum) }
        let sensitivities = try RateSensitivity.sweep(config.optimizers.map { ($0.rawValue, $0.label(momentum: config.training.momentum)) },
                                                      rates: rates, seeds: seeds, tolerance: config.tolerance, data: data,
                                                      context: context) { o, rate, seed in
            OptimizerTrial.Key(
                version: OptimizerTrial.version, data: spec, hidden: config.model.hidden, activation: config.model.activation,
                initializer: config.model.initializer, optimizer: optimizers[o], rate: rate, schedule: .constant,
                epochs: config.training.epochs, batch: config.training.batchSize, seed: seed, bins: config.bins)
        }
        var result = Self.summary(config, sensitivities, seeds: seeds.count)
        result.figures = OptimizerFigures.sensitivityFigures(config, sensitivities, seeds: seeds.count, data: data.description)
        return result
    }

    /// The metrics, per-seed samples, curves, tables and notes of the sweep (no figures).
    static func summary(_ config: Config, _ sensitivities: [RateSensitivity], seeds: Int) -> CellResult {
        let rates = RateGrid.rates(lowest: config.lowestRate, highest: config.highestRate, perDecade: config.ratesPerDecade)
        var metrics: [String: Double] = [
            "grid.rates": Double(rates.count),
            "grid.lowest": rates.first ?? .nan,
            "grid.highest": rates.last ?? .nan,
            "grid.decades": Foundation.log10((rates.last ?? 1) / (rates.first ?? 1)),
            "grid.seeds": Double(seeds),
            "grid.trials": Double(config.optimizers.count * rates.count * seeds),
            "grid.diverged": Double(sensitivities.map(\.divergedTrials).reduce(0, +)),
            "tolerance": config.tolerance,
            "epochs": Double(config.training.epochs),
        ]
        var series: [String: Series] = [:]
        var samples: [String: [Double]] = [:]
        for s in sensitivities {
            let best = s.bestIndex
            if let b = best {
                samples["\(s.name).best_loss"] = s.trials[b].map(\.finalValidationLoss)
                samples["\(s.name).best_accuracy"] = s.trials[b].map(\.finalValidationAccuracy)
            }
            samples["\(s.name).good_decades"] = s.perSeed.map(\.goodDecades)
            metrics["\(s.name).best_rate"] = best.map { rates[$0] } ?? .nan
            metrics["\(s.name).best_loss"] = best.map(s.meanLoss) ?? .nan
            metrics["\(s.name).best_accuracy"] = best.map(s.meanAccuracy) ?? .nan
            metrics["\(s.name).good_low"] = s.goodRange?.low ?? .nan
            metrics["\(s.name).good_high"] = s.goodRange?.high ?? .nan
            metrics["\(s.name).good_decades"] = s.goodDecades
            metrics["\(s.name).good_open"] = (s.goodRange.map { $0.openLow || $0.openHigh } ?? false) ? 1 : 0
            metrics["\(s.name).diverged"] = Double(s.divergedTrials)
            metrics["\(s.name).lowest_diverging_rate"] = s.lowestDivergingRate
            metrics["\(s.name).best_rate_over_suggested"] = best.map { rates[$0] / config.suggestedRate } ?? .nan
            series["\(s.name).final_validation_loss"] = Series(x: rates, y: rates.indices.map(s.meanLoss),
                                                               xLabel: "learning rate", yLabel: "final validation loss",
                                                               xScale: .log10, yScale: .log10)
            if let b = best {
                let curve = OptimizerFigures.meanCurve(s.trials[b].map(\.validationLoss))
                series["\(s.name).best.validation_loss"] = Series(x: curve.mean.indices.map(Double.init), y: curve.mean,
                                                                  xLabel: "epoch", yLabel: "validation loss", yScale: .log10)
            }
        }
        return CellResult(metrics: metrics, series: series,
                          tables: ["summary": Self.summaryTable(sensitivities, config: config),
                                   "trials": Self.trialTable(sensitivities, seeds: seeds)],
                          notes: Self.notes(sensitivities), samples: samples)
    }

    static func summaryTable(_ sensitivities: [RateSensitivity], config: Config) -> Table {
        let rows: [[TableValue]] = sensitivities.map { s in
            guard let b = s.bestIndex, let g = s.goodRange else {
                return [.text(s.label), "every rate diverged", "", "", "", "", .text("\(s.divergedTrials)")]
            }
            let range = (g.openLow ? "≤ " : "") + RateGrid.label(g.low) + " to " + RateGrid.label(g.high) + (g.openHigh ? " or more" : "")
            return [.text(s.label), .text(RateGrid.label(s.rates[b])), .number((s.meanLoss(b) * 1000).rounded() / 1000),
                    .number((s.meanAccuracy(b) * 1000).rounded() / 1000), .text(range),
                    .number((s.goodDecades * 100).rounded() / 100),
                    .text("\(s.divergedTrials) of \(s.rates.count * config.seeds)")]
        }
        return Table(caption: "Each optimiser's best learning rate (lowest mean final validation loss), the validation loss and accuracy there, its good range (mean loss within \(Int((config.tolerance * 100).rounded()))% of the best) and how many runs diverged.",
                     columns: ["optimiser", "best learning rate", "validation loss", "validation accuracy",
                               "good range", "good range (decades)", "diverged runs"],
                     rows: rows)
    }

    static func trialTable(_ sensitivities: [RateSensitivity], seeds: Int) -> Table {
        var rows: [[TableValue]] = []
        for s in sensitivities {
            for (r, rate) in s.rates.enumerated() {
                for (k, t) in s.trials[r].enumerated() {
                    rows.append([.text(s.name), .number(rate), .number(Double(k)),
                                 t.diverged ? .text(String(format: "diverged at epoch %.2f", t.divergedAt ?? 0)) : "completed",
                                 .number(t.finalTrainLoss), .number(t.finalValidationLoss), .number(t.finalValidationAccuracy)])
                }
            }
        }
        return Table(caption: "Every run of the sweep.",
                     columns: ["optimiser", "learning rate", "seed", "status", "final training loss",
                               "final validation loss", "final validation accuracy"],
                     rows: rows)
    }

    static func notes(_ sensitivities: [RateSensitivity]) -> [String] {
        sensitivities.compactMap { s in
            let rates = s.rates.indices.filter { s.divergedCount($0) > 0 }
            guard !rates.isEmpty else { return nil }
            let list = rates.map { "\(RateGrid.label(s.rates[$0])) (\(s.divergedCount($0))/\(s.trials[$0].count))" }
            return "\(s.label) diverged at rates " + list.joined(separator: ", ")
        }
    }
}
