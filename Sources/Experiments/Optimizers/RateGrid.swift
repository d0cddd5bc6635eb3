import Foundation

/// Learning rates spaced evenly on a logarithmic axis: 10^(k / perDecade) for every whole
/// k between the two ends (which snap to that grid). Every cell computes its rates with
/// the same formula, so equal settings give bit-identical rates and share cached trials.
enum RateGrid {
    static func rates(lowest: Double, highest: Double, perDecade: Int) -> [Double] {
        let p = Double(max(perDecade, 1))
        let first = Int((Foundation.log10(lowest) * p).rounded())
        let last = Int((Foundation.log10(highest) * p).rounded())
        guard last >= first else { return [] }
        return (first...last).map { Foundation.pow(10, Double($0) / p) }
    }

    /// Whether a rate lies on the grid of `perDecade` rates per decade (to 0.1%).
    static func isOnGrid(_ rate: Double, perDecade: Int) -> Bool {
        let k = Foundation.log10(rate) * Double(perDecade)
        return rate > 0 && abs(k - k.rounded()) < 1e-3 * Double(perDecade)
    }

    /// A rate as people write it: 0.001, 0.0022, 3e-05 become `1e-3`, `2.2e-3`, `3e-5`.
    static func label(_ rate: Double) -> String {
        guard rate > 0, rate.isFinite else { return String(rate) }
        if rate >= 0.01 && rate < 100 { return String(format: "%.2g", rate) }
        var exponent = Int(Foundation.floor(Foundation.log10(rate) + 1e-9))
        var mantissa = String(format: "%.2g", rate / Foundation.pow(10, Double(exponent)))
        if mantissa == "10" { mantissa = "1"; exponent += 1 }
        return "\(mantissa)e\(exponent)"
    }
}
