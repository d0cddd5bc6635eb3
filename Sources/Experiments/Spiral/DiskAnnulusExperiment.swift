import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `disk-annulus`: a disk inside a ring, learned by networks whose hidden layers all have
/// the same small width. A tanh layer of two units with an invertible weight matrix is a
/// continuous one-to-one map of the plane, so it can deform the ring but never pull the
/// disk out of it; with three units the disk can be lifted out of the plane (Olah 2014).
/// Every width is trained from `seeds` initialisations on the same points.
struct DiskAnnulusExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var widths = [2, 3]
        var depth = 3
        var seeds = 12
        var diskRadius = 1.0 / 3
        var ring = [2.0 / 3, 1.0]
        var pointsPerClass = 200
        var activation = Activation.tanh
        var epochs = 1000
        var batchSize = 32
        var learningRate = 0.03
        var threshold = 0.99
        var regionResolution = 120

        static let parameters: [Parameter<Config>] = [
            .wholes("widths", \.widths, 1...64, .distinct, "Hidden widths to compare; every hidden layer of a network has that width."),
            .whole("depth", \.depth, 1...16, "Number of hidden layers."),
            .whole("seeds", \.seeds, 1...1000, "Seeds per width: the lesson's seed, then the next ones."),
            .number("diskRadius", \.diskRadius, .positive, "Radius of the inner disk (class 0)."),
            .numbers("ring", \.ring, .positive, .pair, "Inner and outer radius of the ring (class 1), with disk_radius < inner < outer."),
            .whole("pointsPerClass", \.pointsPerClass, 10...100_000, "Points per class, uniform over each area."),
            .choice("activation", names: Activation.knownNames, "Nonlinearity after every hidden layer."),
            .whole("epochs", \.epochs, 1...1_000_000, "Passes over the points."),
            .whole("batchSize", \.batchSize, 1..., "Minibatch size."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
            .number("threshold", \.threshold, .above(0, upTo: 1), "The accuracy counted as success in `width<w>.reached`."),
            .whole("regionResolution", \.regionResolution, 10...1000, "Samples per side of the decision-region images."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            checks.require(ring.count != 2 || ring[0] > diskRadius && ring[1] > ring[0], "ring",
                           expected: "two radii [inner, outer] with disk_radius < inner < outer", found: "\(ring)")
        }
    }

    static let kind = "disk-annulus"
    static let version = 1
    static let summary = "A disk inside a ring: networks of width 2 cannot cut it out, width 3 can; accuracy over many seeds."
    static let outputs = ["seeds", "regions", "layers", "seed-table"]
    static let metrics: [MetricName] = [
        MetricName("width<w>.min", "Lowest accuracy over the seeds of width w (nan if a seed diverged)."),
        MetricName("width<w>.max", "Highest accuracy."),
        MetricName("width<w>.mean", "Mean accuracy."),
        MetricName("width<w>.reached", "Seeds that reached `threshold`."),
        MetricName("width<w>.worst_seed", "The seed with the lowest accuracy."),
        MetricName("width<w>.best_seed", "The seed with the highest accuracy."),
        MetricName("width<w>.condition_correlation", "Rank correlation of accuracy with the layers' condition ratio (width 2)."),
        .setting("seeds"),
        .setting("threshold"),
    ]
    static let quickProfile: [String: ConfigValue] = ["epochs": .int(300), "seeds": .int(10), "regionResolution": .int(80)]

    /// What tells one trial from the sweep's others; `TrialCache` adds the kind, version,
    /// whole configuration and build.
    struct TrialKey: Codable {
        var recipe: Untangling.Recipe
        var diskRadius: Double, ring: [Double], pointsPerClass: Int
        var dataSeed: UInt64, seed: UInt64
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let data = try Datasets.diskAnnulus(pointsPerClass: config.pointsPerClass, innerRadius: config.diskRadius,
                                            annulus: config.ring[0]...config.ring[1], seed: context.seed)
        let recipes = config.widths.map {
            Untangling.Recipe(hidden: Array(repeating: $0, count: config.depth), activation: config.activation,
                              epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate)
        }
        // Trials, then the summary per width, then the figures and the seed table.
        let trials = try train(config, recipes: recipes, data: data, context: context)
        let seeds = Seeds(trials: trials, count: config.seeds)
        var metrics: [String: Double] = ["seeds": Double(config.seeds), "threshold": config.threshold]
        var groups: [(name: String, accuracies: [Double])] = []
        var ratios: [[Double]] = []
        for (w, width) in config.widths.enumerated() {
            let accuracies = seeds.group(w).map(\.trainAccuracy)
            ratios.append(try seeds.group(w).map { try Untangling.smallestConditionRatio(recipes[w].network(of: $0)) ?? .nan })
            metrics.merge(Self.widthMetrics(width: width, accuracies: accuracies, ranked: seeds.ranked(w),
                                            ratios: ratios[w], threshold: config.threshold)) { $1 }
            groups.append(("width \(width)", accuracies))
        }
        let figures = try Self.figures(config, recipes: recipes, seeds: seeds, groups: groups, data: data, lessonSeed: context.seed)
        let table = Self.seedTable(config, trials: trials, ratios: ratios, lessonSeed: context.seed)
        return CellResult(metrics: metrics, tables: ["seed-table": table], figures: figures)
    }

    /// Every width trained from every seed on the same points (cached per trial).
    func train(_ config: Config, recipes: [Untangling.Recipe], data: Dataset, context: ExperimentContext) throws -> [Untangling.Trial] {
        let n = config.seeds
        let total = recipes.count * n
        return try SweepRunner.run(count: total, jobs: context.jobs, label: "trial", progress: context.progress) { index -> Untangling.Trial in
            let w = index / n, seed = context.seed &+ UInt64(index % n)
            let key = TrialKey(recipe: recipes[w], diskRadius: config.diskRadius, ring: config.ring,
                               pointsPerClass: config.pointsPerClass, dataSeed: context.seed, seed: seed)
            return try context.trials.value(Self.self, config: config, trial: key) { try recipes[w].trial(seed: seed, train: data.train) }
        }
    }

    /// The trials grouped by width, `count` seeds each.
    struct Seeds {
        var trials: [Untangling.Trial]
        var count: Int

        func group(_ w: Int) -> ArraySlice<Untangling.Trial> { trials[(w * count)..<((w + 1) * count)] }

        /// Lowest accuracy first (a diverged run counts as the lowest); ties by seed.
        func ranked(_ w: Int) -> [Untangling.Trial] {
            group(w).sorted { a, b in
                let x = a.trainAccuracy.isFinite ? a.trainAccuracy : -1, y = b.trainAccuracy.isFinite ? b.trainAccuracy : -1
                return x != y ? x < y : a.seed < b.seed
            }
        }
    }

    /// The metrics of one width: accuracy over seeds, seeds reaching the threshold, the
    /// worst and best seed, and (for width 2) how accuracy follows the layers' conditioning.
    static func widthMetrics(width: Int, accuracies: [Double], ranked: [Untangling.Trial], ratios: [Double],
                             threshold: Double) -> [String: Double] {
        var metrics: [String: Double] = [:]
        let finite = accuracies.filter(\.isFinite)
        let p = "width\(width)"
        metrics["\(p).min"] = finite.count == accuracies.count ? (finite.min() ?? .nan) : .nan
        metrics["\(p).max"] = finite.max() ?? .nan
        metrics["\(p).mean"] = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        metrics["\(p).reached"] = Double(finite.filter { $0 >= threshold }.count)
        metrics["\(p).worst_seed"] = Double(ranked.first!.seed)
        metrics["\(p).best_seed"] = Double(ranked.last!.seed)
        if width == 2 {
            metrics["\(p).condition_correlation"] = Untangling.rankCorrelation(ratios, accuracies)
        }
        return metrics
    }

    static func figures(_ config: Config, recipes: [Untangling.Recipe], seeds: Seeds,
                        groups: [(name: String, accuracies: [Double])], data: Dataset, lessonSeed: UInt64) throws -> [NamedFigure] {
        let n = config.seeds
        func ranked(_ w: Int) -> [Untangling.Trial] { seeds.ranked(w) }
        // The networks pictured: the worst and best seed of the narrowest width, the worst of the widest.
        let narrow = config.widths.indices.min { config.widths[$0] < config.widths[$1] }!
        let wide = config.widths.indices.max { config.widths[$0] < config.widths[$1] }!
        var pictured: [(title: String, recipe: Untangling.Recipe, trial: Untangling.Trial)] = []
        pictured.append(("width \(config.widths[narrow]), worst seed", recipes[narrow], ranked(narrow).first!))
        if n > 1 { pictured.append(("width \(config.widths[narrow]), best seed", recipes[narrow], ranked(narrow).last!)) }
        if wide != narrow { pictured.append(("width \(config.widths[wide]), worst seed", recipes[wide], ranked(wide).first!)) }

        let extent = -1.2...1.2
        var regionPanels: [Panel] = []
        var snapshots: [Untangling.Snapshot] = []
        var rowNames: [String] = []
        let layout = Untangling.CaptureLayout(data: data.train.count,
                                              grid: Untangling.GridLines(extent: -1.1...1.1, lines: 13, samples: 90),
                                              regionResolution: 60, regionExtent: extent)
        let inputs = try layout.inputs(data: data.train.features)
        for item in pictured {
            let network = try item.recipe.network(of: item.trial)
            let regions = try Untangling.probabilityGrid(network, extent: extent, resolution: config.regionResolution)
            regionPanels.append(UntanglingFigures.regionPanel(
                regions: regions, extent: extent, split: data.train,
                title: "\(item.title) (\(item.trial.seed)): \(Self.percent(item.trial.trainAccuracy))"))
            snapshots.append(try Untangling.snapshot(epoch: config.epochs, layerOutputs: try network.layerOutputs(inputs), network: network, inputs: inputs, labels: data.train.labels, layout: layout))
            rowNames.append("\(item.title.replacingOccurrences(of: " seed", with: "")) (\(item.trial.seed)): ")
        }

        var figures: [NamedFigure] = []
        figures.append(NamedFigure(
            name: "seeds",
            caption: "Training accuracy of every seed (\(lessonSeed) to \(lessonSeed + UInt64(n) - 1)) with \(config.depth) hidden tanh layers of each width, \(config.epochs) epochs of Adam; the diamond is the lesson's seed, the dashed line \(Self.wholePercent(config.threshold)).",
            figure: UntanglingFigures.seeds(groups: groups, threshold: config.threshold, thresholdLabel: Self.wholePercent(config.threshold),
                                            title: "Disk inside a ring: accuracy over \(n) seeds")))
        figures.append(NamedFigure(
            name: "regions",
            caption: "Decision regions (probability of the ring class as colour, 0.5 boundary in black) of the pictured seeds; blue points are the disk, orange the ring.",
            figure: Figure(title: "Decision regions of the disk and ring networks", width: max(300 * Double(regionPanels.count), 600),
                           height: 330, columns: regionPanels.count, panels: regionPanels)))
        figures.append(NamedFigure(
            name: "layers",
            caption: "The points and a grid of lines as each hidden layer sees them, one row per pictured network (seed in brackets). The dashed line in the last two-unit layer is where the output puts probability 0.5. " + UntanglingFigures.projectionNote(snapshots.last!),
            figure: UntanglingFigures.strip(snapshots, title: "What the layers do to the disk and the ring", rowNames: rowNames)))

        return figures
    }

    /// Every seed's accuracy per width, and for width 2 its most nearly singular layer.
    static func seedTable(_ config: Config, trials: [Untangling.Trial], ratios: [[Double]], lessonSeed: UInt64) -> Table {
        let n = config.seeds
        let rows: [[TableValue]] = (0..<n).map { i in
            var row: [TableValue] = [.number(Double(lessonSeed) + Double(i))]
            for w in config.widths.indices {
                row.append(.number(SpiralUntanglingExperiment.round3(trials[w * n + i].trainAccuracy)))
                if config.widths[w] == 2 { row.append(.number(SpiralUntanglingExperiment.round3(ratios[w][i]))) }
            }
            return row
        }
        var columns = ["seed"]
        for width in config.widths {
            columns.append("width \(width) accuracy")
            if width == 2 { columns.append("width 2: smallest σ_min/σ_max") }
        }
        return Table(caption: "Training accuracy of every seed; for width 2 also the most nearly singular hidden weight matrix (σ_min/σ_max near 0: the layer flattens the plane towards a line).",
                          columns: columns, rows: rows)
    }

    static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f%%", 100 * x) : "diverged" }

    static func wholePercent(_ x: Double) -> String { String(format: (100 * x).rounded() == 100 * x ? "%.0f%%" : "%.1f%%", 100 * x) }
}
