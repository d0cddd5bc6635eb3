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
public struct DiskAnnulusExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// Hidden widths to compare; every hidden layer of a network has that width.
        public var widths = [2, 3]
        /// Number of hidden layers.
        public var depth = 3
        /// Seeds per width: the lesson's seed, then the next ones.
        public var seeds = 12
        /// Radius of the inner disk (class 0).
        public var diskRadius = 1.0 / 3
        /// Inner and outer radius of the ring (class 1).
        public var ring = [2.0 / 3, 1.0]
        /// Points per class, uniform over each area.
        public var pointsPerClass = 200
        /// Nonlinearity after every hidden layer.
        public var activation = Activation.tanh
        /// Passes over the points.
        public var epochs = 1000
        /// Minibatch size.
        public var batchSize = 32
        /// Adam's learning rate.
        public var learningRate = 0.03
        /// The accuracy counted as success in `width<w>.reached`.
        public var threshold = 0.99
        /// Samples per side of the decision-region images.
        public var regionResolution = 120

        public init() {}

        public func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            func add(_ key: String, _ expected: String, _ found: String) {
                problems.append(ConfigProblem(key: key, expected: expected, found: found))
            }
            if widths.isEmpty || widths.contains(where: { $0 < 1 || $0 > 64 }) || Set(widths).count != widths.count {
                add("widths", "a non-empty list of distinct widths from 1 to 64", "\(widths)")
            }
            if depth < 1 || depth > 16 { add("depth", "a whole number from 1 to 16", "\(depth)") }
            if seeds < 1 || seeds > 1000 { add("seeds", "a whole number from 1 to 1000", "\(seeds)") }
            if !(diskRadius > 0) { add("diskRadius", "a positive radius", "\(diskRadius)") }
            if ring.count != 2 || !(ring[0] > diskRadius && ring[1] > ring[0]) {
                add("ring", "two radii [inner, outer] with diskRadius < inner < outer", "\(ring)")
            }
            if pointsPerClass < 10 || pointsPerClass > 100_000 { add("pointsPerClass", "a whole number from 10 to 100000", "\(pointsPerClass)") }
            if epochs < 1 || epochs > 1_000_000 { add("epochs", "a whole number from 1 to 1000000", "\(epochs)") }
            if batchSize < 1 { add("batchSize", "a positive whole number", "\(batchSize)") }
            if !(learningRate > 0 && learningRate.isFinite) { add("learningRate", "a positive number", "\(learningRate)") }
            if !(threshold > 0 && threshold <= 1) { add("threshold", "an accuracy in (0, 1]", "\(threshold)") }
            if regionResolution < 10 || regionResolution > 1000 { add("regionResolution", "a whole number from 10 to 1000", "\(regionResolution)") }
            return problems
        }
    }

    public static let kind = "disk-annulus"
    public static let version = 1
    public static let summary = "A disk inside a ring: networks of width 2 cannot cut it out, width 3 can; accuracy over many seeds."
    public static let outputs = ["seeds", "regions", "layers", "seed-table"]
    public static let quickProfile: [String: ConfigValue] = ["epochs": .int(300), "seeds": .int(10), "regionResolution": .int(80)]

    public init() {}

    /// What tells one trial from the sweep's others; `TrialCache` adds the kind, version,
    /// whole configuration and build.
    struct TrialKey: Codable {
        var recipe: Untangling.Recipe
        var diskRadius: Double, ring: [Double], pointsPerClass: Int
        var dataSeed: UInt64, seed: UInt64
    }

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let data = try Datasets.diskAnnulus(pointsPerClass: config.pointsPerClass, innerRadius: config.diskRadius,
                                            annulus: config.ring[0]...config.ring[1], seed: context.seed)
        let recipes = config.widths.map {
            Untangling.Recipe(hidden: Array(repeating: $0, count: config.depth), activation: config.activation,
                              epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate)
        }
        let n = config.seeds
        let total = recipes.count * n
        let done = Untangling.Counter()
        let trials = try Untangling.parallelMap(total, jobs: context.jobs) { index -> Untangling.Trial in
            let w = index / n, seed = context.seed &+ UInt64(index % n)
            let key = TrialKey(recipe: recipes[w], diskRadius: config.diskRadius, ring: config.ring,
                               pointsPerClass: config.pointsPerClass, dataSeed: context.seed, seed: seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) { try recipes[w].trial(seed: seed, train: data.train) }
            let finished = done.increment()
            context.progress("trial \(finished)/\(total)", Double(finished) / Double(total))
            return trial
        }
        func group(_ w: Int) -> ArraySlice<Untangling.Trial> { trials[(w * n)..<((w + 1) * n)] }
        /// Lowest accuracy first (a diverged run counts as the lowest); ties by seed.
        func ranked(_ w: Int) -> [Untangling.Trial] {
            group(w).sorted { a, b in
                let x = a.trainAccuracy.isFinite ? a.trainAccuracy : -1, y = b.trainAccuracy.isFinite ? b.trainAccuracy : -1
                return x != y ? x < y : a.seed < b.seed
            }
        }

        var metrics: [String: Double] = ["seeds": Double(n), "threshold": config.threshold]
        var groups: [(name: String, accuracies: [Double])] = []
        var ratios: [[Double]] = []
        for (w, width) in config.widths.enumerated() {
            let accuracies = group(w).map(\.trainAccuracy)
            let finite = accuracies.filter(\.isFinite)
            let p = "width\(width)"
            metrics["\(p).min"] = finite.count == accuracies.count ? (finite.min() ?? .nan) : .nan
            metrics["\(p).max"] = finite.max() ?? .nan
            metrics["\(p).mean"] = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
            metrics["\(p).reached"] = Double(finite.filter { $0 >= config.threshold }.count)
            metrics["\(p).worst_seed"] = Double(ranked(w).first!.seed)
            metrics["\(p).best_seed"] = Double(ranked(w).last!.seed)
            groups.append(("width \(width)", accuracies))
            ratios.append(try group(w).map { try Untangling.smallestConditionRatio(recipes[w].network(of: $0)) ?? .nan })
            if width == 2 {
                metrics["\(p).condition_correlation"] = Untangling.rankCorrelation(ratios[w], accuracies)
            }
        }

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
            caption: "Training accuracy of every seed (\(context.seed) to \(context.seed + UInt64(n) - 1)) with \(config.depth) hidden tanh layers of each width, \(config.epochs) epochs of Adam; the diamond is the lesson's seed, the dashed line \(Self.wholePercent(config.threshold)).",
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

        let rows: [[TableValue]] = (0..<n).map { i in
            var row: [TableValue] = [.number(Double(context.seed) + Double(i))]
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
        let table = Table(caption: "Training accuracy of every seed; for width 2 also the most nearly singular hidden weight matrix (σ_min/σ_max near 0: the layer flattens the plane towards a line).",
                          columns: columns, rows: rows)
        return CellResult(metrics: metrics, tables: ["seed-table": table], figures: figures)
    }

    static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f%%", 100 * x) : "diverged" }

    static func wholePercent(_ x: Double) -> String { String(format: (100 * x).rounded() == 100 * x ? "%.0f%%" : "%.1f%%", 100 * x) }
}
