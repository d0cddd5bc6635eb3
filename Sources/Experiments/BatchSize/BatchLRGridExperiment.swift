import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `batch-lr-grid`: a small MLP trained with plain SGD over a grid of batch sizes by
/// learning rates by seeds. Each trial records its validation curves, the steps it took
/// to reach a target validation accuracy (Shallue et al. 2019), its wall time and whether
/// it diverged. The summary takes, for every batch size, the learning rate that reaches
/// the target in the fewest steps, and sets the result beside the noisy quadratic model
/// (Zhang et al. 2019) as theory.
struct BatchLRGridExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = BatchDataSetup.data()
        var model = BatchDataSetup.model(hidden: [64])
        var batchSizes = [8, 16, 32, 64, 128, 256, 512, 1024]
        var learningRates = [0.025, 0.035, 0.05, 0.071, 0.1, 0.141, 0.2, 0.283, 0.4, 0.566, 0.8]
        var seeds = 3
        var target = 0.8
        var budgetEpochs = 2.0
        var capEpochs = 12.0
        var capSteps = 4_000
        var firstEval = 8
        var evalGrowth = 1.25
        var stopFactor = 1.5
        var collapseMargin = 0.2
        var slopeMaxBatch = 64
        var noiseSmallBatch = 8
        var noiseSmallRate = 0.2
        var noiseLargeBatch = 512
        var noiseLargeRate = 0.1
        var noiseEpochs = 2.0
        var throughputExamples = 10_000
        var theoryDimensions = 1_000
        var theoryNoise = 5.0
        var theoryTarget = 0.5

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, BatchDataSetup.documentation),
            .record("model", \.model, "The MLP, as in a `train` cell: `hidden` widths (ReLU, He-normal initial weights, biases)."),
            .wholes("batchSizes", \.batchSizes, 1..., .ascending(atLeast: 3), "Batch sizes (powers of 2 read best on the log axes)."),
            .numbers("learningRates", \.learningRates, .positive, .ascending(atLeast: 2), "Learning rates of the grid."),
            .whole("seeds", \.seeds, 1..., "Seeds per grid point (initial weights and example order)."),
            .number("target", \.target, .between(0, 1), "Validation accuracy that counts as reaching the target."),
            .number("budgetEpochs", \.budgetEpochs, .positive, "Epochs processed before the heatmaps' measurement (the same "
                    + "examples for every batch size, so larger batches take fewer steps)."),
            .number("capEpochs", \.capEpochs, .positive, "A trial stops once it has reached the target and spent the budget, "
                    + "or after `cap_epochs` epochs or `cap_steps` steps, whichever comes first."),
            .whole("capSteps", \.capSteps, 1..., "Most steps of a trial (see `cap_epochs`)."),
            .whole("firstEval", \.firstEval, 1..., "First measured step."),
            .number("evalGrowth", \.evalGrowth, .above(1), "Ratio between successive measured steps."),
            .number("stopFactor", \.stopFactor, .atLeast(1), "A trial that reached the target goes on to this multiple of its steps."),
            .number("collapseMargin", \.collapseMargin, .from(0, to: 0.9), "A trial whose final validation accuracy is "
                    + "below chance (1/10) plus this margin, or whose final validation loss is above ln 10, counts as "
                    + "collapsed: failed like a diverged one (hatched in the heatmaps)."),
            .whole("slopeMaxBatch", \.slopeMaxBatch, 1..., "The slope of log best learning rate against log batch size is "
                   + "fitted over the batch sizes up to this one."),
            .whole("noiseSmallBatch", \.noiseSmallBatch, 1..., "The noise figure: the small batch (trained with the high rate)."),
            .number("noiseSmallRate", \.noiseSmallRate, .positive, "The noise figure: the small batch's learning rate."),
            .whole("noiseLargeBatch", \.noiseLargeBatch, 1..., "The noise figure: the large batch (trained with the low rate)."),
            .number("noiseLargeRate", \.noiseLargeRate, .positive, "The noise figure: the large batch's learning rate."),
            .number("noiseEpochs", \.noiseEpochs, .positive, "The noise figure: epochs of both runs."),
            .whole("throughputExamples", \.throughputExamples, 1..., "Examples timed per batch size for the throughput figure (one core)."),
            .whole("theoryDimensions", \.theoryDimensions, 1..., "The noisy quadratic model drawn as theory: dimensions."),
            .number("theoryNoise", \.theoryNoise, .positive, "The noisy quadratic model drawn as theory: noise scale c."),
            .number("theoryTarget", \.theoryTarget, .positive, "The noisy quadratic model drawn as theory: target expected loss."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            BatchDataSetup.check(data, &checks)
            GroupChecks.fixed(model, Config().model, group: "model", free: ["hidden"],
                              why: "dense ReLU layers with He-normal weights and biases, no dropout", &checks)
            checks.require(!model.hidden.isEmpty, "model.hidden", expected: "at least one hidden layer", found: "[]")
        }
    }

    static let kind = "batch-lr-grid"
    static let version = 4
    static let summary = "SGD on Fashion-MNIST over batch sizes by learning rates: steps to a target, best rates, noise."
    static let outputs = ["heatmap-loss", "heatmap-accuracy", "best-rate", "steps", "noise", "throughput",
                                 "best-settings", "trials"]
    static let metrics: [MetricName] = [
        MetricName("best_rate.b<batch>", "The learning rate that reaches the target in the fewest steps at one batch size."),
        MetricName("steps.b<batch>", "Those fewest steps."),
        MetricName("slope.best_rate", "Slope of log best rate against log batch size, up to `slope_max_batch`. (From the accuracy averaged over seeds; per seed, from each seed's own best rates and steps.)", sampled: true),
        MetricName("slope.steps_small", "Slope of log steps against log batch size, up to `slope_max_batch`."),
        MetricName("steps.minimum", "Fewest steps at any batch size."),
        MetricName("steps.critical_batch", "The critical batch size, beyond which more examples per step stop saving steps."),
        MetricName("steps.knee_batch", "The batch size at the knee of the steps curve."),
        MetricName("steps.drop_to_knee", "Steps at the smallest batch over steps at the knee. (From the accuracy averaged over seeds; per seed, from each seed's own best rates and steps.)", sampled: true),
        MetricName("steps.gain_per_doubling_before_knee", "Factor by which steps fall per doubling of the batch, before the knee. (From the accuracy averaged over seeds; per seed, from each seed's own best rates and steps.)", sampled: true),
        MetricName("steps.gain_per_doubling_after_knee", "The same factor after the knee. (From the accuracy averaged over seeds; per seed, from each seed's own best rates and steps.)", sampled: true),
        MetricName("theory.best_rate.b<batch>", "Noisy quadratic model: the learning rate that reaches the target in the fewest steps at one batch size."),
        MetricName("theory.steps.b<batch>", "Noisy quadratic model: those fewest steps."),
        MetricName("theory.slope.best_rate", "Noisy quadratic model: slope of log best rate against log batch size, up to `slope_max_batch`."),
        MetricName("theory.slope.steps_small", "Noisy quadratic model: slope of log steps against log batch size, up to `slope_max_batch`."),
        MetricName("theory.best_rate.low_past_fit", "Noisy quadratic model: lowest best rate among the batch sizes past `slope_max_batch`."),
        MetricName("theory.best_rate.high_past_fit", "Noisy quadratic model: highest best rate among the batch sizes past `slope_max_batch`."),
        MetricName("theory.steps.minimum", "Noisy quadratic model: fewest steps at any batch size."),
        MetricName("theory.steps.critical_batch", "Noisy quadratic model: the critical batch size, beyond which more examples per step stop saving steps."),
        MetricName("theory.steps.knee_batch", "Noisy quadratic model: the batch size at the knee of the steps curve."),
        MetricName("theory.steps.drop_to_knee", "Noisy quadratic model: steps at the smallest batch over steps at the knee."),
        MetricName("theory.steps.gain_per_doubling_before_knee", "Noisy quadratic model: factor by which steps fall per doubling of the batch, before the knee."),
        MetricName("theory.steps.gain_per_doubling_after_knee", "Noisy quadratic model: the same factor after the knee."),
        MetricName("batch.smallest", "Smallest batch size of the grid."),
        MetricName("batch.largest", "Largest batch size of the grid."),
        MetricName("steps.at_smallest", "Fewest steps to the target at the smallest batch."),
        MetricName("steps.at_largest", "Fewest steps to the target at the largest batch."),
        MetricName("throughput.b<batch>", "Examples per second at one batch size (one core)."),
        MetricName("throughput.at_smallest", "Examples per second at the smallest batch."),
        MetricName("throughput.at_largest", "Examples per second at the largest batch."),
        MetricName("noise.<run>_variation", "Step-to-step variation of the training loss of the `small` or `large` noise run. (Mean over seeds, one noise run per seed; the figure shows the first seed's.)", sampled: true),
        MetricName("trials.count", "Trials run (batch sizes x learning rates x seeds)."),
        MetricName("trials.diverged", "Trials whose loss diverged."),
        MetricName("trials.collapsed", "Trials that ended near chance without diverging (see `collapse_margin`)."),
        MetricName("trials.failed", "Trials that diverged or collapsed."),
        MetricName("failure.accuracy_floor", "The accuracy below which a finished trial counts as collapsed."),
        MetricName("failure.loss_ceiling", "The validation loss above which a finished trial counts as collapsed (ln 10)."),
        MetricName("failure.divergence_loss", "The loss above which a trial counts as diverged."),
        MetricName("best_rate.low_past_fit", "Lowest best learning rate among the batch sizes past `slope_max_batch`."),
        MetricName("best_rate.high_past_fit", "Highest best learning rate among the batch sizes past `slope_max_batch`."),
        MetricName("trials.missed_target", "Trials that never reached the target."),
    ]
    /// The scaling numbers also measured seed by seed, for claims decided on intervals.
    static let perSeedScaling = ["slope.best_rate", "steps.drop_to_knee", "steps.gain_per_doubling_before_knee",
                                 "steps.gain_per_doubling_after_knee"]

    static let quickProfile: [String: ConfigValue] = [
        "data": BatchDataSetup.quick(train: 2_000, validation: 500, source: .clusters),
        "model": .object(["hidden": .array([.int(16)])]),
        "batchSizes": .array([8, 16, 32, 64, 128, 256, 512].map { .int($0) }),
        "learningRates": .array([0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2].map { .double($0) }),
        "seeds": .int(3),
        "throughputExamples": .int(4_000),
        "theoryDimensions": .int(300),
    ]

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = BatchDataSetup.spec(config.data, seed: context.seed)
        let data = try BatchData.load(spec)
        let (sweep, noise) = try Self.trials(config, spec: spec, data: data, context: context)
        let speed = Throughput.measure(data: data, spec: spec, hidden: config.model.hidden, batchSizes: config.batchSizes,
                                       examples: config.throughputExamples, seed: context.seed)
        let theory = Self.theory(config)
        var result = Self.summary(config, sweep: sweep, noise: noise, speed: speed, theory: theory)
        result.figures = BatchSizeFigures.batchLRGrid(config, sweep: sweep, theory: theory, noise: noise, speed: speed,
                                                      data: data)
        return result
    }

    /// Every trial of the cell through the trial cache: the grid (batch size by rate, then
    /// seed) as a sweep, and the noise pair of each seed (small batch, then large).
    static func trials(_ config: Config, spec: BatchData.Spec, data: BatchData,
                       context: ExperimentContext) throws -> (sweep: BatchSweep, noise: [SGDTrial.Result]) {
        let seed = context.seed
        let n = config.data.train
        func key(batch: Int, rate: Double, seed trialSeed: UInt64) -> SGDTrial.Key {
            SGDTrial.Key(version: SGDTrial.version, data: spec, hidden: config.model.hidden, batch: batch, rate: rate,
                         seed: trialSeed, target: config.target,
                         budgetExamples: Int((config.budgetEpochs * Double(n)).rounded()),
                         capExamples: Int((config.capEpochs * Double(n)).rounded()), capSteps: config.capSteps,
                         firstEval: config.firstEval, evalGrowth: config.evalGrowth, stopFactor: config.stopFactor,
                         recordSteps: false)
        }
        let trialSeeds = (0..<config.seeds).map { s -> UInt64 in
            var g = SeededGenerator(seed: seed).derive(stream: UInt64(s))
            return g.next()
        }
        var keys: [SGDTrial.Key] = []
        for b in config.batchSizes {
            for r in config.learningRates {
                for s in trialSeeds { keys.append(key(batch: b, rate: r, seed: s)) }
            }
        }
        // The noise pair: a fixed number of epochs, no stopping at the target.
        // One pair per seed (the figure shows the first seed's).
        var noiseKeys: [SGDTrial.Key] = []
        for trialSeed in trialSeeds {
            for (b, r) in [(config.noiseSmallBatch, config.noiseSmallRate), (config.noiseLargeBatch, config.noiseLargeRate)] {
                var k = key(batch: b, rate: r, seed: trialSeed)
                k.target = 2
                k.budgetExamples = Int((config.noiseEpochs * Double(n)).rounded())
                k.capExamples = k.budgetExamples
                k.capSteps = Int.max / 4
                k.recordSteps = true
                noiseKeys.append(k)
            }
        }
        let all = keys + noiseKeys
        // Largest batches first: they take longest, so the workers finish together.
        let order = all.indices.sorted { (all[$0].batch, $0) > (all[$1].batch, $1) }
        let cache = context.trials
        let results = try SweepRunner.run(count: all.count, jobs: context.jobs, label: "trial",
                                          progress: context.progress, order: order) { i in
            // Keyed by the trial's own setup (`SGDTrial.Key` is all a trial depends on), so a
            // run with more seeds trains only the seeds added, and an exercise's changed grid
            // trains only the points the lesson's grid does not have.
            try cache.value(sharedBy: "sgd-trial", version: SGDTrial.version, trial: all[i]) { try SGDTrial.run(all[i], data: data) }
        }
        let grid = Array(results[0..<keys.count])
        let noise = Array(results[keys.count...])
        return (BatchSweep(config: config, keys: keys, results: grid), noise)
    }

    /// The noisy quadratic model on the cell's batch sizes, as theory beside the experiment.
    static func theory(_ config: Config) -> NoisyQuadraticExperiment.Outcome {
        var theoryConfig = NoisyQuadraticExperiment.Config()
        theoryConfig.dimensions = config.theoryDimensions
        theoryConfig.noise = config.theoryNoise
        theoryConfig.target = config.theoryTarget
        theoryConfig.batchSizes = config.batchSizes
        theoryConfig.slopeMaxBatch = config.slopeMaxBatch
        return NoisyQuadraticExperiment.solve(theoryConfig).1
    }

    /// The grid's metrics, per-seed samples, curves, tables and notes, with the noise
    /// pair's variation, the throughput and the theory's scaling (no figures).
    static func summary(_ config: Config, sweep: BatchSweep, noise: [SGDTrial.Result], speed: [Double],
                        theory: NoisyQuadraticExperiment.Outcome) -> CellResult {
        var metrics = sweep.metrics()
        var samples = sweep.perSeedMetrics(Self.perSeedScaling)
        for (n, name) in ["small", "large"].enumerated() {
            let values = stride(from: n, to: noise.count, by: 2).map { BatchSweep.stepVariation(noise[$0].stepLosses) }
            metrics["noise.\(name)_variation"] = values.reduce(0, +) / Double(values.count)
            samples["noise.\(name)_variation"] = values
        }
        for (b, r) in zip(config.batchSizes, speed) { metrics["throughput.b\(b)"] = r }
        // The ends of the batch range under fixed names, so prose reads the same in every profile.
        metrics["batch.smallest"] = Double(config.batchSizes[0])
        metrics["batch.largest"] = Double(config.batchSizes[config.batchSizes.count - 1])
        metrics["steps.at_smallest"] = sweep.bestSteps.first.flatMap { $0 } ?? .nan
        metrics["steps.at_largest"] = sweep.bestSteps.last.flatMap { $0 } ?? .nan
        metrics["throughput.at_smallest"] = speed.first ?? .nan
        metrics["throughput.at_largest"] = speed.last ?? .nan

        let theoryMetrics = ScalingMetrics.compute(batchSizes: theory.batchSizes, bestRates: theory.bestRates,
                                                   bestSteps: theory.bestSteps, slopeMaxBatch: config.slopeMaxBatch)
        for (k, v) in theoryMetrics { metrics["theory." + k] = v }

        var series: [String: Series] = [:]
        for (i, b) in config.batchSizes.enumerated() {
            for (j, r) in config.learningRates.enumerated() {
                for (s, t) in sweep.results[i][j].enumerated() {
                    let name = "trial.b\(b).lr\(BatchSizeFigures.rateLabel(r)).s\(s)"
                    let x = t.steps.map(Double.init)
                    series[name + ".validation_loss"] = Series(x: x, y: t.validationLoss, xLabel: "step", yLabel: "validation loss")
                    series[name + ".validation_accuracy"] = Series(x: x, y: t.validationAccuracy, xLabel: "step",
                                                                   yLabel: "validation accuracy")
                }
            }
        }
        return CellResult(metrics: metrics, series: series,
                          tables: ["best-settings": sweep.bestTable(), "trials": sweep.trialTable()],
                          notes: sweep.notes(), samples: samples)
    }
}
