import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `lr-schedules`: the same network and optimiser trained with a constant learning rate,
/// step decay, cosine annealing (Loshchilov and Hutter 2017) and a linear warm-up followed
/// by cosine annealing (Goyal et al. 2017), each at its own best base rate from a small
/// grid (lowest mean final validation loss over the seeds). It shows the schedules over
/// time beside the loss curves they produce, and the final loss and accuracy of each.
struct LRSchedulesExperiment: Experiment {
    /// A learning-rate schedule a lesson may list.
    enum Schedule: String, ConfigChoice {
        case constant, step, cosine
        case warmupCosine = "warmup_cosine"
    }

    struct Config: ExperimentConfig, Equatable {
        var data = BatchDataSetup.data()
        var model = BatchDataSetup.model(hidden: [64, 64])
        var training: TrainingParameters = {
            var training = BatchDataSetup.training(optimizer: .momentum, epochs: 5, batchSize: 64)
            training.stepEvery = 2
            training.stepFactor = 0.1
            return training
        }()
        var schedules: [Schedule] = [.constant, .step, .cosine, .warmupCosine]
        var warmupEpochs = 1.0
        var lowestRate = 0.01
        var highestRate = 1.0
        var ratesPerDecade = 3
        var seeds = 3
        var bins = 10

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, BatchDataSetup.documentation),
            .record("model", \.model, BatchDataSetup.modelDocumentation),
            .record("training", \.training, "How each run trains, as in a `train` cell: `optimizer` (and its `momentum`), `batch_size`, `epochs`, and the step decay's `step_every` and `step_factor`; the schedule and the base rate are the sweep's (`schedules` and the rate grid)."),
            .choices("schedules", \.schedules, "The schedules compared, each at its own best base rate."),
            .number("warmupEpochs", \.warmupEpochs, .positive,
                    "Warm-up length in epochs (rounded to whole steps) before the cosine; below `training.epochs`."),
            .number("lowestRate", \.lowestRate, .positive, "Lowest base rate of the grid searched for each schedule."),
            .number("highestRate", \.highestRate, .positive,
                    "Highest base rate of the grid; at least one grid step above `lowest_rate`."),
            .whole("ratesPerDecade", \.ratesPerDecade, 1..., "Base rates per factor of ten."),
            .whole("seeds", \.seeds, 1..., "Seeds per schedule and rate."),
            .whole("bins", \.bins, 1..., "Bins per epoch of the minibatch-loss curves."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            BatchDataSetup.check(data, &checks)
            let defaults = Config()
            BatchDataSetup.check(model, defaults: defaults.model, &checks)
            GroupChecks.fixed(training, defaults.training, group: "training",
                              free: ["optimizer", "momentum", "epochs", "batchSize", "stepEvery", "stepFactor"],
                              why: "the sweep sets the schedule and the base rate; the optimisers' other constants are PyTorch's defaults", &checks)
            checks.require(training.stepFactor < 1, "training.stepFactor", expected: "a factor below 1 (a decay)",
                           found: "\(training.stepFactor)")
            checks.require(warmupEpochs < Double(training.epochs), "warmupEpochs",
                           expected: "a number of epochs below training.epochs (\(training.epochs))", found: "\(warmupEpochs)")
            checks.require(RateGrid.rates(lowest: lowestRate, highest: highestRate, perDecade: ratesPerDecade).count >= 2,
                           "highestRate", expected: "a rate at least one grid step above lowest_rate", found: "\(highestRate)")
        }
    }

    static let kind = "lr-schedules"
    static let version = 1
    static let summary = "Constant, step decay, cosine and warm-up + cosine schedules, each at its best base rate."
    static let outputs = ["schedules", "base-rates", "summary"]
    static let metrics: [MetricName] = [
        MetricName("grid.rates", "Base rates in the grid."),
        MetricName("grid.seeds", "Seeds per schedule and rate."),
        .setting("epochs"),
        MetricName("<schedule>.best_rate", "The schedule's best base rate (lowest mean final validation loss)."),
        MetricName("<schedule>.best_loss", "Mean final validation loss at the best base rate.", sampled: true),
        MetricName("<schedule>.best_accuracy", "Mean final validation accuracy at the best base rate.", sampled: true),
        MetricName("<schedule>.best_train_loss", "Mean final training loss (full pass) at the best base rate."),
        MetricName("<schedule>.best_at_edge", "1 when the best base rate is an end of the grid (the grid may be too narrow), else 0."),
    ]
    /// The same reduction as `optimizer-sensitivity`'s quick profile, so the constant
    /// schedule still shares its trials.
    static let quickProfile: [String: ConfigValue] = OptimizerSensitivityExperiment.quickProfile

    /// The schedule called `name` for a run of `stepsPerEpoch` steps per epoch.
    static func schedule(_ name: Schedule, config: Config, stepsPerEpoch: Int) -> LearningRateSchedule {
        switch name {
        case .step: return .step(everyEpochs: config.training.stepEvery, factor: Float(config.training.stepFactor))
        case .cosine: return .cosine(minimum: 0)
        case .warmupCosine:
            return .warmupCosine(warmupSteps: max(1, Int((config.warmupEpochs * Double(stepsPerEpoch)).rounded())))
        case .constant: return .constant
        }
    }

    /// The label of a schedule in legends and tables.
    static func label(_ name: Schedule, config: Config) -> String {
        func number(_ x: Double) -> String { String(format: "%g", x) }
        switch name {
        case .step: return "step decay (×\(number(config.training.stepFactor)) every \(config.training.stepEvery) epochs)"
        case .cosine: return "cosine"
        case .warmupCosine: return "warm-up \(number(config.warmupEpochs)) epoch, then cosine"
        case .constant: return "constant"
        }
    }

    static func color(_ name: String) -> Color {
        let index = Schedule.names.firstIndex(of: name) ?? 0
        return [Palette.okabeIto[7], Palette.okabeIto[1], Palette.okabeIto[0], Palette.okabeIto[4]][index]
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = BatchDataSetup.spec(config.data, seed: context.seed)
        let data = try BatchData.load(spec)
        let rates = RateGrid.rates(lowest: config.lowestRate, highest: config.highestRate, perDecade: config.ratesPerDecade)
        let seeds = OptimizerTrial.seeds(from: context.seed, count: config.seeds)
        let optimizer = config.training.optimizer.optimizer(momentum: config.training.momentum)
        let perEpoch = config.stepsPerEpoch
        let sweeps = try RateSensitivity.sweep(config.schedules.map { ($0.rawValue, Self.label($0, config: config)) },
                                               rates: rates, seeds: seeds, tolerance: 0.1, data: data, context: context) { s, rate, seed in
            OptimizerTrial.Key(
                version: OptimizerTrial.version, data: spec, hidden: config.model.hidden, activation: config.model.activation,
                initializer: config.model.initializer, optimizer: optimizer, rate: rate,
                schedule: Self.schedule(config.schedules[s], config: config, stepsPerEpoch: perEpoch),
                epochs: config.training.epochs, batch: config.training.batchSize, seed: seed, bins: config.bins)
        }
        var result = Self.summary(config, sweeps, seeds: seeds.count)
        result.figures = OptimizerFigures.schedules(config, sweeps, seeds: seeds.count)
        return result
    }

    /// The metrics, per-seed samples, best curves, table and notes of the sweeps (no figures).
    static func summary(_ config: Config, _ sweeps: [RateSensitivity], seeds: Int) -> CellResult {
        let rates = RateGrid.rates(lowest: config.lowestRate, highest: config.highestRate, perDecade: config.ratesPerDecade)
        var metrics: [String: Double] = ["grid.rates": Double(rates.count), "grid.seeds": Double(seeds),
                                         "epochs": Double(config.training.epochs)]
        var series: [String: Series] = [:]
        var samples: [String: [Double]] = [:]
        for s in sweeps {
            guard let b = s.bestIndex else {
                for m in ["best_rate", "best_loss", "best_accuracy", "best_train_loss"] { metrics["\(s.name).\(m)"] = .nan }
                metrics["\(s.name).best_at_edge"] = 0
                continue
            }
            metrics["\(s.name).best_rate"] = rates[b]
            metrics["\(s.name).best_loss"] = s.meanLoss(b)
            metrics["\(s.name).best_accuracy"] = s.meanAccuracy(b)
            samples["\(s.name).best_loss"] = s.trials[b].map(\.finalValidationLoss)
            samples["\(s.name).best_accuracy"] = s.trials[b].map(\.finalValidationAccuracy)
            metrics["\(s.name).best_train_loss"] = s.trials[b].map(\.finalTrainLoss).reduce(0, +) / Double(seeds)
            metrics["\(s.name).best_at_edge"] = (b == 0 || b == rates.count - 1) ? 1 : 0
            let v = OptimizerFigures.meanCurve(s.trials[b].map(\.validationLoss))
            series["\(s.name).validation_loss"] = Series(x: v.mean.indices.map(Double.init), y: v.mean, xLabel: "epoch",
                                                         yLabel: "validation loss", yScale: .log10)
        }
        return CellResult(metrics: metrics, series: series, tables: ["summary": Self.summaryTable(sweeps)],
                          notes: OptimizerSensitivityExperiment.notes(sweeps), samples: samples)
    }

    static func schedulesFigure(_ sweeps: [RateSensitivity], config: Config, stepsPerEpoch: Int) -> Figure {
        var ratePanel = Panel(title: "learning rate", x: Axis(label: "epoch"), y: Axis(label: "learning rate"))
        var trainPanel = Panel(title: "training loss (minibatches)", x: Axis(label: "epoch"),
                               y: Axis(label: "cross-entropy loss", scale: .log10))
        var validationPanel = Panel(title: "validation loss", x: Axis(label: "epoch"),
                                    y: Axis(label: "cross-entropy loss", scale: .log10))
        for s in sweeps {
            guard let b = s.bestIndex else { continue }
            let color = color(s.name)
            let label = "\(s.label), base rate \(RateGrid.label(s.rates[b]))"
            let schedule = Self.schedule(Schedule(rawValue: s.name) ?? .constant, config: config, stepsPerEpoch: stepsPerEpoch)
            let curve = schedule.rates(base: Float(s.rates[b]), stepsPerEpoch: stepsPerEpoch, epochs: config.training.epochs)
            // Every step would be thousands of points; a few per epoch keep the shape.
            let every = max(1, stepsPerEpoch / 50)
            let picked = Array(stride(from: 0, to: curve.count, by: every)) + [curve.count - 1]
            ratePanel.add(.line(LineMark(x: picked.map { Double($0) / Double(stepsPerEpoch) }, y: picked.map { Double(curve[$0]) },
                                         label: label, color: color, width: 1.8)))
            let binned = OptimizerFigures.meanCurve(s.trials[b].map(\.binLoss))
            let xb = binned.mean.indices.map { (Double($0) + 0.5) / Double(config.bins) }
            trainPanel.add(.band(BandMark(x: xb, lower: binned.low, upper: binned.high, color: color, alpha: 0.15)))
            trainPanel.add(.line(LineMark(x: xb, y: binned.mean, label: label, color: color, width: 1.5)))
            let v = OptimizerFigures.meanCurve(s.trials[b].map(\.validationLoss))
            let xv = v.mean.indices.map(Double.init)
            validationPanel.add(.band(BandMark(x: xv, lower: v.low, upper: v.high, color: color, alpha: 0.15)))
            validationPanel.add(.line(LineMark(x: xv, y: v.mean, label: label, color: color, width: 1.8, marker: .circle)))
        }
        // The three panels have the same entries, so they share one legend under the title.
        return Figure(title: "Learning-rate schedules and the losses they produce", width: 980, height: 400, columns: 3,
                      panels: [ratePanel, trainPanel, validationPanel])
    }

    static func baseRateFigure(_ sweeps: [RateSensitivity]) -> Figure {
        var panel = Panel(x: Axis(label: "base learning rate", scale: .log10),
                          y: Axis(label: "final validation loss (log scale)", scale: .log10), legend: .outside)
        for s in sweeps {
            let color = color(s.name)
            panel.add(.line(LineMark(x: s.rates, y: s.rates.indices.map(s.meanLoss), label: s.label, color: color,
                                     width: 1.8, marker: .circle)))
            if let b = s.bestIndex {
                panel.add(.scatter(ScatterMark(x: [s.rates[b]], y: [s.meanLoss(b)], color: color, size: 11, alpha: 0.35)))
            }
            let xs = s.rates.indices.filter { s.divergedCount($0) > 0 }
            if !xs.isEmpty {
                let top = sweeps.flatMap { t in t.rates.indices.map(t.meanLoss) }.filter(\.isFinite).max() ?? 2.3
                panel.add(.scatter(ScatterMark(x: xs.map { s.rates[$0] }, y: xs.map { _ in top }, color: color, size: 6,
                                               alpha: 1, shape: .triangle)))
            }
        }
        return Figure(title: "Final validation loss against the base rate, per schedule", width: 760, height: 360, panel: panel)
    }

    static func summaryTable(_ sweeps: [RateSensitivity]) -> Table {
        let rows: [[TableValue]] = sweeps.map { s in
            guard let b = s.bestIndex else { return [.text(s.label), "every rate diverged", "", "", ""] }
            let trainLoss = s.trials[b].map(\.finalTrainLoss).reduce(0, +) / Double(s.trials[b].count)
            return [.text(s.label), .text(RateGrid.label(s.rates[b])), .number((trainLoss * 1000).rounded() / 1000),
                    .number((s.meanLoss(b) * 1000).rounded() / 1000), .number((s.meanAccuracy(b) * 1000).rounded() / 1000)]
        }
        return Table(caption: "Each schedule at its best base rate: final training loss (full pass), validation loss and validation accuracy, mean over seeds.",
                     columns: ["schedule", "best base rate", "training loss", "validation loss", "validation accuracy"],
                     rows: rows)
    }
}

extension LRSchedulesExperiment.Config {
    /// Minibatch steps in one epoch (the last batch may be short).
    var stepsPerEpoch: Int { (data.train + training.batchSize - 1) / training.batchSize }
}
