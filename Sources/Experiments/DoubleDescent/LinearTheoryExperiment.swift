import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `linear-theory`: double descent where it can be computed exactly. Isotropic Gaussian
/// linear regression fitted by least squares (p < n) or minimum-norm least squares
/// (p > n), simulated over many draws at every p, against the exact finite-n formula of
/// Belkin, Hsu and Xu (2019) (`LinearRegressionRisk`).
struct LinearTheoryExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        /// Which truth the model is fitted to.
        enum Setting: String, ConfigChoice {
            case wellSpecified = "well-specified"
            case firstPOfD = "first-p-of-D"
        }

        var train = 40
        var maxFeatures = 120
        var step = 3
        var draws = 1000
        var drawsHighVariance = 4000
        var noise = 0.5
        var signal = 1.0
        var setting = Setting.wellSpecified

        static let parameters: [Parameter<Config>] = [
            .whole("train", \.train, 8..., "Training examples n."),
            .whole("maxFeatures", \.maxFeatures, 1..., "Largest number of features p (at least train + 2); the sweep covers 1 ... max_features "
                   + "in steps of `step`, plus every p within 6 of n (except n - 1, n, n + 1, where the expected error is infinite)."),
            .whole("step", \.step, 1..., "Step between simulated feature counts."),
            .whole("draws", \.draws, 2..., "Independent draws (of X, beta and the noise) per p."),
            .whole("drawsHighVariance", \.drawsHighVariance, 2..., "Draws per p where one draw's error is very spread out relative to "
                   + "its mean: within 8 of n, where |b - beta|^2 is heavy-tailed, and for p <= 5, where it is a sum of few squared normals."),
            .number("noise", \.noise, .nonNegative, "Noise standard deviation sigma."),
            .number("signal", \.signal, .nonNegative, "Squared norm r^2 = |beta|^2 of the true coefficients."),
            .choice("setting", \.setting, "`well-specified`: for each p the truth has p coefficients, all seen by the model (beta uniform "
                    + "on the sphere of radius r). `first-p-of-D`: the truth has max_features coefficients of equal size r / sqrt(D), the model sees the first p."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            checks.require(maxFeatures >= train + 2, "maxFeatures", expected: "at least train + 2 (\(train + 2))", found: "\(maxFeatures)")
        }

        /// The feature counts simulated.
        var grid: [Int] {
            var values = Set(stride(from: 1, through: maxFeatures, by: step))
            for p in (train - 6)...(train + 6) where p >= 1 && p <= maxFeatures { values.insert(p) }
            values.insert(maxFeatures)
            return values.filter { abs($0 - train) > 1 }.sorted()
        }
    }

    static let kind = "linear-theory"
    static let version = 1
    static let summary = "Least squares on isotropic Gaussian features: simulated error against the exact double-descent formula."
    static let outputs = ["theory"]
    static let metrics: [MetricName] = [
        MetricName("n", "Training examples."),
        MetricName("draws", "Draws per p."),
        MetricName("points_checked", "Feature counts where simulation and formula are compared."),
        MetricName("max_relative_gap", "Largest gap between simulated and exact error, relative to the exact one."),
        MetricName("max_gap_p", "The p of that largest gap."),
        MetricName("<side>.simulated", "Simulated error at p just `left` or `right` of n."),
        MetricName("<side>.formula", "Exact error there."),
        MetricName("last.simulated", "Simulated error at the largest p."),
        MetricName("last.formula", "Exact error at the largest p."),
    ]
    static let quickProfile: [String: ConfigValue] = ["maxFeatures": .int(100), "step": .int(10)]

    /// Mean and standard error of |b - beta|^2 over the draws at one p.
    struct Point: Codable, Sendable, Equatable {
        var mean: Double
        var standardError: Double
    }

    /// Runs on a configuration the planner has already validated.
    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let grid = config.grid
        let n = config.train
        let root = SeededGenerator(seed: context.seed)
        let points = try SweepRunner.run(count: grid.count, jobs: context.jobs, label: "point", progress: context.progress) { j -> Point in
            struct Key: Encodable { var seed: UInt64; var p: Int }
            let point = try context.trials.value(Self.self, config: config, trial: Key(seed: context.seed, p: grid[j])) {
                var rng = root.derive(stream: UInt64(grid[j]))
                return try Self.simulate(config: config, p: grid[j], rng: &rng)
            }
            return point
        }

        let formula = grid.map { p -> Double in
            let (sIn, sOut) = Self.signalSplit(config: config, p: p)
            return LinearRegressionRisk.expected(n: n, p: p, signalInModel: sIn, signalOutside: sOut,
                                                 noiseVariance: config.noise * config.noise) ?? .nan
        }
        var metrics: [String: Double] = ["n": Double(n), "draws": Double(config.draws)]
        var worst = 0.0, worstP = 0, checked = 0
        for (j, p) in grid.enumerated() where abs(p - n) >= 5 {
            let gap = abs(points[j].mean - formula[j]) / formula[j]
            checked += 1
            if gap > worst { worst = gap; worstP = p }
        }
        metrics["max_relative_gap"] = worst
        metrics["max_gap_p"] = Double(worstP)
        metrics["points_checked"] = Double(checked)
        // Error just either side of the threshold, and at the widest model.
        for (name, p) in [("left", n - 5), ("right", n + 5)] {
            if let j = grid.firstIndex(of: p) {
                metrics["\(name).simulated"] = points[j].mean
                metrics["\(name).formula"] = formula[j]
            }
        }
        metrics["last.simulated"] = points.last?.mean ?? .nan
        metrics["last.formula"] = formula.last ?? .nan

        let x = grid.map(Double.init)
        let series = [
            "simulated": Series(x: x, y: points.map(\.mean), xLabel: "features p", yLabel: "E|b - beta|^2", yScale: .log10),
            "formula": Series(x: x, y: formula, xLabel: "features p", yLabel: "E|b - beta|^2", yScale: .log10),
        ]
        let figure = LinearTheoryFigure(config: config, grid: grid, points: points, formula: formula).named()
        return CellResult(metrics: metrics, series: series, figures: [figure])
    }

    /// |beta_T|^2 and |beta outside T|^2 for a model with p features.
    static func signalSplit(config: Config, p: Int) -> (Double, Double) {
        if config.setting == .wellSpecified { return (config.signal, 0) }
        let share = Double(min(p, config.maxFeatures)) / Double(config.maxFeatures)
        return (config.signal * share, config.signal * (1 - share))
    }

    /// `draws` fits at one p: the mean of |b - beta|^2 and its standard error.
    static func simulate(config: Config, p: Int, rng: inout SeededGenerator) throws -> Point {
        let n = config.train
        let wellSpecified = config.setting == .wellSpecified
        let total = wellSpecified ? p : config.maxFeatures
        let sigma = config.noise
        let draws = abs(p - n) <= 8 || p <= 5 ? config.drawsHighVariance : config.draws
        var errors: [Double] = []
        errors.reserveCapacity(draws)
        var x = Matrix<Double>(rows: n, columns: p)
        for _ in 0..<draws {
            // The truth: on the sphere of radius r (well-specified), or equal coefficients.
            var beta: [Double]
            if wellSpecified {
                beta = (0..<total).map { _ in rng.normal() }
                let length = beta.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let radius = config.signal.squareRoot()
                beta = beta.map { $0 * radius / max(length, .leastNormalMagnitude) }
            } else {
                beta = Array(repeating: (config.signal / Double(total)).squareRoot(), count: total)
            }
            // Only the first p coordinates of x enter the fit; the rest only add to y.
            fillNormal(&x.storage, &rng)
            var y = Matrix<Double>(rows: n, columns: 1)
            for i in 0..<n {
                var s = 0.0
                for j in 0..<p { s += x.storage[i * p + j] * beta[j] }
                for j in p..<total { s += rng.normal() * beta[j] }
                y.storage[i] = s + sigma * rng.normal()
            }
            let b = try minimumNorm(x, y)
            var error = 0.0
            for j in 0..<total {
                let e = (j < p ? b[j] : 0) - beta[j]
                error += e * e
            }
            errors.append(error)
        }
        let mean = errors.reduce(0, +) / Double(errors.count)
        let variance = errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(errors.count - 1, 1))
        return Point(mean: mean, standardError: (variance / Double(errors.count)).squareRoot())
    }

    /// Fills `values` with standard normal draws, using both outputs of each Box-Muller pair.
    static func fillNormal(_ values: inout [Double], _ rng: inout SeededGenerator) {
        var i = 0
        let count = values.count
        while i < count {
            let u1 = 1 - rng.uniform(), u2 = rng.uniform()
            let radius = (-2 * Foundation.log(u1)).squareRoot(), angle = 2 * Double.pi * u2
            values[i] = radius * Foundation.cos(angle)
            if i + 1 < count { values[i + 1] = radius * Foundation.sin(angle) }
            i += 2
        }
    }

    /// The least-squares (p < n) or minimum-norm (p > n) solution through the smaller
    /// Gram matrix, with LAPACK's SVD solver as the fallback for an ill-conditioned one.
    static func minimumNorm(_ x: Matrix<Double>, _ y: Matrix<Double>) throws -> [Double] {
        let n = x.rows, p = x.columns
        if p < n {
            var gram = Matrix<Double>(rows: p, columns: p)
            Matrix.gemm(x, transposeA: true, x, into: &gram)
            if let b = LeastSquares.solvePositiveDefinite(gram, try x.multiplied(by: y, transposeSelf: true)) { return b.storage }
        } else {
            var gram = Matrix<Double>(rows: n, columns: n)
            Matrix.gemm(x, x, transposeB: true, into: &gram)
            if let alpha = LeastSquares.solvePositiveDefinite(gram, y) { return try x.multiplied(by: alpha, transposeSelf: true).storage }
        }
        return try LeastSquares.minimumNorm(x, y).coefficients.storage
    }
}
