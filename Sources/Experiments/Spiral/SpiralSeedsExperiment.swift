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
    public struct Variant: Codable, Sendable, Equatable, DeclaredParameters {
        public var id: String
        public var label: String
        public var hidden: [Int]
        public var turns: Double
        public var epochs: Int
        public var learningRate: Double

        public init(id: String, label: String, hidden: [Int], turns: Double, epochs: Int, learningRate: Double) {
            self.id = id; self.label = label; self.hidden = hidden; self.turns = turns
            self.epochs = epochs; self.learningRate = learningRate
        }

        public static let parameters: [Parameter<Variant>] = [
            .identifier("id", \.id, "Prefix of this variant's metrics (`narrow` gives `narrow.min`, `narrow.reached`)."),
            .text("label", "Name on the figure's axis."),
            .wholes("hidden", \.hidden, 1...512, .nonEmpty, "Hidden layer widths."),
            .number("turns", \.turns, .above(0, upTo: 10), "Turns of each spiral arm."),
            .whole("epochs", \.epochs, 1...1_000_000, "Passes over the training points."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
        ]
    }

    public struct Config: ExperimentConfig, Equatable {
        public var variants = [
            Variant(id: "narrow_playground", label: "2-2-2-2, 1.75 turns", hidden: [2, 2, 2, 2], turns: 1.75, epochs: 3000, learningRate: 0.01),
            Variant(id: "narrow", label: "2-2-2-2, one turn", hidden: [2, 2, 2, 2], turns: 1.0, epochs: 3000, learningRate: 0.01),
            Variant(id: "wide", label: "8-8, 1.75 turns", hidden: [8, 8], turns: 1.75, epochs: 2000, learningRate: 0.01),
        ]
        public var seeds = 10
        public var threshold = 0.95
        public var noise = 0.1
        public var pointsPerClass = 200
        public var validation = 0.2
        public var activation = Activation.tanh
        public var batchSize = 32

        public init() {}

        public static let parameters: [Parameter<Config>] = [
            .records("variants", \.variants, .nonEmpty, "The networks to compare, each trained from every seed."),
            .whole("seeds", \.seeds, 1...1000, "Seeds per variant: the lesson's seed, then the next ones."),
            .number("threshold", \.threshold, .above(0, upTo: 1), "The accuracy counted as success in `<id>.reached`."),
            .number("noise", \.noise, .from(0, to: 5), "Uniform noise on each coordinate."),
            .whole("pointsPerClass", \.pointsPerClass, 10...100_000, "Points per class before the validation split."),
            .number("validation", \.validation, .from(0, to: 0.5),
                    "Fraction held out (not trained on), as in `spiral-untangling`, so the points match."),
            .choice("activation", names: Activation.knownNames, "Nonlinearity after every hidden layer."),
            .whole("batchSize", \.batchSize, 1..., "Minibatch size."),
        ]

        public func checkRelations(_ checks: inout ConfigChecks) {
            checks.require(Set(variants.map(\.id)).count == variants.count, "variants", expected: "distinct ids",
                           found: variants.map(\.id).joined(separator: ", "))
        }
    }

    public static let kind = "spiral-seeds"
    public static let version = 1
    public static let summary = "Training accuracy of several spiral networks over many seeds: how reliably each one learns."
    public static let outputs = ["seeds", "seed-table"]
    public static let metrics: [MetricName] = [
        MetricName("<id>.min", "Lowest training accuracy over the variant's seeds."),
        MetricName("<id>.max", "Highest training accuracy."),
        MetricName("<id>.mean", "Mean training accuracy."),
        MetricName("<id>.reached", "Seeds that reached `threshold`."),
        MetricName("<id>.diverged", "Seeds whose training diverged."),
        MetricName("<id>.lesson_seed", "Training accuracy from the lesson's own seed."),
        MetricName("seeds", "The `seeds` setting."),
        MetricName("threshold", "The `threshold` setting."),
    ]
    public static let quickProfile: [String: ConfigValue] = ["seeds": .int(3)]

    public init() {}

    /// What a trial's cache entry depends on.
    struct TrialKey: Codable {
        var kind = SpiralSeedsExperiment.kind
        var version = SpiralSeedsExperiment.version
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
            let trial = try context.trials.value(key) { try recipes[v].trial(seed: seed, train: data[v].train) }
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
