import Foundation
import Tensor

/// Gaussian-process regression on the unit cube with a Matérn 5/2 kernel and one length
/// scale per dimension (the model of Snoek, Larochelle and Adams 2012):
///
///     k(x, x') = s² (1 + √5 r + 5 r² / 3) exp(-√5 r),  r² = Σ ((x_i - x'_i) / l_i)²
///
/// plus noise variance n² on the diagonal. The linear algebra is LAPACK's Cholesky solve
/// (`LeastSquares.solvePositiveDefinite`); the log-determinant of the marginal likelihood
/// comes from the same factorisations, as the sum of the logs of the pivots, each pivot
/// being 1 / (the last diagonal entry of the inverse of a leading block).
struct GaussianProcess: Sendable {
    /// The kernel's hyperparameters.
    struct Hyperparameters: Sendable, Equatable {
        var lengthScales: [Double]
        var signalVariance: Double
        var noiseVariance: Double
    }

    let points: [[Double]]
    let hyperparameters: Hyperparameters
    /// Targets are standardised before fitting (mean 0, variance 1) when `standardise`.
    let offset: Double
    let scale: Double
    private let alpha: [Double]
    private let inverse: Matrix<Double>
    /// log p(y | X, hyperparameters) of the standardised targets.
    let logMarginalLikelihood: Double

    /// Fits the posterior with fixed hyperparameters; nil when the kernel matrix is not
    /// numerically positive definite.
    init?(points: [[Double]], values: [Double], hyperparameters h: Hyperparameters, standardise: Bool = true) {
        let n = points.count
        guard n > 0, values.count == n else { return nil }
        let mean = standardise ? values.reduce(0, +) / Double(n) : 0
        var spread = 1.0
        if standardise, n > 1 {
            let v = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            spread = v > 1e-24 ? v.squareRoot() : 1
        }
        let y = values.map { ($0 - mean) / spread }
        let k = Matrix<Double>(rows: n, columns: n) { i, j in
            Self.kernel(points[i], points[j], h) + (i == j ? h.noiseVariance : 0)
        }
        guard let solved = LeastSquares.solvePositiveDefinite(k, Matrix(column: y), pivotFloor: 1e-15),
              let inverse = LeastSquares.solvePositiveDefinite(k, .identity(n), pivotFloor: 1e-15),
              let logDet = Self.logDeterminant(k) else { return nil }
        self.points = points
        hyperparameters = h
        offset = mean
        scale = spread
        alpha = solved.storage
        self.inverse = inverse
        let fit = zip(y, alpha).reduce(0) { $0 + $1.0 * $1.1 }
        logMarginalLikelihood = -0.5 * fit - 0.5 * logDet - 0.5 * Double(n) * log(2 * Double.pi)
    }

    /// The Matérn 5/2 kernel.
    static func kernel(_ a: [Double], _ b: [Double], _ h: Hyperparameters) -> Double {
        var r2 = 0.0
        for i in a.indices {
            let d = (a[i] - b[i]) / h.lengthScales[i]
            r2 += d * d
        }
        let r = r2.squareRoot()
        let s5 = 5.0.squareRoot() * r
        return h.signalVariance * (1 + s5 + 5 * r2 / 3) * exp(-s5)
    }

    /// log det of a positive-definite matrix from its Cholesky pivots: the i-th pivot is
    /// the Schur complement of the leading i x i block, 1 / [(A_{1..i})^{-1}]_{ii}.
    static func logDeterminant(_ a: Matrix<Double>) -> Double? {
        let n = a.rows
        var sum = 0.0
        for i in 1...n {
            let block = Matrix<Double>(rows: i, columns: i) { r, c in a[r, c] }
            var e = [Double](repeating: 0, count: i)
            e[i - 1] = 1
            guard let x = LeastSquares.solvePositiveDefinite(block, Matrix(column: e), pivotFloor: 1e-15),
                  x.storage[i - 1] > 0 else { return nil }
            sum -= log(x.storage[i - 1])
        }
        return sum
    }

    /// Posterior mean and variance of the latent function at `x`, in the targets' units.
    func predict(_ x: [Double]) -> (mean: Double, variance: Double) {
        let n = points.count
        let h = hyperparameters
        var ks = [Double](repeating: 0, count: n)
        for i in 0..<n { ks[i] = Self.kernel(x, points[i], h) }
        var mean = 0.0
        for i in 0..<n { mean += ks[i] * alpha[i] }
        var quad = 0.0
        for i in 0..<n {
            var row = 0.0
            for j in 0..<n { row += inverse[i, j] * ks[j] }
            quad += ks[i] * row
        }
        let variance = max(h.signalVariance - quad, 1e-12)
        return (offset + scale * mean, scale * scale * variance)
    }

    /// Expected improvement over `best` for maximisation (Mockus 1978; Jones et al. 1998):
    /// (m - best) Φ(z) + s φ(z), z = (m - best) / s.
    func expectedImprovement(_ x: [Double], best: Double) -> Double {
        let (m, v) = predict(x)
        let s = v.squareRoot()
        let gain = m - best
        guard s > 1e-12 else { return max(gain, 0) }
        let z = gain / s
        let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
        let pdf = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
        return max(gain * cdf + s * pdf, 0)
    }

    /// The hyperparameters of largest marginal likelihood, searched in log space over
    /// length scales in [0.05, 5], signal variance in [0.05, 20] and noise variance in
    /// [1e-6, 1] (targets standardised): a seeded random search of `candidates` settings,
    /// then a compass search (each log coordinate moved up and down, the step halved when
    /// nothing improves) from the best one.
    static func fitted(points: [[Double]], values: [Double], seed: UInt64, candidates: Int = 64) -> GaussianProcess? {
        let d = points.first?.count ?? 0
        let bounds: [(Double, Double)] = Array(repeating: (log(0.05), log(5.0)), count: d)
            + [(log(0.05), log(20.0)), (log(1e-6), log(1.0))]
        func model(_ theta: [Double]) -> GaussianProcess? {
            let h = Hyperparameters(lengthScales: theta[0..<d].map { exp($0) }, signalVariance: exp(theta[d]),
                                    noiseVariance: exp(theta[d + 1]))
            return GaussianProcess(points: points, values: values, hyperparameters: h)
        }
        var rng = SeededGenerator(seed: seed).derive(stream: 31)
        var best: (theta: [Double], gp: GaussianProcess)? = nil
        let start = bounds.map { ($0.0 + $0.1) / 2 }
        for c in 0...candidates {
            let theta = c == 0 ? start : bounds.map { $0.0 + rng.uniform() * ($0.1 - $0.0) }
            if let gp = model(theta), best == nil || gp.logMarginalLikelihood > best!.gp.logMarginalLikelihood {
                best = (theta, gp)
            }
        }
        guard var current = best else { return nil }
        var step = 0.5
        while step > 0.02 {
            var improved = false
            for i in bounds.indices {
                for sign in [1.0, -1.0] {
                    var theta = current.theta
                    theta[i] = min(max(theta[i] + sign * step, bounds[i].0), bounds[i].1)
                    if let gp = model(theta), gp.logMarginalLikelihood > current.gp.logMarginalLikelihood + 1e-9 {
                        current = (theta, gp)
                        improved = true
                    }
                }
            }
            if !improved { step /= 2 }
        }
        return current.gp
    }
}
