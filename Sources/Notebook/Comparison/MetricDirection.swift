import Foundation

/// Which way a metric improves, read from its name: a loss or an error should go down,
/// an accuracy up. Other metrics (counts, ratios, norms) have no direction, and their
/// changes are reported without a verdict.
public enum MetricDirection: String, Sendable, Equatable {
    /// A loss or an error: a decrease is better.
    case lowerIsBetter
    /// An accuracy: an increase is better.
    case higherIsBetter
    /// Neither: changes are reported without a verdict.
    case none

    /// The direction of a metric named like `final.test_loss` or `best.accuracy`.
    public init(metric name: String) {
        let lowered = name.lowercased()
        if lowered.contains("loss") || lowered.contains("error") {
            self = .lowerIsBetter
        } else if lowered.contains("accuracy") {
            self = .higherIsBetter
        } else {
            self = .none
        }
    }

    /// Whether a change by `difference` is an improvement (nil: no direction, or no change).
    public func isImprovement(_ difference: Double) -> Bool? {
        guard difference != 0, !difference.isNaN else { return nil }
        switch self {
        case .lowerIsBetter: return difference < 0
        case .higherIsBetter: return difference > 0
        case .none: return nil
        }
    }
}
