import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `linear-regions`: how many linear pieces one-input ReLU networks really have on [0, 1]
/// as depth and width grow, against what is possible: at most m + 1 for one hidden layer
/// of m units, and for L layers of n units up to n^(L-1) (n + 1), the count of the
/// Montufar et al. (2014) construction (no network exceeds (n + 1)^L). Random networks
/// (the starting points of training, see `CurveFit.initialNetwork`) and the same networks
/// after training on the sawtooth are counted exactly; hand-built zigzag networks show that the exponential counts are reachable.
/// Hanin and Rolnick (2019) observed that random and trained networks stay near a count
/// proportional to their number of units, far below the exponential bound.
struct LinearRegionsExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var depthWidth = 8
        var depths = [1, 2, 3, 4, 6, 8]
        var widths = [2, 4, 8, 16, 32, 64]
        var widthDepth = 3
        var randomSeeds = 20
        var trainedSeeds = 3
        var compositions = 5
        var points = 256
        var epochs = 200
        var batchSize = 32
        var learningRate = 0.005
        var maxHandBuiltPieces = 40000

        static let parameters: [Parameter<Config>] = [
            .whole("depthWidth", \.depthWidth, 1..., "Width of every hidden layer in the depth sweep."),
            .wholes("depths", \.depths, 1...64, .nonEmpty, "Hidden-layer counts of the depth sweep."),
            .wholes("widths", \.widths, 1...4096, .nonEmpty, "Hidden widths of the width sweep (one hidden layer, and `width_depth` layers)."),
            .whole("widthDepth", \.widthDepth, 1..., "Hidden-layer count of the second width sweep (the first has one layer)."),
            .whole("randomSeeds", \.randomSeeds, 1..., "Random networks per shape."),
            .whole("trainedSeeds", \.trainedSeeds, 0..., "Trained networks per shape."),
            .whole("compositions", \.compositions, 1..., "Compositions of the sawtooth the trained networks fit (2^k pieces)."),
            .whole("points", \.points, 1..., "Evenly spaced training points on [0, 1]."),
            .whole("epochs", \.epochs, 0..., "Passes over the training points."),
            .whole("batchSize", \.batchSize, 1..., "Examples per minibatch."),
            .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
            .whole("maxHandBuiltPieces", \.maxHandBuiltPieces, 1..., "Hand-built zigzag networks are counted only up to this many pieces."),
        ]
    }

    static let kind = "linear-regions"
    static let version = 1
    static let summary = "Linear pieces of random and trained 1-D ReLU networks against the one-layer and Montufar bounds."
    static let outputs = ["pieces", "table"]
    static let metrics: [MetricName] = [
        MetricName("<sweep>.<shape>.random_median", "Median pieces of random networks of one shape (`depth.L<layers>`, `width1.m<units>`, `widthL.m<units>`)."),
        MetricName("<sweep>.<shape>.random_max", "Most pieces of a random network of that shape."),
        MetricName("<sweep>.<shape>.trained_median", "Median pieces after training on the sawtooth."),
        MetricName("<sweep>.<shape>.trained_max", "Most pieces after training."),
        MetricName("<sweep>.<shape>.bound", "The most pieces possible: m + 1 for one layer, the Montufar count for several."),
        MetricName("<sweep>.<shape>.hand_built", "Pieces of the hand-built zigzag network (when within `max_hand_built_pieces`)."),
        MetricName("depth.deepest_<count>", "The deepest shape's `layers`, `units`, `bound` and random and trained median and max."),
        MetricName("depth.random_pieces_per_unit_deepest", "Median random pieces per hidden unit, deepest shape."),
        MetricName("depth.random_pieces_per_unit_shallowest", "Median random pieces per hidden unit, shallowest shape."),
        MetricName("deep.max_fraction_of_bound", "Largest share of its bound a random or trained deep network reaches."),
        MetricName("one_layer.max_excess", "Most pieces a one-layer network has beyond m + 1 (0 when the bound holds)."),
        MetricName("hand_built.mismatches", "Hand-built networks whose count differs from the construction's (0 when it holds)."),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "depths": .array([.int(1), .int(2), .int(4), .int(8)]), "widths": .array([.int(2), .int(8), .int(32)]),
        "randomSeeds": .int(6), "trainedSeeds": .int(1), "epochs": .int(40), "points": .int(128),
    ]

    /// A shape of one sweep, with its counts.
    struct Shape {
        var sweep: String
        var hidden: [Int]
        var random: [Int] = []
        var trained: [Int] = []
        var handBuilt: Int?
    }

    /// The most pieces L hidden layers of widths n_1..n_L can give a one-input network in
    /// the Montufar et al. (2014) construction: n_1 ... n_(L-1) (n_L + 1).
    static func montufarCount(_ hidden: [Int]) -> Double {
        guard let last = hidden.last else { return 1 }
        return hidden.dropLast().reduce(Double(last + 1)) { $0 * Double($1) }
    }

    /// The ceiling for one input: each layer of n units splits every piece at most n
    /// times, so (n_1 + 1) ... (n_L + 1).
    static func ceiling(_ hidden: [Int]) -> Double {
        hidden.reduce(1.0) { $0 * Double($1 + 1) }
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        var shapes: [Shape] = config.depths.map { Shape(sweep: "depth", hidden: Array(repeating: config.depthWidth, count: $0)) }
        for depth in [1, config.widthDepth] {
            shapes += config.widths.map { Shape(sweep: depth == 1 ? "width1" : "widthL", hidden: Array(repeating: $0, count: depth)) }
        }
        // Trials: random and trained networks of every shape counted, and the hand-built zigzags.
        try count(&shapes, config: config, context: context)
        try Self.countHandBuilt(&shapes, maxPieces: config.maxHandBuiltPieces)
        // Summary, then figures.
        let (metrics, rows) = Self.summary(shapes)
        context.progress("figures", 1)
        let table = Table(
            caption: "Linear pieces on [0, 1]: medians over \(config.randomSeeds) random networks (the starting points of training: He-uniform weights, first-layer kinks uniform on [0, 1], other biases zero) and the first \(config.trainedSeeds) of them trained on the \(config.compositions)-fold sawtooth (\(1 << config.compositions) pieces), the hand-built zigzag, and the bounds.",
            columns: ["sweep", "hidden layers", "units", "random (median)", "random (max)", "trained (median)",
                      "hand-built", "Montúfar construction", "ceiling"],
            rows: rows)
        let series = Self.series(shapes, trained: config.trainedSeeds > 0)
        var figures: [NamedFigure] = []
        if let f = LinearRegionsFigures.pieces(series: series, config: config) { figures.append(f) }
        return CellResult(metrics: metrics, series: series, tables: ["table": table], figures: figures)
    }

    /// Counts the pieces of `random_seeds` random networks and `trained_seeds` trained ones
    /// (cached per trial) of every shape.
    func count(_ shapes: inout [Shape], config: Config, context: ExperimentContext) throws {
        let plan = shapes.map(\.hidden)
        let root = SeededGenerator(seed: context.seed)
        let fit = CurveFitSettings(points: config.points, epochs: config.epochs, batchSize: config.batchSize,
                                   learningRate: config.learningRate, gridPoints: 1025)
        let target = CurveTarget.sawtooth(compositions: config.compositions)

        // Random networks are cheap; trained ones run in parallel.
        let randomJobs = shapes.indices.flatMap { s in (0..<config.randomSeeds).map { (s, $0) } }
        let trainedJobs = shapes.indices.flatMap { s in (0..<config.trainedSeeds).map { (s, $0) } }
        let random = try SweepRunner.run(count: randomJobs.count, jobs: context.jobs, label: "random network",
                                         progress: context.progress) { i in
            let (s, seed) = randomJobs[i]
            let network = try CurveFit.initialNetwork(hidden: plan[s], seed: root.derive(stream: UInt64(seed)).seed)
            return try PiecewiseLinear(network: network).pieces
        }
        let trained = try SweepRunner.run(count: trainedJobs.count, jobs: context.jobs, label: "trained network",
                                          progress: context.progress) { i in
            let (s, seed) = trainedJobs[i]
            let key = CurveFitTrial.Key(hidden: plan[s], target: target, settings: fit,
                               seed: root.derive(stream: UInt64(seed)).seed)
            let trial = try context.trials.value(Self.self, config: config, trial: key) {
                try CurveFit.train(key)
            }
            return trial.pieces
        }
        for (i, job) in randomJobs.enumerated() { shapes[job.0].random.append(random[i]) }
        for (i, job) in trainedJobs.enumerated() { shapes[job.0].trained.append(trained[i]) }
    }

    /// The pieces of the hand-built zigzag network of each shape small enough to count.
    static func countHandBuilt(_ shapes: inout [Shape], maxPieces: Int) throws {
        for s in shapes.indices {
            let hidden = shapes[s].hidden
            let n = hidden[0]
            if n >= 2, pow(Double(n), Double(hidden.count)) <= Double(maxPieces) {
                shapes[s].handBuilt = try PiecewiseLinear(network: Sawtooth.zigzag(width: n, layers: hidden.count)).pieces
            }
        }
    }

    /// The metrics and table rows of every shape, and the comparisons with the bounds.
    static func summary(_ shapes: [Shape]) -> (metrics: [String: Double], rows: [[TableValue]]) {
        var metrics: [String: Double] = [:]
        var rows: [[TableValue]] = []
        var excess = Int.min
        var deepFraction = 0.0
        var handBuiltMismatches = 0
        for shape in shapes {
            let units = shape.hidden.reduce(0, +)
            let bound = Self.montufarCount(shape.hidden)
            let p = shape.sweep == "depth" ? "depth.L\(shape.hidden.count)." : "\(shape.sweep).m\(shape.hidden[0])."
            let all = shape.random + shape.trained
            metrics[p + "random_median"] = Statistics.median(shape.random.map(Double.init))
            metrics[p + "random_max"] = Double(shape.random.max() ?? 0)
            if !shape.trained.isEmpty {
                metrics[p + "trained_median"] = Statistics.median(shape.trained.map(Double.init))
                metrics[p + "trained_max"] = Double(shape.trained.max() ?? 0)
            }
            metrics[p + "bound"] = bound
            if let h = shape.handBuilt {
                metrics[p + "hand_built"] = Double(h)
                if Double(h) != pow(Double(shape.hidden[0]), Double(shape.hidden.count)) { handBuiltMismatches += 1 }
            }
            if shape.hidden.count == 1 { excess = max(excess, (all.max() ?? 0) - (units + 1)) }
            if shape.hidden.count > 1 { deepFraction = max(deepFraction, Double(all.max() ?? 0) / bound) }
            rows.append([.text(shape.sweep == "depth" ? "depth" : "width"), .text(DepthWidthExperiment.describe(shape.hidden)),
                         .number(Double(units)),
                         .number(Statistics.median(shape.random.map(Double.init))), .number(Double(shape.random.max() ?? 0)),
                         shape.trained.isEmpty ? .text("–") : .number(Statistics.median(shape.trained.map(Double.init))),
                         shape.handBuilt.map { .number(Double($0)) } ?? .text("–"),
                         .number(bound), .number(Self.ceiling(shape.hidden))])
        }
        metrics["one_layer.max_excess"] = Double(excess)
        metrics["deep.max_fraction_of_bound"] = deepFraction
        metrics["hand_built.mismatches"] = Double(handBuiltMismatches)
        // Hanin and Rolnick: pieces per hidden unit, deepest against shallowest of the depth sweep.
        let depthShapes = shapes.filter { $0.sweep == "depth" }
        if let first = depthShapes.first, let last = depthShapes.last {
            let perUnit = { (s: Shape) in Statistics.median(s.random.map(Double.init)) / Double(s.hidden.reduce(0, +)) }
            metrics["depth.random_pieces_per_unit_shallowest"] = perUnit(first)
            metrics["depth.random_pieces_per_unit_deepest"] = perUnit(last)
            metrics["depth.deepest_bound"] = Self.montufarCount(last.hidden)
            metrics["depth.deepest_random_median"] = Statistics.median(last.random.map(Double.init))
            if !last.trained.isEmpty {
                metrics["depth.deepest_trained_median"] = Statistics.median(last.trained.map(Double.init))
                metrics["depth.deepest_trained_max"] = Double(last.trained.max() ?? 0)
            }
            metrics["depth.deepest_random_max"] = Double(last.random.max() ?? 0)
            metrics["depth.deepest_units"] = Double(last.hidden.reduce(0, +))
            metrics["depth.deepest_layers"] = Double(last.hidden.count)
        }
        return (metrics, rows)
    }

    /// Pieces against depth or width, per sweep.
    static func series(_ shapes: [Shape], trained: Bool) -> [String: Series] {
        var series: [String: Series] = [:]
        for sweep in ["depth", "width1", "widthL"] {
            let mine = shapes.filter { $0.sweep == sweep }
            let x = mine.map { Double(sweep == "depth" ? $0.hidden.count : $0.hidden[0]) }
            let xLabel = sweep == "depth" ? "hidden layers" : "hidden width"
            let xScale: SeriesScale? = sweep == "depth" ? nil : .log2
            func s(_ y: [Double]) -> Series { Series(x: x, y: y, xLabel: xLabel, yLabel: "linear pieces", xScale: xScale, yScale: .log10) }
            series["\(sweep).random_median"] = s(mine.map { Statistics.median($0.random.map(Double.init)) })
            series["\(sweep).random_q10"] = s(mine.map { Statistics.quantile($0.random.map(Double.init), 0.1) })
            series["\(sweep).random_q90"] = s(mine.map { Statistics.quantile($0.random.map(Double.init), 0.9) })
            if trained {
                series["\(sweep).trained_median"] = s(mine.map { Statistics.median($0.trained.map(Double.init)) })
            }
            series["\(sweep).bound"] = s(mine.map { Self.montufarCount($0.hidden) })
            let built = mine.filter { $0.handBuilt != nil }
            series["\(sweep).hand_built"] = Series(x: built.map { Double(sweep == "depth" ? $0.hidden.count : $0.hidden[0]) },
                                                   y: built.map { Double($0.handBuilt!) }, xLabel: xLabel, yLabel: "linear pieces",
                                                   xScale: xScale, yScale: .log10)
        }
        return series
    }
}
