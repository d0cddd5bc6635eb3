import Foundation

/// What a metric measured once per seed summarises to: its count, mean, median, sample
/// standard deviation and the 95% t interval of its mean. The renderer offers each as a
/// derived metric (`m.mean`, `m.ci_low`, ...) to prose, claims and tables, so an author can
/// print the noise beside the number.
///
///     let summary = SampleSummary([0.91, 0.93, 0.92])
///     // summary.mean == 0.92, summary.intervalLow ≈ 0.895, summary.intervalHigh ≈ 0.945
public struct SampleSummary: Sendable, Equatable {
    /// How many values (seeds).
    public var count: Int
    /// The arithmetic mean; NaN for no values.
    public var mean: Double
    /// The middle value (the mean of the two middle ones for an even count); NaN for no values.
    public var median: Double
    /// The sample standard deviation (divisor n - 1); NaN for a single value.
    public var standardDeviation: Double
    /// The 95% t interval of the mean: mean ± t(0.975, n - 1) · sd / √n; NaN for a single value.
    public var intervalLow: Double
    /// The upper end of the 95% interval; NaN for a single value.
    public var intervalHigh: Double

    /// The confidence of every interval Lessonbook states.
    public static let confidence = 0.95

    /// The suffixes of the derived metrics, in the order `lessonbook kinds` lists them.
    public static let derivedNames = ["mean", "median", "sd", "ci_low", "ci_high", "n"]

    /// Summarises `values` (any order; the median sorts a copy).
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            (mean, median, standardDeviation, intervalLow, intervalHigh) = (.nan, .nan, .nan, .nan, .nan)
            return
        }
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        guard values.count > 1 else {
            (standardDeviation, intervalLow, intervalHigh) = (.nan, .nan, .nan)
            return
        }
        let mean = self.mean
        standardDeviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
        let half = StudentT.quantile(1 - (1 - Self.confidence) / 2, degreesOfFreedom: n - 1)
            * standardDeviation / n.squareRoot()
        intervalLow = mean - half
        intervalHigh = mean + half
    }

    /// The derived metrics of the sampled metric `name`: `name.mean`, `name.median`,
    /// `name.sd`, `name.ci_low`, `name.ci_high`, `name.n`.
    public func metrics(named name: String) -> [String: Double] {
        let values = [mean, median, standardDeviation, intervalLow, intervalHigh, Double(count)]
        var metrics: [String: Double] = [:]
        for (suffix, value) in zip(Self.derivedNames, values) { metrics["\(name).\(suffix)"] = value }
        return metrics
    }

    /// Every metric a cell offers: the kind's own, then for each sampled metric its derived
    /// ones and, where the kind did not set it, the bare name as the mean. The kind's own
    /// values always win.
    public static func metrics(_ metrics: [String: Double], samples: [String: [Double]]) -> [String: Double] {
        var all = metrics
        for (name, values) in samples {
            let summary = SampleSummary(values)
            for (derived, value) in summary.metrics(named: name) where all[derived] == nil { all[derived] = value }
            if all[name] == nil { all[name] = summary.mean }
        }
        return all
    }
}
