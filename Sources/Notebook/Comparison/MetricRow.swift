import Foundation

/// One metric of one cell across the runs.
public struct MetricRow: Sendable {
    /// The id of the cell the metric belongs to.
    public var cell: String
    /// The metric's name in the cell (`final.test_loss`).
    public var metric: String
    /// The value per run; nil where the run lacks the cell or the metric. NaN marks a diverged run.
    public var values: [Double?]

    /// Which way the metric improves, read from its name; decides whether a change is marked better or worse.
    public var direction: MetricDirection { MetricDirection(metric: metric) }

    /// Whether the runs that have the metric disagree (NaN equals NaN here).
    public var changed: Bool {
        let present = values.compactMap { $0 }
        guard let first = present.first else { return false }
        return present.contains { !Self.same($0, first) }
    }

    /// Run `index` minus the baseline; nil when either is missing or not finite.
    public func difference(_ index: Int) -> Double? {
        guard let base = values[0], let value = values[index], base.isFinite, value.isFinite else { return nil }
        return value - base
    }

    /// The difference as a share of the baseline's magnitude (0.05 is 5%); nil when the
    /// baseline is zero or either value is missing.
    public func relativeChange(_ index: Int) -> Double? {
        guard let difference = difference(index), let base = values[0], base != 0 else { return nil }
        return difference / abs(base)
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}
