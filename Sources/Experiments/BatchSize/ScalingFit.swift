import Foundation

/// The steps-against-batch-size model of McCandlish et al. 2018, S(B) = S_min (1 + B_crit / B):
/// steps halve with each doubling of a small batch and approach S_min for a large one.
/// Fitted by weighted least squares on 1/B (weights 1 / S^2, so every point counts by its
/// relative error).
struct ScalingFit: Equatable {
    /// Fewest steps, reached with an unlimited batch.
    var minimumSteps: Double
    /// The batch size at which the steps are twice the minimum.
    var criticalBatch: Double

    func steps(_ batch: Double) -> Double { minimumSteps * (1 + criticalBatch / batch) }

    /// Nil when there are fewer than two points or the fit is not positive.
    static func fit(batchSizes: [Int], steps: [Double?]) -> ScalingFit? {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, t0 = 0.0, t1 = 0.0
        var count = 0
        for (b, s) in zip(batchSizes, steps) {
            guard let s, s.isFinite, s > 0 else { continue }
            let x = 1 / Double(b), w = 1 / (s * s)
            s0 += w; s1 += w * x; s2 += w * x * x
            t0 += w * s; t1 += w * x * s
            count += 1
        }
        let det = s0 * s2 - s1 * s1
        guard count >= 2, det > 0 else { return nil }
        let a = (s2 * t0 - s1 * t1) / det
        let b = (s0 * t1 - s1 * t0) / det
        guard a > 0, b > 0 else { return nil }
        return ScalingFit(minimumSteps: a, criticalBatch: b / a)
    }
}
