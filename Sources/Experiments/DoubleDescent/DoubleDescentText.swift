import Foundation
import Tensor

/// Small helpers shared by the double-descent experiments: number formatting for
/// captions, seed-parallel trials, and medians and spreads over seeds.
enum DoubleDescentText {
    /// `1000` as `1,000`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// Median, minimum and maximum over the rows of `values[seed][point]`. The median,
    /// not the mean: near the interpolation threshold single seeds differ by orders of
    /// magnitude, and one of them would set a mean.
    static func summary(_ values: [[Double]]) -> (median: [Double], low: [Double], high: [Double]) {
        guard let width = values.first?.count else { return ([], [], []) }
        var median = [Double](repeating: 0, count: width), low = median, high = median
        for j in 0..<width {
            let column = values.map { $0[j] }
            median[j] = Statistics.median(column)
            low[j] = column.min() ?? .nan
            high[j] = column.max() ?? .nan
        }
        return (median, low, high)
    }
}
