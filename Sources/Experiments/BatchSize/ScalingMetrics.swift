import Foundation

/// The numbers the lesson's claims are about, computed the same way for the experiment
/// and for the noisy quadratic model from the best learning rate and the steps to target
/// of each batch size.
///
/// - `slope.best_rate`: least-squares slope of log best rate against log batch size over
///   the batch sizes up to `slopeMaxBatch` (1 is linear scaling, Goyal et al. 2017).
/// - `best_rate.low_past_fit`, `best_rate.high_past_fit`: the lowest and highest best rate
///   over the batch sizes above `slopeMaxBatch`, where the best rate stops growing.
/// - `steps.knee_batch`: the smallest batch size whose steps are within twice the fewest
///   (McCandlish et al. 2018: at the critical batch size the steps are twice their minimum).
/// - `steps.drop_to_knee`: steps at the smallest batch over steps at the knee.
/// - `steps.gain_per_doubling_before_knee` and `..._after_knee`: by what factor the steps
///   fall per doubling of the batch, on average, up to and beyond the knee (2 is perfect
///   scaling, 1 no gain at all).
/// - `steps.critical_batch` and `steps.minimum`: the fit of `ScalingFit`.
enum ScalingMetrics {
    /// Least-squares slope of log y against log x.
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let lx = x.map { Foundation.log($0) }, ly = y.map { Foundation.log($0) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var sxy = 0.0, sxx = 0.0
        for i in lx.indices {
            sxy += (lx[i] - mx) * (ly[i] - my)
            sxx += (lx[i] - mx) * (lx[i] - mx)
        }
        return sxx > 0 ? sxy / sxx : .nan
    }

    /// Index of the smallest batch size whose steps are within twice the fewest.
    static func knee(steps: [Double?]) -> Int? {
        guard let least = steps.compactMap({ $0 }).min() else { return nil }
        return steps.indices.first { steps[$0].map { $0 <= 2 * least } ?? false }
    }

    static func compute(batchSizes: [Int], bestRates: [Double?], bestSteps: [Double?],
                        slopeMaxBatch: Int) -> [String: Double] {
        var m: [String: Double] = [:]
        for (i, b) in batchSizes.enumerated() {
            m["best_rate.b\(b)"] = bestRates[i] ?? .nan
            m["steps.b\(b)"] = bestSteps[i] ?? .nan
        }
        let small = batchSizes.indices.filter { batchSizes[$0] <= slopeMaxBatch && bestRates[$0] != nil }
        m["slope.best_rate"] = slope(small.map { Double(batchSizes[$0]) }, small.map { bestRates[$0]! })
        let large = batchSizes.indices.compactMap { batchSizes[$0] > slopeMaxBatch ? bestRates[$0] : nil }
        m["best_rate.low_past_fit"] = large.min() ?? .nan
        m["best_rate.high_past_fit"] = large.max() ?? .nan
        let smallSteps = small.filter { bestSteps[$0] != nil }
        m["slope.steps_small"] = slope(smallSteps.map { Double(batchSizes[$0]) }, smallSteps.map { bestSteps[$0]! })
        m["steps.knee_batch"] = .nan
        m["steps.drop_to_knee"] = .nan
        m["steps.gain_per_doubling_before_knee"] = .nan
        m["steps.gain_per_doubling_after_knee"] = .nan
        if let k = knee(steps: bestSteps), let atKnee = bestSteps[k] {
            m["steps.knee_batch"] = Double(batchSizes[k])
            let last = batchSizes.count - 1
            if let first = bestSteps[0] {
                m["steps.drop_to_knee"] = first / atKnee
                if k > 0 {
                    m["steps.gain_per_doubling_before_knee"] = Foundation.pow(first / atKnee,
                        1 / Foundation.log2(Double(batchSizes[k]) / Double(batchSizes[0])))
                }
            }
            if let end = bestSteps[last], k < last {
                m["steps.gain_per_doubling_after_knee"] = Foundation.pow(atKnee / end,
                    1 / Foundation.log2(Double(batchSizes[last]) / Double(batchSizes[k])))
            }
        }
        let fit = ScalingFit.fit(batchSizes: batchSizes, steps: bestSteps)
        m["steps.critical_batch"] = fit?.criticalBatch ?? .nan
        m["steps.minimum"] = fit?.minimumSteps ?? .nan
        return m
    }
}
