import Foundation
import Tensor

/// The exact learning curves of a linear student learning a noisy linear teacher
/// (Advani and Saxe 2017, "High-dimensional dynamics of generalization error in neural
/// networks", section 2).
///
/// Setting: n examples x in N dimensions with independent N(0, 1/N) entries (so |x| is
/// about 1), a teacher w* with independent N(0, signal) entries, labels y = w*·x + e with
/// e ~ N(0, noise). The student y = w·x starts at w = 0 and takes full-batch
/// gradient-descent steps w <- w + rate X^T (y - X w) on the squared error
/// (1/2) |y - X w|^2. Write X^T X = sum_i lambda_i v_i v_i^T. Along v_i the error
/// z_i = v_i·(w - w*) evolves as z_i <- (1 - rate lambda_i) z_i + rate sqrt(lambda_i) xi_i,
/// where xi_i is the noise projected on the i-th left singular vector (variance `noise`).
/// After k steps, with q_i = 1 - rate lambda_i,
///
///     E |w - w*|^2 / N = (1/N) sum_i [ signal q_i^(2k) + noise (1 - q_i^k)^2 / lambda_i ],
///
/// averaged over teachers and noise for the given X. The first term is the signal still
/// to learn, the second the noise fitted into the weights; a direction with lambda_i = 0
/// (fewer examples than dimensions) keeps its full `signal`. Since the test inputs are
/// isotropic, this is the test mean squared error minus the noise floor. Under gradient
/// flow (rate -> 0, time t = rate k) q_i^k becomes exp(-lambda_i t), and each mode is
/// best stopped at t_i = ln(1 + lambda_i SNR) / lambda_i with SNR = signal / noise: the
/// cleaner the data, the later. As N grows with n / N = alpha fixed, the eigenvalues
/// follow the Marchenko-Pastur law (`MarchenkoPastur`), and the sum becomes an integral.
enum NoisyTeacher {
    /// One mode's contribution: signal q^(2k) + noise (1 - q^k)^2 / lambda with
    /// q = 1 - rate lambda; `steps` may be fractional. A zero (or round-off negative)
    /// eigenvalue keeps the whole signal and takes in no noise.
    static func mode(eigenvalue: Double, rate: Double, steps: Double, signal: Double, noise: Double) -> Double {
        let lambda = max(eigenvalue, 0)
        guard lambda > 0 else { return signal }
        // q^k = exp(k log(1 - rate lambda)); expm1 keeps 1 - q^k exact for small lambda.
        let logQ = log1p(-rate * lambda)
        let qk = exp(steps * logQ)
        let fitted = -expm1(steps * logQ)
        return signal * qk * qk + noise * fitted * fitted / lambda
    }

    /// The expected error E |w - w*|^2 / N after `steps` steps, for a sample covariance
    /// X^T X with these eigenvalues (one per dimension).
    static func expectedError(eigenvalues: [Double], rate: Double, steps: Double, signal: Double, noise: Double) -> Double {
        var total = 0.0
        for lambda in eigenvalues {
            total += mode(eigenvalue: lambda, rate: rate, steps: steps, signal: signal, noise: noise)
        }
        return total / Double(eigenvalues.count)
    }

    /// The best stopping time of one mode under gradient flow: the t minimising
    /// signal e^(-2 lambda t) + noise (1 - e^(-lambda t))^2 / lambda, which is
    /// ln(1 + lambda signal / noise) / lambda (the derivative vanishes where
    /// e^(-lambda t) = noise / (lambda signal + noise)).
    static func modeOptimalTime(eigenvalue lambda: Double, snr: Double) -> Double {
        log1p(lambda * snr) / lambda
    }

    /// The step (0...maxSteps) with the lowest value of `error`, the first of equals.
    static func bestStep(maxSteps: Int, error: (Int) -> Double) -> (step: Int, error: Double) {
        var best = (step: 0, error: error(0))
        if maxSteps > 0 {
            for k in 1...maxSteps {
                let e = error(k)
                if e < best.error { best = (k, e) }
            }
        }
        return best
    }

    /// The same minimum found with fewer evaluations, for a curve with one valley: the
    /// lowest of the `coarse` steps (ascending, from 0), then every step between its
    /// neighbours.
    static func bestStep(coarse: [Int], error: (Int) -> Double) -> (step: Int, error: Double) {
        var i = 0, lowest = Double.infinity
        for (j, k) in coarse.enumerated() {
            let e = error(k)
            if e < lowest { lowest = e; i = j }
        }
        let from = coarse[max(i - 1, 0)], to = coarse[min(i + 1, coarse.count - 1)]
        var best = (step: from, error: error(from))
        for k in from...to {
            let e = error(k)
            if e < best.error { best = (k, e) }
        }
        return best
    }
}

/// The Marchenko-Pastur law of the eigenvalues of X^T X for n examples in N dimensions
/// with N(0, 1/N) entries, as N grows with alpha = n / N fixed (Advani and Saxe 2017,
/// eq. 9): density sqrt((l+ - l)(l - l-)) / (2 pi l) on [l-, l+] with l+- = (1 +- sqrt(alpha))^2,
/// plus a point mass 1 - alpha at zero when alpha < 1. The integral is taken with the
/// substitution l = (1 + alpha) + 2 sqrt(alpha) cos(theta), which removes the square-root
/// edges, and the midpoint rule in theta.
struct MarchenkoPastur: Sendable {
    let alpha: Double
    /// Quadrature eigenvalues and their weights (which sum to min(alpha, 1)).
    let nodes: [Double]
    let weights: [Double]

    init(alpha: Double, nodes count: Int = 1_000) {
        self.alpha = alpha
        let centre = 1 + alpha, radius = 2 * alpha.squareRoot()
        var nodes: [Double] = [], weights: [Double] = []
        for j in 0..<count {
            let theta = (Double(j) + 0.5) * Double.pi / Double(count)
            let lambda = centre + radius * cos(theta)
            let s = sin(theta)
            // d lambda = radius sin(theta) d theta and sqrt(...) = radius sin(theta).
            nodes.append(lambda)
            weights.append(radius * radius * s * s / (2 * Double.pi * lambda) * Double.pi / Double(count))
        }
        self.nodes = nodes
        self.weights = weights
    }

    /// The edges l- and l+ of the continuous part.
    var edges: (lower: Double, upper: Double) {
        let r = alpha.squareRoot()
        return ((1 - r) * (1 - r), (1 + r) * (1 + r))
    }

    /// The mean of f over the law: the integral of f against the density, plus
    /// (1 - alpha) f(0) when alpha < 1.
    func mean(zero: Double, _ f: (Double) -> Double) -> Double {
        var total = alpha < 1 ? (1 - alpha) * zero : 0
        for (lambda, w) in zip(nodes, weights) { total += w * f(lambda) }
        return total
    }

    /// The large-N limit of `NoisyTeacher.expectedError`.
    func expectedError(rate: Double, steps: Double, signal: Double, noise: Double) -> Double {
        mean(zero: signal) { NoisyTeacher.mode(eigenvalue: $0, rate: rate, steps: steps, signal: signal, noise: noise) }
    }
}
