import Foundation

/// How one comparison of a claim on sampled metrics was decided: the mean difference
/// between its sides (left minus right), its 95% interval, the method and the seeds behind
/// it. Recorded in `run.json` and `data/<cell>.json` and shown beside the claim.
public struct ClaimInterval: Codable, Sendable, Equatable {
    /// The interval's construction.
    public enum Method: String, Codable, Sendable {
        /// Student's t interval of the mean of per-seed differences: both sides evaluated
        /// with the same seed's values (a number stays a constant), then the differences.
        case pairedT = "paired t"
        /// Welch's t interval of the difference of two means, for sides measured over
        /// different seeds (different counts, or different cells), with the
        /// Welch-Satterthwaite degrees of freedom.
        case welchT = "Welch t"
    }

    /// How the interval was built: paired or Welch's t.
    public var method: Method
    /// The seeds behind each mean: one count for a paired interval, one per side for Welch's.
    public var seeds: [Int]
    /// The mean difference, left side minus right side.
    public var difference: Double
    /// The 95% interval of the difference (NaN when there is none; see `reason`).
    public var low: Double
    /// The upper end of the 95% interval (NaN when there is none).
    public var high: Double
    /// The interval's degrees of freedom (fractional for Welch's).
    public var degreesOfFreedom: Double
    /// What this comparison concluded.
    public var verdict: ClaimVerdict
    /// Why there is no interval or why it decided nothing on its own (one seed, a seed
    /// whose value is not a finite number); nil otherwise.
    public var reason: String?

    /// The paired t interval of the mean of `differences`.
    static func paired(_ differences: [Double]) -> ClaimInterval {
        let summary = SampleSummary(differences)
        return ClaimInterval(method: .pairedT, seeds: [differences.count], difference: summary.mean,
                             low: summary.intervalLow, high: summary.intervalHigh,
                             degreesOfFreedom: Double(differences.count - 1), verdict: .undecided)
    }

    /// Welch's t interval of mean(`a`) - mean(`b`).
    static func welch(_ a: [Double], _ b: [Double]) -> ClaimInterval {
        let x = SampleSummary(a), y = SampleSummary(b)
        let va = x.standardDeviation * x.standardDeviation / Double(a.count)
        let vb = y.standardDeviation * y.standardDeviation / Double(b.count)
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let difference = x.mean - y.mean
        // Two constant sides: the difference is exact (and Welch's degrees of freedom are 0/0).
        let half = va + vb == 0 ? 0
            : StudentT.quantile(1 - (1 - SampleSummary.confidence) / 2, degreesOfFreedom: df) * (va + vb).squareRoot()
        return ClaimInterval(method: .welchT, seeds: [a.count, b.count], difference: difference,
                             low: difference - half, high: difference + half,
                             degreesOfFreedom: va + vb == 0 ? .infinity : df, verdict: .undecided)
    }

    /// `difference 0.008, 95% interval -0.004 to 0.02 (paired t, 5 seeds)`.
    public var description: String {
        let seedText = seeds.count == 1 ? "\(seeds[0]) seed\(seeds[0] == 1 ? "" : "s")"
            : seeds.map(String.init).joined(separator: " and ") + " seeds"
        var text = "difference \(Self.number(difference))"
        if low.isNaN || high.isNaN {
            text += ", no interval"
        } else {
            text += ", \(Int(SampleSummary.confidence * 100))% interval \(Self.number(low)) to \(Self.number(high))"
        }
        text += " (\(method.rawValue), \(seedText))"
        if let reason { text += ": \(reason)" }
        return text
    }

    /// Four significant digits, as tables print them.
    static func number(_ value: Double) -> String { NumberFormat.automatic.format(value) }
}
