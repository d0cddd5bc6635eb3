import Foundation

/// The noisy quadratic model of Zhang et al. 2019: a loss L(x) = 1/2 sum_i h_i x_i^2 with
/// curvatures h_i = 1/i (i = 1...d), minimised by SGD whose gradient noise on direction i
/// has variance c h_i / B (proportional to the curvature, divided by the batch size B).
/// Its expected loss is exact, not sampled: per direction,
///
///     E[x_{t+1}^2] = (1 - a h)^2 E[x_t^2] + a^2 c h / B,
///
/// so E[x_t^2] = r^t (x_0^2 - s) + s with r = (1 - a h)^2 and the stationary value
/// s = a c / (B (2 - a h)), and the expected loss is 1/2 sum_i h_i E[x_{i,t}^2].
struct NoisyQuadratic: Sendable, Equatable {
    /// Curvatures, largest first (h_i = 1/i).
    let curvatures: [Double]
    /// Noise scale c: the gradient-noise variance of direction i is c h_i / B.
    let noise: Double
    /// E[x_0^2] on every direction.
    let start: Double

    init(dimensions: Int, noise: Double, start: Double = 1) {
        curvatures = (1...max(dimensions, 1)).map { 1 / Double($0) }
        self.noise = noise
        self.start = start
    }

    /// The expected loss at step 0.
    var initialLoss: Double { curvatures.reduce(0) { $0 + 0.5 * $1 * start } }

    /// The largest stable learning rate, 2 / h_max: above it the stiffest direction grows.
    var stabilityLimit: Double { 2 / (curvatures.first ?? 1) }

    /// The expected loss after `steps` steps of SGD with learning rate `rate` and batch `batch`.
    func expectedLoss(rate a: Double, batch: Double, steps t: Int) -> Double {
        var total = 0.0
        for h in curvatures {
            let q = 1 - a * h
            let s = a * noise / (batch * (2 - a * h))
            total += 0.5 * h * (Foundation.pow(q * q, Double(t)) * (start - s) + s)
        }
        return total
    }

    /// The expected loss as the recursion runs, one value per step 0...steps (for curves).
    func lossCurve(rate a: Double, batch: Double, steps: Int) -> [Double] {
        var second = [Double](repeating: start, count: curvatures.count)
        var out: [Double] = []
        out.reserveCapacity(steps + 1)
        for t in 0...steps {
            var total = 0.0
            for (i, h) in curvatures.enumerated() { total += 0.5 * h * second[i] }
            out.append(total)
            if t == steps { break }
            for (i, h) in curvatures.enumerated() {
                let q = 1 - a * h
                second[i] = q * q * second[i] + a * a * noise * h / batch
            }
        }
        return out
    }

    /// The first step t at which the expected loss is at or below `target`, or nil when it
    /// never gets there within `cap` steps (or at all). Exact: where every direction's
    /// expected square decreases (s <= x_0^2) the loss is monotone in t and a bisection on
    /// the closed form finds the first crossing; otherwise, unless a lower bound already
    /// rules the target out, the recursion is stepped.
    func stepsToTarget(rate a: Double, batch: Double, target: Double, cap: Int) -> Int? {
        guard a > 0, a < stabilityLimit else { return nil }
        if initialLoss <= target { return 0 }
        var monotone = true
        var floor = 0.0   // a lower bound of the loss at every t
        for h in curvatures {
            let s = a * noise / (batch * (2 - a * h))
            if s > start {
                monotone = false
                floor += 0.5 * h * start
            } else {
                floor += 0.5 * h * s
            }
        }
        if floor > target { return nil }
        if monotone {
            guard expectedLoss(rate: a, batch: batch, steps: cap) <= target else { return nil }
            var lo = 0, hi = cap   // loss(lo) > target >= loss(hi)
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if expectedLoss(rate: a, batch: batch, steps: mid) <= target { hi = mid } else { lo = mid }
            }
            return hi
        }
        var second = [Double](repeating: start, count: curvatures.count)
        for t in 1...cap {
            var total = 0.0
            for (i, h) in curvatures.enumerated() {
                let q = 1 - a * h
                second[i] = q * q * second[i] + a * a * noise * h / batch
                total += 0.5 * h * second[i]
            }
            if total <= target { return t }
        }
        return nil
    }

    /// The learning rate (from `rates`) reaching the target in the fewest steps, and those
    /// steps; ties go to the smaller rate. Nil when no rate reaches the target.
    func best(batch: Double, rates: [Double], target: Double, cap: Int) -> (rate: Double, steps: Int)? {
        var best: (rate: Double, steps: Int)? = nil
        var limit = cap
        for a in rates.sorted() {
            guard let steps = stepsToTarget(rate: a, batch: batch, target: target, cap: limit) else { continue }
            if best == nil || steps < best!.steps {
                best = (a, steps)
                limit = steps
            }
        }
        return best
    }
}
