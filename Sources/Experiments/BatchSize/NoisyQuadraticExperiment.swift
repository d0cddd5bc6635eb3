import Foundation
import Notebook
import Plot

/// `noisy-quadratic`: the noisy quadratic model of Zhang et al. 2019 as exact theory. For
/// every batch size, a fine logarithmic grid of learning rates is searched for the one
/// whose expected loss reaches the target in the fewest steps (as Shallue et al. 2019
/// measure real networks); the result shows linear learning-rate scaling for small
/// batches, then saturation at the stability limit, and steps to target that halve with
/// each doubling of the batch, then level off.
struct NoisyQuadraticExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var dimensions = 1_000
        var noise = 5.0
        var target = 0.5
        var batchSizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]
        var ratesPerDecade = 40
        var minRate = 1e-4
        var maxSteps = 1_000_000
        var slopeMaxBatch = 64
        var curveBatches = [8, 64, 1024]
        /// Frames of the `rates-animated` animation: numbers of steps spaced evenly on a log
        /// scale from 1 to twice the steps the drawn batch sizes need (repeats drawn once).
        var frames = 40

        static let parameters: [Parameter<Config>] = [
            .whole("dimensions", \.dimensions, 1..., "Number of directions d; curvatures are h_i = 1/i for i = 1...d."),
            .number("noise", \.noise, .nonNegative, "Noise scale c: the gradient noise of direction i has variance c h_i / B."),
            .number("target", \.target, .positive, "Expected loss that counts as reaching the target (the loss starts at "
                    + "1/2 sum_i h_i, about 3.7 for d = 1,000)."),
            .wholes("batchSizes", \.batchSizes, 1..., .ascending(atLeast: 3), "Batch sizes."),
            .whole("ratesPerDecade", \.ratesPerDecade, 1..., "The learning-rate grid: this many rates per factor of ten, from "
                   + "`min_rate` up to (not including) the stability limit 2 / h_1 = 2."),
            .number("minRate", \.minRate, .between(0, 2), "Smallest learning rate of the grid."),
            .whole("maxSteps", \.maxSteps, 1..., "Steps after which a rate counts as never reaching the target."),
            .whole("slopeMaxBatch", \.slopeMaxBatch, 1..., "The slope of log best rate against log batch size is fitted up to this batch."),
            .whole("frames", \.frames, 2...200, "Frames of the `rates-animated` animation (expected loss against "
                   + "learning rate as the steps go by)."),
            .wholes("curveBatches", \.curveBatches, 1..., .anyLength, "Batch sizes whose expected-loss curves (at their best rate) are drawn."),
        ]
    }

    static let kind = "noisy-quadratic"
    static let version = 3
    static let summary = "The noisy quadratic model (exact expected loss): best learning rate and steps to target per batch size."
    static let outputs = ["best-rate", "steps", "curves", "best-settings", "rates-animated"]
    static let metrics: [MetricName] = [
        MetricName("best_rate.b<batch>", "The learning rate that reaches the target in the fewest steps at one batch size."),
        MetricName("best_rate.low_past_fit", "Lowest best learning rate among the batch sizes past `slope_max_batch`."),
        MetricName("best_rate.high_past_fit", "Highest best learning rate among the batch sizes past `slope_max_batch`."),
        MetricName("steps.b<batch>", "Those fewest steps."),
        MetricName("slope.best_rate", "Slope of log best rate against log batch size, up to `slope_max_batch`."),
        MetricName("slope.steps_small", "Slope of log steps against log batch size, up to `slope_max_batch`."),
        MetricName("steps.minimum", "Fewest steps at any batch size."),
        MetricName("steps.critical_batch", "The critical batch size, beyond which more examples per step stop saving steps."),
        MetricName("steps.knee_batch", "The batch size at the knee of the steps curve."),
        MetricName("steps.drop_to_knee", "Steps at the smallest batch over steps at the knee."),
        MetricName("steps.gain_per_doubling_before_knee", "Factor by which steps fall per doubling of the batch, before the knee."),
        MetricName("steps.gain_per_doubling_after_knee", "The same factor after the knee."),
        MetricName("initial_loss", "Expected loss at the start, 1/2 sum_i h_i."),
        MetricName("stability_limit", "The largest stable learning rate, 2 / h_1."),
        MetricName("rates.count", "Learning rates searched per batch size."),
        .setting("rates.per_decade", key: "rates_per_decade"),
        .setting("dimensions"),
        .setting("noise"),
        .setting("target"),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "dimensions": .int(300),
        "ratesPerDecade": .int(20),
        "batchSizes": .array([1, 4, 16, 64, 256, 1024, 4096].map { .int($0) }),
        "curveBatches": .array([4, 1024].map { .int($0) }),
    ]
    /// A closed form: no sweep of cached trials.
    static let hasSweep = false

    /// The outcome per batch size.
    struct Outcome {
        var batchSizes: [Int]
        var bestRates: [Double?]
        var bestSteps: [Double?]
        var stabilityLimit: Double
        /// How many learning rates were searched per batch size.
        var rateCount: Int
    }

    static func solve(_ config: Config, progress: (String, Double) -> Void = { _, _ in }) -> (NoisyQuadratic, Outcome) {
        let model = NoisyQuadratic(dimensions: config.dimensions, noise: config.noise)
        let limit = model.stabilityLimit
        var rates: [Double] = []
        var k = 0
        while true {
            let a = config.minRate * Foundation.pow(10, Double(k) / Double(config.ratesPerDecade))
            if a >= limit { break }
            rates.append(a)
            k += 1
        }
        var bestRates: [Double?] = [], bestSteps: [Double?] = []
        for (i, b) in config.batchSizes.enumerated() {
            let best = model.best(batch: Double(b), rates: rates, target: config.target, cap: config.maxSteps)
            bestRates.append(best?.rate)
            bestSteps.append(best.map { Double($0.steps) })
            progress("batch \(b)", Double(i + 1) / Double(config.batchSizes.count))
        }
        return (model, Outcome(batchSizes: config.batchSizes, bestRates: bestRates, bestSteps: bestSteps, stabilityLimit: limit,
                               rateCount: rates.count))
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let (model, outcome) = Self.solve(config, progress: context.progress)
        var metrics = ScalingMetrics.compute(batchSizes: outcome.batchSizes, bestRates: outcome.bestRates,
                                             bestSteps: outcome.bestSteps, slopeMaxBatch: config.slopeMaxBatch)
        metrics["initial_loss"] = model.initialLoss
        metrics["stability_limit"] = outcome.stabilityLimit
        metrics["rates.count"] = Double(outcome.rateCount)
        metrics["rates.per_decade"] = Double(config.ratesPerDecade)
        metrics["dimensions"] = Double(config.dimensions)
        metrics["noise"] = config.noise
        metrics["target"] = config.target
        var series: [String: Series] = [:]
        var curves: [(batch: Int, rate: Double, loss: [Double])] = []
        for b in config.curveBatches {
            guard let i = outcome.batchSizes.firstIndex(of: b), let rate = outcome.bestRates[i],
                  let steps = outcome.bestSteps[i] else { continue }
            let loss = model.lossCurve(rate: rate, batch: Double(b), steps: Int(steps * 3))
            curves.append((b, rate, loss))
            // At most about 400 points per stored curve: every step early on, then spaced out.
            let kept = loss.indices.filter { $0 < 100 || $0 % max(1, loss.count / 300) == 0 }
            series["loss.b\(b)"] = Series(x: kept.map(Double.init), y: kept.map { loss[$0] }, xLabel: "step",
                                           yLabel: "expected loss", xScale: .log10, yScale: .log10)
        }
        let known = outcome.batchSizes.indices.filter { outcome.bestRates[$0] != nil }
        series["best_rate"] = Series(x: known.map { Double(outcome.batchSizes[$0]) }, y: known.map { outcome.bestRates[$0]! },
                                     xLabel: "batch size", yLabel: "best learning rate", xScale: .log2, yScale: .log10)
        series["steps"] = Series(x: known.map { Double(outcome.batchSizes[$0]) }, y: known.map { outcome.bestSteps[$0]! },
                                 xLabel: "batch size", yLabel: "steps to target", xScale: .log2, yScale: .log10)
        let table = Table(
            caption: "The noisy quadratic model: the best learning rate per batch size and its steps to the target.",
            columns: ["batch size", "best learning rate", "steps to target", "examples to target"],
            rows: outcome.batchSizes.indices.map { i in
                let b = Double(outcome.batchSizes[i])
                guard let r = outcome.bestRates[i], let s = outcome.bestSteps[i] else {
                    return [.number(b), "none reached the target", "", ""]
                }
                return [.number(b), .number((r * 10_000).rounded() / 10_000), .number(s), .number(s * b)]
            })
        let figures = BatchSizeFigures.theory(outcome: outcome, curves: curves, config: config, metrics: metrics)
        let animations = try NoisyQuadraticAnimation.make(model: model, outcome: outcome, config: config).map { [$0] } ?? []
        return CellResult(metrics: metrics, series: series, tables: ["best-settings": table], figures: figures,
                          animations: animations)
    }
}
