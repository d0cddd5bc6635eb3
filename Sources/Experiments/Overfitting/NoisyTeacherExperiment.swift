import Foundation
import Notebook
import Plot
import Tensor

/// `noisy-teacher`: the linear student and noisy linear teacher of Advani and Saxe 2017
/// (see `NoisyTeacher`), trained by full-batch gradient descent from w = 0 at several
/// signal-to-noise ratios. Beside the simulated test error over time it draws the exact
/// expected error for the sampled inputs (from the eigenvalues of X^T X) and its
/// large-N limit (the Marchenko-Pastur law), and it reports where each curve has its
/// minimum, the optimal stopping time, and which way that time moves with the ratio.
struct NoisyTeacherExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var dimensions = 200
        var examples = 300
        var snrs = [0.5, 1, 2, 4, 8]
        var rate = 0.1
        var time = 200.0
        var draws = 30

        static let parameters: [Parameter<Config>] = [
            .whole("dimensions", \.dimensions, 2...2_000, "N: input dimensions (the teacher's and the student's weights)."),
            .whole("examples", \.examples, 2...20_000, "n: training examples; alpha = n / N."),
            .numbers("snrs", \.snrs, .positive, .ascending(atLeast: 2),
                     "Signal-to-noise ratios: the teacher's weight variance (1) over the label-noise variance."),
            .number("rate", \.rate, .positive, "Gradient-descent step size on (1/2) |y - X w|^2; at most 1 / (1 + sqrt(alpha))^2."),
            .number("time", \.time, .positive, "Training time rate x steps (gradient-flow units); steps = time / rate."),
            .whole("draws", \.draws, 1...1_000, "Teachers and noise draws averaged per ratio (the inputs X are drawn once)."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            let edge = NoisyTeacherExperiment.upperEdge(alpha: Double(examples) / Double(dimensions))
            checks.require(rate * edge <= 1, "rate",
                           expected: "at most 1 / (1 + sqrt(examples / dimensions))^2 = \(String(format: "%.4g", 1 / edge)) (beyond 2 / largest eigenvalue gradient descent diverges; this keeps a margin)",
                           found: "\(rate)")
            let steps = time / rate
            checks.require(steps >= 10 && steps <= 100_000, "time",
                           expected: "a time of 10 to 100,000 steps of size rate (\(rate))", found: "\(time)")
        }

        var steps: Int { Int((time / rate).rounded()) }
        var alpha: Double { Double(examples) / Double(dimensions) }
    }

    static let kind = "noisy-teacher"
    static let version = 1
    static let summary = "A linear student learning a noisy linear teacher (Advani and Saxe 2017): simulated test error over time beside the exact formula, optimal stopping time against the signal-to-noise ratio."
    static let outputs = ["curves", "stopping", "summary"]
    static let metrics: [MetricName] = [
        MetricName("alpha", "n / N, examples per dimension."),
        MetricName("steps", "Gradient-descent steps (time / rate)."),
        MetricName("eigen.min", "Smallest eigenvalue of the sampled X^T X."),
        MetricName("eigen.max", "Largest eigenvalue of the sampled X^T X."),
        MetricName("mp.lower", "Lower edge (1 - sqrt(alpha))^2 of the Marchenko-Pastur law."),
        MetricName("mp.upper", "Upper edge (1 + sqrt(alpha))^2 of the Marchenko-Pastur law."),
        MetricName("s<k>.snr", "The k-th signal-to-noise ratio (k = 1, 2, ... in the order given)."),
        MetricName("s<k>.best_time_limit", "Optimal stopping time (rate x steps) of the large-N theory."),
        MetricName("s<k>.best_time_exact", "Optimal stopping time of the exact formula for the sampled X."),
        MetricName("s<k>.best_time_simulation", "Optimal stopping time of the simulation (mean over draws)."),
        MetricName("s<k>.best_error_simulation", "Simulated test error E|w - w*|^2 / N at its optimal stopping time."),
        MetricName("s<k>.best_error_limit", "Large-N theory's test error at its optimal stopping time."),
        MetricName("s<k>.final_error_simulation", "Simulated test error at the end of training."),
        MetricName("s<k>.final_error_limit", "Large-N theory's test error at the end of training."),
        MetricName("s<k>.gap_exact", "Largest relative gap |simulation - exact| / exact over the recorded times."),
        MetricName("s<k>.gap_limit", "Largest relative gap |simulation - limit| / limit over the recorded times."),
        MetricName("agreement.gap_exact", "Largest s<k>.gap_exact over the ratios."),
        MetricName("agreement.gap_limit", "Largest s<k>.gap_limit over the ratios."),
        MetricName("direction.limit", "1 if the theory's optimal stopping time rises with every step up in the ratio, -1 if it falls with every one, else 0."),
        MetricName("direction.exact", "The same for the exact formula for the sampled X."),
        MetricName("direction.simulation", "The same for the simulation."),
        MetricName("ratio.best_time_simulation", "Simulated optimal stopping time at the highest ratio over that at the lowest."),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "dimensions": .int(60),
        "examples": .int(90),
        "time": .double(100),
        "draws": .int(12),
    ]

    static func upperEdge(alpha: Double) -> Double { (1 + alpha.squareRoot()) * (1 + alpha.squareRoot()) }

    /// One simulated ratio: the mean and standard deviation over draws of |w - w*|^2 / N
    /// after every step 0...steps.
    struct Trial: Codable, Sendable, Equatable {
        var version: Int
        var dimensions: Int
        var examples: Int
        var rate: Double
        var steps: Int
        var draws: Int
        var snr: Double
        var seed: UInt64
    }

    struct Simulation: Codable, Sendable, Equatable {
        var mean: [Double]
        var deviation: [Double]
    }

    /// The inputs: n x N with N(0, 1/N) entries, the same for every ratio of a cell.
    static func inputs(dimensions: Int, examples: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SeededGenerator(seed: seed).derive(stream: 31)
        return rng.normalMatrix(rows: examples, columns: dimensions, standardDeviation: 1 / Double(dimensions).squareRoot())
    }

    /// Gradient descent on every draw at once: the columns of W are the students, of T
    /// the teachers. The gradient X^T (y - X w) is formed as X^T y - (X^T X) w; the
    /// teachers and the unit noise are the same at every ratio (common random numbers),
    /// only the noise's scale changes.
    static func simulate(_ t: Trial) -> Simulation {
        let n = t.examples, d = t.dimensions, r = t.draws
        let x = inputs(dimensions: d, examples: n, seed: t.seed)
        var rng = SeededGenerator(seed: t.seed).derive(stream: 32)
        let teachers: Matrix<Double> = rng.normalMatrix(rows: d, columns: r)
        let unitNoise: Matrix<Double> = rng.normalMatrix(rows: n, columns: r)
        var y = Matrix<Double>(rows: n, columns: r)
        Matrix.gemm(x, teachers, into: &y)
        let noiseScale = 1 / t.snr.squareRoot()
        for i in 0..<y.storage.count { y.storage[i] += noiseScale * unitNoise.storage[i] }
        var covariance = Matrix<Double>(rows: d, columns: d)
        Matrix.gemm(x, transposeA: true, x, into: &covariance)
        var scaledTarget = Matrix<Double>(rows: d, columns: r)
        Matrix.gemm(x, transposeA: true, y, into: &scaledTarget, alpha: t.rate)
        var w = Matrix<Double>(rows: d, columns: r)
        var step = Matrix<Double>(rows: d, columns: r)
        var errors = [Double](repeating: 0, count: r)
        var mean = [Double](repeating: 0, count: t.steps + 1)
        var deviation = [Double](repeating: 0, count: t.steps + 1)
        func record(_ k: Int) {
            for c in 0..<r { errors[c] = 0 }
            for i in 0..<d {
                for c in 0..<r {
                    let e = w.storage[i * r + c] - teachers.storage[i * r + c]
                    errors[c] += e * e
                }
            }
            var m = 0.0
            for c in 0..<r { errors[c] /= Double(d); m += errors[c] }
            m /= Double(r)
            var v = 0.0
            for c in 0..<r { v += (errors[c] - m) * (errors[c] - m) }
            mean[k] = m
            deviation[k] = r > 1 ? (v / Double(r - 1)).squareRoot() : 0
        }
        record(0)
        for k in stride(from: 1, through: t.steps, by: 1) {
            // step = rate X^T y - rate (X^T X) w; w += step.
            for i in 0..<step.storage.count { step.storage[i] = scaledTarget.storage[i] }
            Matrix.gemm(covariance, w, into: &step, alpha: -t.rate, beta: 1)
            for i in 0..<w.storage.count { w.storage[i] += step.storage[i] }
            record(k)
        }
        return Simulation(mean: mean, deviation: deviation)
    }

    /// +1 when every value is above the one before, -1 when every one is below, else 0.
    static func direction(_ values: [Double]) -> Double {
        let steps = zip(values, values.dropFirst())
        if steps.allSatisfy({ $1 > $0 }) { return 1 }
        if steps.allSatisfy({ $1 < $0 }) { return -1 }
        return 0
    }

    /// Steps recorded in the figures: about 80, evenly spaced in log time, always
    /// including the last.
    static func recordedSteps(_ steps: Int) -> [Int] {
        var out: [Int] = []
        for j in 0...80 {
            let k = Int((pow(Double(steps), Double(j) / 80)).rounded())
            if out.last != k { out.append(k) }
        }
        return out
    }

    /// What one ratio produced, theory and simulation.
    struct RatioResult {
        var snr: Double
        var simulation: Simulation
        var exact: [Double]
        var limit: [Double]
        var bestExact: (step: Int, error: Double)
        var bestLimit: (step: Int, error: Double)
        var bestSimulation: (step: Int, error: Double)
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let x = Self.inputs(dimensions: config.dimensions, examples: config.examples, seed: context.seed)
        var covariance = Matrix<Double>(rows: config.dimensions, columns: config.dimensions)
        Matrix.gemm(x, transposeA: true, x, into: &covariance)
        let eigenvalues = try SymmetricEigen.eigenvalues(covariance)
        let law = MarchenkoPastur(alpha: config.alpha)
        let ratios = try Self.ratios(config, eigenvalues: eigenvalues, law: law, context: context)
        var result = Self.summary(config, ratios, eigenvalues: eigenvalues, law: law)
        result.figures = OverfittingFigures.noisyTeacher(config, ratios, law: law)
        return result
    }

    /// Simulates every ratio (cached trials) and sets each beside its two theories.
    static func ratios(_ config: Config, eigenvalues: [Double], law: MarchenkoPastur,
                       context: ExperimentContext) throws -> [RatioResult] {
        let steps = config.steps
        let trials = config.snrs.map {
            Trial(version: 1, dimensions: config.dimensions, examples: config.examples, rate: config.rate, steps: steps,
                  draws: config.draws, snr: $0, seed: context.seed)
        }
        let cache = context.trials
        let simulations = try SweepRunner.run(count: trials.count, jobs: context.jobs, label: "ratio",
                                              progress: context.progress) { i in
            try cache.value(Self.self, config: config, trial: trials[i]) { Self.simulate(trials[i]) }
        }
        return zip(config.snrs, simulations).map { snr, simulation in
            let noise = 1 / snr
            let exact = (0...steps).map {
                NoisyTeacher.expectedError(eigenvalues: eigenvalues, rate: config.rate, steps: Double($0), signal: 1, noise: noise)
            }
            let limit = (0...steps).map { law.expectedError(rate: config.rate, steps: Double($0), signal: 1, noise: noise) }
            return RatioResult(
                snr: snr, simulation: simulation, exact: exact, limit: limit,
                bestExact: NoisyTeacher.bestStep(maxSteps: steps) { exact[$0] },
                bestLimit: NoisyTeacher.bestStep(maxSteps: steps) { limit[$0] },
                bestSimulation: NoisyTeacher.bestStep(maxSteps: steps) { simulation.mean[$0] })
        }
    }

    /// The metrics, curves, table and note of the ratios (no figures).
    static func summary(_ config: Config, _ ratios: [RatioResult], eigenvalues: [Double], law: MarchenkoPastur) -> CellResult {
        let steps = config.steps
        let recorded = Self.recordedSteps(steps)
        var metrics: [String: Double] = [
            "alpha": config.alpha, "steps": Double(steps),
            "eigen.min": eigenvalues.first ?? .nan, "eigen.max": eigenvalues.last ?? .nan,
            "mp.lower": law.edges.lower, "mp.upper": law.edges.upper,
        ]
        var series: [String: Series] = [:]
        var worstExact = 0.0, worstLimit = 0.0
        for (i, r) in ratios.enumerated() {
            let p = "s\(i + 1)."
            func gap(_ theory: [Double]) -> Double {
                recorded.filter { $0 >= 1 }.map { abs(r.simulation.mean[$0] - theory[$0]) / theory[$0] }.max() ?? .nan
            }
            let gapExact = gap(r.exact), gapLimit = gap(r.limit)
            worstExact = max(worstExact, gapExact)
            worstLimit = max(worstLimit, gapLimit)
            metrics[p + "snr"] = r.snr
            metrics[p + "best_time_limit"] = Double(r.bestLimit.step) * config.rate
            metrics[p + "best_time_exact"] = Double(r.bestExact.step) * config.rate
            metrics[p + "best_time_simulation"] = Double(r.bestSimulation.step) * config.rate
            metrics[p + "best_error_simulation"] = r.bestSimulation.error
            metrics[p + "best_error_limit"] = r.bestLimit.error
            metrics[p + "final_error_simulation"] = r.simulation.mean[steps]
            metrics[p + "final_error_limit"] = r.limit[steps]
            metrics[p + "gap_exact"] = gapExact
            metrics[p + "gap_limit"] = gapLimit
            let times = recorded.map { Double($0) * config.rate }
            series[p + "simulation"] = Series(x: times, y: recorded.map { r.simulation.mean[$0] }, xLabel: "time", yLabel: "test error")
            series[p + "exact"] = Series(x: times, y: recorded.map { r.exact[$0] }, xLabel: "time", yLabel: "test error")
            series[p + "limit"] = Series(x: times, y: recorded.map { r.limit[$0] }, xLabel: "time", yLabel: "test error")
        }
        metrics["agreement.gap_exact"] = worstExact
        metrics["agreement.gap_limit"] = worstLimit
        metrics["direction.limit"] = Self.direction(ratios.map { Double($0.bestLimit.step) })
        metrics["direction.exact"] = Self.direction(ratios.map { Double($0.bestExact.step) })
        metrics["direction.simulation"] = Self.direction(ratios.map { Double($0.bestSimulation.step) })
        metrics["ratio.best_time_simulation"] = Double(ratios.last!.bestSimulation.step) / Double(max(ratios.first!.bestSimulation.step, 1))
        let measured = metrics["direction.simulation"] ?? 0
        let word = measured > 0 ? "later" : measured < 0 ? "earlier" : "neither consistently earlier nor later"
        let notes = ["In the simulation, the optimal stopping time comes \(word) as the signal-to-noise ratio rises (from \(Self.round(Double(ratios.first!.bestSimulation.step) * config.rate)) at SNR \(String(format: "%g", ratios.first!.snr)) to \(Self.round(Double(ratios.last!.bestSimulation.step) * config.rate)) at SNR \(String(format: "%g", ratios.last!.snr)))."]
        return CellResult(metrics: metrics, series: series, tables: ["summary": summaryTable(config, ratios, metrics: metrics)],
                          notes: notes)
    }

    /// One row per ratio: the stopping times, the errors and the gaps to each theory.
    static func summaryTable(_ config: Config, _ ratios: [RatioResult], metrics: [String: Double]) -> Table {
        let rows: [[TableValue]] = ratios.enumerated().map { i, r in
            [.number(r.snr), .number(Self.round(Double(r.bestLimit.step) * config.rate)),
             .number(Self.round(Double(r.bestExact.step) * config.rate)),
             .number(Self.round(Double(r.bestSimulation.step) * config.rate)),
             .number(Self.round(r.bestSimulation.error)), .number(Self.round(r.simulation.mean[config.steps])),
             .text(String(format: "%.1f%%", 100 * (metrics["s\(i + 1).gap_exact"] ?? .nan))),
             .text(String(format: "%.1f%%", 100 * (metrics["s\(i + 1).gap_limit"] ?? .nan)))]
        }
        return Table(caption: "For each signal-to-noise ratio: the optimal stopping time (rate × steps) of the large-N theory, of the exact formula for the sampled inputs and of the simulation; the simulated test error at that time and at the end; the largest relative gap between simulation and each theory over the recorded times.",
                     columns: ["SNR", "best time, theory (large N)", "best time, exact for X", "best time, simulation",
                               "error at best time", "error at end", "gap to exact", "gap to large-N"],
                     rows: rows)
    }

    static func round(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let digits = 3 - Int(floor(log10(abs(x))))
        let scale = pow(10, Double(max(digits, 0)))
        return (x * scale).rounded() / scale
    }
}
