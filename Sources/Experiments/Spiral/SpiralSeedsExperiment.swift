import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `spiral-seeds`: how reliably each network learns the spirals. Every variant (a shape
/// on a spiral of some number of turns) is trained from `seeds` initialisations on the
/// same points; the figure shows the training accuracy of every seed.
public struct SpiralSeedsExperiment: Experiment {
    /// One network and spiral to train from many seeds.
    public struct Variant: Codable, Sendable, Equatable {
        /// Prefix of this variant's metrics (`narrow` gives `narrow.min`, `narrow.reached`).
        public var id: String
        /// Name on the figure's axis.
        public var label: String
        /// Hidden layer widths.
        public var hidden: [Int]
        /// Turns of each spiral arm.
        public var turns: Double
        /// Passes over the training points.
        public var epochs: Int
        /// Adam's learning rate.
        public var learningRate: Double

        public init(id: String, label: String, hidden: [Int], turns: Double, epochs: Int, learningRate: Double) {
            self.id = id; self.label = label; self.hidden = hidden; self.turns = turns
            self.epochs = epochs; self.learningRate = learningRate
        }
    }

    public struct Config: ExperimentConfig, Equatable {
        /// The networks to compare. Each needs `id`, `label`, `hidden`, `turns`, `epochs`
        /// and `learningRate`.
        public var variants = [
            Variant(id: "narrow_playground", label: "2-2-2-2, 1.75 turns", hidden: [2, 2, 2, 2], turns: 1.75, epochs: 3000, learningRate: 0.01),
            Variant(id: "narrow", label: "2-2-2-2, one turn", hidden: [2, 2, 2, 2], turns: 1.0, epochs: 3000, learningRate: 0.01),
            Variant(id: "wide", label: "8-8, 1.75 turns", hidden: [8, 8], turns: 1.75, epochs: 2000, learningRate: 0.01),
        ]
        /// Seeds per variant: the lesson's seed, then the next ones.
        public var seeds = 10
        /// The accuracy counted as success in `<id>.reached`.
        public var threshold = 0.95
        /// Uniform noise on each coordinate.
        public var noise = 0.1
        /// Points per class before the validation split.
        public var pointsPerClass = 200
        /// Fraction held out (not trained on), as in `spiral-untangling`, so the points match.
        public var validation = 0.2
        /// Nonlinearity after every hidden layer.
        public var activation = Activation.tanh
        /// Minibatch size.
        public var batchSize = 32

        public init() {}

        public func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            func add(_ key: String, _ expected: String, _ found: String) {
                problems.append(ConfigProblem(key: key, expected: expected, found: found))
            }
            if variants.isEmpty { add("variants", "at least one variant", "none") }
            if Set(variants.map(\.id)).count != variants.count { add("variants", "distinct ids", variants.map(\.id).joined(separator: ", ")) }
            for (i, v) in variants.enumerated() {
                if v.id.isEmpty || v.id.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                    add("variants.\(i).id", "letters, digits and underscores", "\"\(v.id)\"")
                }
                if v.hidden.isEmpty || v.hidden.contains(where: { $0 < 1 || $0 > 512 }) {
                    add("variants.\(i).hidden", "a non-empty list of widths from 1 to 512", "\(v.hidden)")
                }
                if !(v.turns > 0 && v.turns <= 10) { add("variants.\(i).turns", "a number of turns in (0, 10]", "\(v.turns)") }
                if v.epochs < 1 || v.epochs > 1_000_000 { add("variants.\(i).epochs", "a whole number from 1 to 1000000", "\(v.epochs)") }
                if !(v.learningRate > 0 && v.learningRate.isFinite) { add("variants.\(i).learningRate", "a positive number", "\(v.learningRate)") }
            }
            if seeds < 1 || seeds > 1000 { add("seeds", "a whole number from 1 to 1000", "\(seeds)") }
            if !(threshold > 0 && threshold <= 1) { add("threshold", "an accuracy in (0, 1]", "\(threshold)") }
            if !(noise >= 0 && noise <= 5) { add("noise", "a number in [0, 5]", "\(noise)") }
            if pointsPerClass < 10 || pointsPerClass > 100_000 { add("pointsPerClass", "a whole number from 10 to 100000", "\(pointsPerClass)") }
            if !(validation >= 0 && validation <= 0.5) { add("validation", "a fraction in [0, 0.5]", "\(validation)") }
            if batchSize < 1 { add("batchSize", "a positive whole number", "\(batchSize)") }
            return problems
        }
    }

    public static let kind = "spiral-seeds"
    public static let version = 1
    public static let summary = "Training accuracy of several spiral networks over many seeds: how reliably each one learns."
    public static let outputs = ["seeds", "seed-table"]
    public static let quickProfile: [String: ConfigValue] = ["seeds": .int(3)]

    public init() {}

    /// What a trial's cache entry depends on.
    /// What tells one trial from the sweep's others; `TrialCache` adds the kind, version,
    /// whole configuration and build.
    struct TrialKey: Codable {
        var recipe: Untangling.Recipe
        var turns: Double, noise: Double, pointsPerClass: Int, validation: Double
        var dataSeed: UInt64, seed: UInt64
    }

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let data = try config.variants.map { v -> Dataset in
            var c = SpiralUntanglingExperiment.Config()
            c.turns = v.turns; c.noise = config.noise; c.pointsPerClass = config.pointsPerClass; c.validation = config.validation
            return try Untangling.spiral(c, seed: context.seed)
        }
        let recipes = config.variants.map {
            Untangling.Recipe(hidden: $0.hidden, activation: config.activation, epochs: $0.epochs,
                              batchSize: config.batchSize, learningRate: $0.learningRate)
        }
        let n = config.seeds
        let total = config.variants.count * n
        let done = Untangling.Counter()
        let trials = try Untangling.parallelMap(total, jobs: context.jobs) { index -> Untangling.Trial in
            let v = index / n, seed = context.seed &+ UInt64(index % n)
            let variant = config.variants[v]
            let key = TrialKey(recipe: recipes[v], turns: variant.turns, noise: config.noise,
                               pointsPerClass: config.pointsPerClass, validation: config.validation,
                               dataSeed: context.seed, seed: seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) { try recipes[v].trial(seed: seed, train: data[v].train) }
            let finished = done.increment()
            context.progress("trial \(finished)/\(total)", Double(finished) / Double(total))
            return trial
        }

        var metrics: [String: Double] = ["seeds": Double(n), "threshold": config.threshold]
        var groups: [(name: String, accuracies: [Double])] = []
        for (v, variant) in config.variants.enumerated() {
            let accuracies = trials[(v * n)..<((v + 1) * n)].map(\.trainAccuracy)
            let finite = accuracies.filter(\.isFinite)
            metrics["\(variant.id).min"] = finite.min() ?? .nan
            metrics["\(variant.id).max"] = finite.max() ?? .nan
            metrics["\(variant.id).mean"] = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
            metrics["\(variant.id).reached"] = Double(finite.filter { $0 >= config.threshold }.count)
            metrics["\(variant.id).diverged"] = Double(accuracies.count - finite.count)
            metrics["\(variant.id).lesson_seed"] = accuracies[0]
            groups.append((variant.label, accuracies))
        }
        var series: [String: Series] = [:]
        for (v, variant) in config.variants.enumerated() {
            series["accuracy.\(variant.id)"] = Series(x: (0..<n).map { Double(context.seed) + Double($0) }, y: groups[v].accuracies,
                                                     xLabel: "seed", yLabel: "training accuracy")
        }
        let rows: [[TableValue]] = (0..<n).map { i in
            [.number(Double(context.seed) + Double(i))] + groups.map { .number(SpiralUntanglingExperiment.round3($0.accuracies[i])) }
        }
        let table = Table(caption: "Training accuracy of every seed (the first row is the lesson's seed).",
                          columns: ["seed"] + config.variants.map(\.label), rows: rows)
        let figure = UntanglingFigures.seeds(
            groups: groups, threshold: config.threshold, thresholdLabel: String(format: "%.0f%%", 100 * config.threshold),
            title: "Training accuracy over \(n) seeds")
        let caption = "Each dot is one initialisation (seeds \(context.seed) to \(context.seed + UInt64(n) - 1)) trained on the same \(data.first?.train.count ?? 0) points; the diamond is the lesson's seed and the dashed line marks \(String(format: "%.0f%%", 100 * config.threshold))."
        return CellResult(metrics: metrics, series: series, tables: ["seed-table": table],
                          figures: [NamedFigure(name: "seeds", caption: caption, figure: figure)])
    }
}
