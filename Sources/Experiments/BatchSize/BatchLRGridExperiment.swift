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
public struct BatchLRGridExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// `fashion-mnist` (pooled to 14 x 14) or `synthetic` (Gaussian classes).
        public var data = "fashion-mnist"
        /// Training and validation examples.
        public var train = 10_000
        public var validation = 2_000
        /// Synthetic data only: input width and spread of each class around its centre.
        public var syntheticInputs = 32
        public var syntheticSpread = 2.0
        /// Hidden layer widths of the MLP (ReLU, He-normal initial weights).
        public var hidden = [64]
        /// Batch sizes, smallest first (powers of 2 read best on the log axes).
        public var batchSizes = [8, 16, 32, 64, 128, 256, 512, 1024]
        /// Learning rates of the grid, smallest first.
        public var learningRates = [0.025, 0.035, 0.05, 0.071, 0.1, 0.141, 0.2, 0.283, 0.4, 0.566, 0.8]
        /// Seeds per grid point (initial weights and example order).
        public var seeds = 3
        /// Validation accuracy that counts as reaching the target.
        public var target = 0.8
        /// Epochs processed before the heatmaps' measurement (the same examples for every
        /// batch size, so larger batches take fewer steps).
        public var budgetEpochs = 2.0
        /// A trial stops once it has reached the target and spent the budget, or after
        /// `capEpochs` epochs or `capSteps` steps, whichever comes first.
        public var capEpochs = 12.0
        public var capSteps = 4_000
        /// First measured step and the ratio between successive measured steps.
        public var firstEval = 8
        public var evalGrowth = 1.25
        /// A trial that reached the target goes on to this multiple of its steps.
        public var stopFactor = 1.5
        /// The slope of log best learning rate against log batch size is fitted over the
        /// batch sizes up to this one.
        public var slopeMaxBatch = 64
        /// The noise figure: a small batch with a high rate against a large batch with a
        /// low one, both for `noiseEpochs` epochs.
        public var noiseSmallBatch = 8
        public var noiseSmallRate = 0.2
        public var noiseLargeBatch = 512
        public var noiseLargeRate = 0.1
        public var noiseEpochs = 2.0
        /// Examples timed per batch size for the throughput figure (one core).
        public var throughputExamples = 20_000
        /// The noisy quadratic model drawn as theory: dimensions, noise scale c and
        /// target expected loss.
        public var theoryDimensions = 1_000
        public var theoryNoise = 20.0
        public var theoryTarget = 0.5
        /// A seed added to the lesson's seed (cells may vary it).
        public var seed = 0

        public init() {}

        public func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            func positive(_ key: String, _ value: Int) {
                if value <= 0 { problems.append(ConfigProblem(key: key, expected: "a positive whole number", found: "\(value)")) }
            }
            func positive(_ key: String, _ value: Double) {
                if !(value > 0) || !value.isFinite {
                    problems.append(ConfigProblem(key: key, expected: "a positive number", found: "\(value)"))
                }
            }
            if data != "fashion-mnist" && data != "synthetic" {
                problems.append(ConfigProblem(key: "data", expected: "fashion-mnist or synthetic", found: data))
            }
            positive("train", train)
            positive("validation", validation)
            positive("syntheticInputs", syntheticInputs)
            positive("syntheticSpread", syntheticSpread)
            if hidden.isEmpty || hidden.contains(where: { $0 <= 0 }) {
                problems.append(ConfigProblem(key: "hidden", expected: "a non-empty list of positive widths", found: "\(hidden)"))
            }
            if batchSizes.count < 3 || batchSizes.contains(where: { $0 <= 0 }) || batchSizes != batchSizes.sorted()
                || Set(batchSizes).count != batchSizes.count {
                problems.append(ConfigProblem(key: "batchSizes", expected: "at least 3 distinct positive sizes, smallest first",
                                              found: "\(batchSizes)"))
            }
            if learningRates.count < 2 || learningRates.contains(where: { !($0 > 0) || !$0.isFinite })
                || learningRates != learningRates.sorted() || Set(learningRates).count != learningRates.count {
                problems.append(ConfigProblem(key: "learningRates", expected: "at least 2 distinct positive rates, smallest first",
                                              found: "\(learningRates)"))
            }
            positive("seeds", seeds)
            if !(target > 0 && target < 1) {
                problems.append(ConfigProblem(key: "target", expected: "an accuracy between 0 and 1", found: "\(target)"))
            }
            positive("budgetEpochs", budgetEpochs)
            positive("capEpochs", capEpochs)
            positive("capSteps", capSteps)
            positive("firstEval", firstEval)
            if !(stopFactor >= 1) || !stopFactor.isFinite {
                problems.append(ConfigProblem(key: "stopFactor", expected: "a number of at least 1", found: "\(stopFactor)"))
            }
            if !(evalGrowth > 1) || !evalGrowth.isFinite {
                problems.append(ConfigProblem(key: "evalGrowth", expected: "a number above 1", found: "\(evalGrowth)"))
            }
            positive("slopeMaxBatch", slopeMaxBatch)
            positive("noiseSmallBatch", noiseSmallBatch)
            positive("noiseLargeBatch", noiseLargeBatch)
            positive("noiseSmallRate", noiseSmallRate)
            positive("noiseLargeRate", noiseLargeRate)
            positive("noiseEpochs", noiseEpochs)
            positive("throughputExamples", throughputExamples)
            positive("theoryDimensions", theoryDimensions)
            positive("theoryNoise", theoryNoise)
            positive("theoryTarget", theoryTarget)
            if seed < 0 { problems.append(ConfigProblem(key: "seed", expected: "a whole number >= 0", found: "\(seed)")) }
            return problems
        }
    }

    public static let kind = "batch-lr-grid"
    public static let version = 2
    public static let summary = "SGD on Fashion-MNIST over batch sizes by learning rates: steps to a target, best rates, noise."
    public static let outputs = ["heatmap-loss", "heatmap-accuracy", "best-rate", "steps", "noise", "throughput",
                                 "best-settings", "trials"]
    public static let quickProfile: [String: ConfigValue] = [
        "data": .string("synthetic"),
        "train": .int(2_000),
        "validation": .int(500),
        "hidden": .array([.int(16)]),
        "batchSizes": .array([8, 16, 32, 64, 128, 256, 512].map { .int($0) }),
        "learningRates": .array([0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2].map { .double($0) }),
        "seeds": .int(3),
        "throughputExamples": .int(4_000),
        "theoryDimensions": .int(300),
    ]

    public init() {}

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let seed = context.seed &+ UInt64(config.seed)
        let spec = BatchData.Spec(source: BatchData.Source(rawValue: config.data) ?? .synthetic,
                                  train: config.train, validation: config.validation,
                                  inputs: config.syntheticInputs, spread: config.syntheticSpread, seed: seed)
        let data = try BatchData.load(spec)
        let n = config.train
        func key(batch: Int, rate: Double, seed trialSeed: UInt64) -> SGDTrial.Key {
            SGDTrial.Key(version: SGDTrial.version, data: spec, hidden: config.hidden, batch: batch, rate: rate,
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
        var noiseKeys: [SGDTrial.Key] = []
        for (b, r) in [(config.noiseSmallBatch, config.noiseSmallRate), (config.noiseLargeBatch, config.noiseLargeRate)] {
            var k = key(batch: b, rate: r, seed: keys[0].seed)
            k.target = 2
            k.budgetExamples = Int((config.noiseEpochs * Double(n)).rounded())
            k.capExamples = k.budgetExamples
            k.capSteps = Int.max / 4
            k.recordSteps = true
            noiseKeys.append(k)
        }
        let all = keys + noiseKeys
        // Largest batches first: they take longest, so the workers finish together.
        let order = all.indices.sorted { (all[$0].batch, $0) > (all[$1].batch, $1) }
        let cache = context.trials
        let results = try SweepRunner.run(count: all.count, jobs: context.jobs, label: "trial",
                                          progress: context.progress, order: order) { i in
            try cache.value(all[i]) { try SGDTrial.run(all[i], data: data) }
        }
        let grid = Array(results[0..<keys.count])
        let noise = Array(results[keys.count...])
        let sweep = BatchSweep(config: config, keys: keys, results: grid)
        var metrics = sweep.metrics()
        for (name, trial) in zip(["small", "large"], noise) {
            metrics["noise.\(name)_variation"] = BatchSweep.stepVariation(trial.stepLosses)
        }
        let rate = Throughput.measure(data: data, hidden: config.hidden, batchSizes: config.batchSizes,
                                      examples: config.throughputExamples, seed: seed)
        for (b, r) in zip(config.batchSizes, rate) { metrics["throughput.b\(b)"] = r }
        return CellResult(metrics: metrics, tables: ["best-settings": sweep.bestTable(), "trials": sweep.trialTable()],
                          notes: sweep.notes())
    }
}
