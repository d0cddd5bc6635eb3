import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `spiral-seeds`: how reliably each network learns the spirals. Every variant (a shape
/// on a spiral of some number of turns) is trained from `seeds` initialisations on the
/// points of one or more data draws; the figure shows the training accuracy of every run
/// and the rate table the share reaching the threshold with Wilson's 95% interval.
struct SpiralSeedsExperiment: Experiment {
    /// One network and spiral to train from many seeds.
    struct Variant: Codable, Sendable, Equatable, DeclaredParameters {
        var id: String
        var label: String
        var hidden: [Int]
        var turns: Double
        var epochs: Int
        var learningRate: Double

        init(id: String, label: String, hidden: [Int], turns: Double, epochs: Int, learningRate: Double) {
            self.id = id; self.label = label; self.hidden = hidden; self.turns = turns
            self.epochs = epochs; self.learningRate = learningRate
        }

        static let parameters: [Parameter<Variant>] = [
            .identifier("id", \.id, "Prefix of this variant's metrics (`narrow` gives `narrow.min`, `narrow.reached`)."),
            .text("label", "Name on the figure's axis."),
            .wholes("hidden", \.hidden, 1...512, .nonEmpty, "Hidden layer widths."),
            .number("turns", \.turns, .above(0, upTo: 10), "Turns of each spiral arm."),
            .whole("epochs", \.epochs, 1...1_000_000, "Passes over the training points."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
        ]
    }

    struct Config: ExperimentConfig, Equatable {
        var variants = [
            Variant(id: "narrow_playground", label: "2-2-2-2, 1.75 turns", hidden: [2, 2, 2, 2], turns: 1.75, epochs: 3000, learningRate: 0.01),
            Variant(id: "narrow", label: "2-2-2-2, one turn", hidden: [2, 2, 2, 2], turns: 1.0, epochs: 3000, learningRate: 0.01),
            Variant(id: "wide", label: "8-8, 1.75 turns", hidden: [8, 8], turns: 1.75, epochs: 2000, learningRate: 0.01),
        ]
        var seeds = 10
        var threshold = 0.95
        var noise = 0.1
        var pointsPerClass = 200
        var validation = 0.2
        var activation = Activation.tanh
        var batchSize = 32
        /// Seeds of the data draws (the noise on the points and the validation split);
        /// every variant is trained from every seed on each draw. Empty: the cell's seed.
        var dataSeeds: [Int] = []

        static let parameters: [Parameter<Config>] = [
            .records("variants", \.variants, .nonEmpty, "The networks to compare, each trained from every seed."),
            .whole("seeds", \.seeds, 1...1000, "Seeds per variant: the lesson's seed, then the next ones."),
            .number("threshold", \.threshold, .above(0, upTo: 1), "The accuracy counted as success in `<id>.reached`."),
            .number("noise", \.noise, .from(0, to: 5), "Uniform noise on each coordinate."),
            .whole("pointsPerClass", \.pointsPerClass, 10...100_000, "Points per class before the validation split."),
            .number("validation", \.validation, .from(0, to: 0.5),
                    "Fraction held out (not trained on), as in `spiral-untangling`, so the points match."),
            .choice("activation", names: Activation.knownNames, "Nonlinearity after every hidden layer."),
            .whole("batchSize", \.batchSize, 1..., "Minibatch size."),
            .wholes("dataSeeds", \.dataSeeds, 0..., ListShape(distinct: true), "Seeds of the data draws (the noise on "
                    + "the points and the validation split); every variant is trained from every seed on each draw. "
                    + "Empty: the cell's seed."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            checks.require(Set(variants.map(\.id)).count == variants.count, "variants", expected: "distinct ids",
                           found: variants.map(\.id).joined(separator: ", "))
        }
    }

    static let kind = "spiral-seeds"
    static let version = 1
    static let summary = "Training accuracy of several spiral networks over many seeds: how reliably each one learns."
    static let outputs = ["seeds", "rate-table", "seed-table"]
    static let metrics: [MetricName] = [
        MetricName("<id>.min", "Lowest training accuracy over the variant's seeds."),
        MetricName("<id>.max", "Highest training accuracy."),
        MetricName("<id>.mean", "Mean training accuracy."),
        MetricName("<id>.accuracy", "Training accuracy of each run, draw by draw and seed by seed (run i is the same draw and seed in every variant).", sampled: true),
        MetricName("<id>.reached", "Seeds that reached `threshold`."),
        MetricName("<id>.diverged", "Seeds whose training diverged."),
        MetricName("<id>.lesson_seed", "Training accuracy from the lesson's own seed."),
        MetricName("draws", "Data draws every variant is trained on."),
        MetricName("runs", "Runs of each variant: seeds times data draws."),
        MetricName("<id>.runs", "Runs of the variant: seeds times data draws."),
        MetricName("<id>.rate", "Share of runs that reached `threshold`."),
        MetricName("<id>.rate_low", "Lower end of the Wilson 95% interval of that share."),
        MetricName("<id>.rate_high", "Upper end of the Wilson 95% interval of that share."),
        MetricName("<id>.failed_min", "Lowest training accuracy of a run that missed `threshold`."),
        MetricName("<id>.failed_max", "Highest training accuracy of a run that missed `threshold`."),
        MetricName("<id>.draw<k>.reached", "Runs that reached `threshold` on data draw k."),
        MetricName("<id>.first_ten.reached", "Of the first ten seeds on the first draw, those that reached `threshold`."),
        MetricName("<id>.first_ten.chance", "Chance of at least that many of ten at the measured rate."),
        .setting("seeds"),
        .setting("threshold"),
    ]
    static let quickProfile: [String: ConfigValue] = ["seeds": .int(3)]

    /// What a trial's cache entry depends on.
    /// What tells one trial from the sweep's others; `TrialCache` adds the kind, version,
    /// whole configuration and build.
    struct TrialKey: Codable {
        var recipe: Untangling.Recipe
        var turns: Double, noise: Double, pointsPerClass: Int, validation: Double
        var dataSeed: UInt64, seed: UInt64
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let draws = config.dataSeeds.isEmpty ? [context.seed] : config.dataSeeds.map { UInt64($0) }
        let accuracies = try trainAll(config, draws: draws, context: context)
        let summaries = zip(config.variants, accuracies).map { Summary(variant: $0, accuracies: $1, threshold: config.threshold) }

        var metrics: [String: Double] = ["seeds": Double(config.seeds), "threshold": config.threshold,
                                         "draws": Double(draws.count), "runs": Double(draws.count * config.seeds)]
        for summary in summaries { metrics.merge(summary.metrics) { a, _ in a } }
        var series: [String: Series] = [:]
        for summary in summaries {
            series["accuracy.\(summary.variant.id)"] = Series(x: (0..<summary.flat.count).map(Double.init), y: summary.flat,
                                                              xLabel: "run (data draw, then seed)", yLabel: "training accuracy")
        }
        let tables = ["rate-table": Self.rateTable(summaries, threshold: config.threshold),
                      "seed-table": Self.seedTable(summaries, draws: draws, firstSeed: context.seed)]
        var samples: [String: [Double]] = [:]
        for summary in summaries { samples["\(summary.variant.id).accuracy"] = summary.flat }
        return CellResult(metrics: metrics, series: series, tables: tables,
                          figures: [Self.figure(summaries, config: config, draws: draws, firstSeed: context.seed)],
                          samples: samples)
    }

    /// Training accuracy of every run, as `[variant][draw][seed]`: each variant on the
    /// points of every data draw, from the seeds `context.seed` onwards. Runs in parallel,
    /// each trial cached on its own.
    func trainAll(_ config: Config, draws: [UInt64], context: ExperimentContext) throws -> [[[Double]]] {
        let data = try config.variants.map { v in
            try draws.map { draw -> Dataset in
                var c = SpiralUntanglingExperiment.Config()
                c.turns = v.turns; c.noise = config.noise; c.pointsPerClass = config.pointsPerClass; c.validation = config.validation
                return try Untangling.spiral(c, seed: draw)
            }
        }
        let recipes = config.variants.map {
            Untangling.Recipe(hidden: $0.hidden, activation: config.activation, epochs: $0.epochs,
                              batchSize: config.batchSize, learningRate: $0.learningRate)
        }
        let n = config.seeds, perVariant = draws.count * n
        let total = config.variants.count * perVariant
        let trials = try SweepRunner.run(count: total, jobs: context.jobs, label: "trial", progress: context.progress) { index -> Double in
            let v = index / perVariant, d = (index % perVariant) / n, seed = context.seed &+ UInt64(index % n)
            let variant = config.variants[v]
            let key = TrialKey(recipe: recipes[v], turns: variant.turns, noise: config.noise,
                               pointsPerClass: config.pointsPerClass, validation: config.validation,
                               dataSeed: draws[d], seed: seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) { try recipes[v].trial(seed: seed, train: data[v][d].train) }
            return trial.trainAccuracy
        }
        return config.variants.indices.map { v in
            draws.indices.map { d in Array(trials[(v * perVariant + d * n)..<(v * perVariant + (d + 1) * n)]) }
        }
    }

    /// One variant's runs and what the lesson reports of them.
    struct Summary {
        var variant: Variant
        /// Training accuracy per data draw and seed (NaN: diverged).
        var accuracies: [[Double]]
        var threshold: Double

        var flat: [Double] { accuracies.flatMap { $0 } }
        var finite: [Double] { flat.filter(\.isFinite) }
        var reached: Int { finite.filter { $0 >= threshold }.count }
        var failures: [Double] { finite.filter { $0 < threshold } }
        var interval: (lower: Double, upper: Double) { Statistics.wilsonInterval(successes: reached, trials: flat.count) }

        /// n choose k, as a Double.
        static func binomial(_ n: Int, _ k: Int) -> Double {
            (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
        }

        /// `<id>.reached`, `.rate` with its 95% Wilson interval (`.rate_low`, `.rate_high`),
        /// the accuracy range of all runs and of the failures, and per data draw.
        var metrics: [String: Double] {
            let id = variant.id
            var m: [String: Double] = [:]
            m["\(id).runs"] = Double(flat.count)
            m["\(id).reached"] = Double(reached)
            m["\(id).rate"] = Double(reached) / Double(max(flat.count, 1))
            m["\(id).rate_low"] = interval.lower
            m["\(id).rate_high"] = interval.upper
            m["\(id).min"] = finite.min() ?? .nan
            m["\(id).max"] = finite.max() ?? .nan
            m["\(id).mean"] = finite.isEmpty ? .nan : Statistics.mean(finite)
            m["\(id).failed_min"] = failures.min() ?? .nan
            m["\(id).failed_max"] = failures.max() ?? .nan
            m["\(id).diverged"] = Double(flat.count - finite.count)
            m["\(id).lesson_seed"] = flat.first ?? .nan
            for (d, runs) in accuracies.enumerated() {
                m["\(id).draw\(d).reached"] = Double(runs.filter { $0.isFinite && $0 >= threshold }.count)
            }
            // The block of ten seeds a lesson would show: the first ten on the first draw.
            if let first = accuracies.first, first.count >= 10 {
                let r = first.prefix(10).filter { $0.isFinite && $0 >= threshold }.count
                m["\(id).first_ten.reached"] = Double(r)
                // How often ten runs succeed at least that often if the overall rate is the truth.
                let p = Double(reached) / Double(max(flat.count, 1))
                m["\(id).first_ten.chance"] = (r...10).reduce(0.0) { sum, k in
                    sum + Self.binomial(10, k) * Foundation.pow(p, Double(k)) * Foundation.pow(1 - p, Double(10 - k))
                }
            }
            return m
        }
    }

    static func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.1f%%", 100 * v) : "–" }

    /// One row per variant: runs, successes, the rate with its interval, the failures' range.
    static func rateTable(_ summaries: [Summary], threshold: Double) -> Table {
        let rows: [[TableValue]] = summaries.map { s in
            let failed = s.failures.isEmpty ? "none" : "\(percent(s.failures.min()!)) to \(percent(s.failures.max()!))"
            return [.text(s.variant.label), .number(Double(s.flat.count)), .number(Double(s.reached)),
                    .text(percent(Double(s.reached) / Double(max(s.flat.count, 1)))),
                    .text("\(percent(s.interval.lower)) to \(percent(s.interval.upper))"), .text(failed)]
        }
        return Table(caption: "Runs reaching \(percent(threshold)) training accuracy, with Wilson's 95% interval for the success rate.",
                     columns: ["network", "runs", "reached", "success rate", "95% interval", "failures' accuracy"], rows: rows)
    }

    /// Every run: its data draw, seed, and each variant's training accuracy.
    static func seedTable(_ summaries: [Summary], draws: [UInt64], firstSeed: UInt64) -> Table {
        var rows: [[TableValue]] = []
        for (d, draw) in draws.enumerated() {
            for i in 0..<(summaries.first?.accuracies[d].count ?? 0) {
                rows.append([.number(Double(draw)), .number(Double(firstSeed) + Double(i))]
                            + summaries.map { .number(SpiralUntanglingExperiment.round3($0.accuracies[d][i])) })
            }
        }
        return Table(caption: "Training accuracy of every run (the first row is the lesson's seed on the lesson's points).",
                     columns: ["data seed", "seed"] + summaries.map(\.variant.label), rows: rows)
    }

    static func figure(_ summaries: [Summary], config: Config, draws: [UInt64], firstSeed: UInt64) -> NamedFigure {
        let runs = draws.count * config.seeds
        let figure = UntanglingFigures.seeds(
            groups: summaries.map { (name: $0.variant.label, accuracies: $0.flat) }, threshold: config.threshold,
            thresholdLabel: String(format: "%.0f%%", 100 * config.threshold),
            title: draws.count == 1 ? "Training accuracy over \(config.seeds) seeds"
                                    : "Training accuracy over \(runs) runs (\(draws.count) data draws × \(config.seeds) seeds)")
        let points = "\(2 * config.pointsPerClass - Int((config.validation * Double(2 * config.pointsPerClass)).rounded())) training points"
        let drawText = draws.count == 1 ? "the same \(points) (data seed \(draws[0]))"
            : "\(points) of each of \(draws.count) data draws (data seeds \(draws.map(String.init).joined(separator: ", ")))"
        let caption = "Each dot is one run: initialisation seeds \(firstSeed) to \(firstSeed + UInt64(config.seeds) - 1) on \(drawText); the diamond is the lesson's seed on the lesson's points and the dashed line marks \(String(format: "%.0f%%", 100 * config.threshold))."
        return NamedFigure(name: "seeds", caption: caption, figure: figure)
    }
}
