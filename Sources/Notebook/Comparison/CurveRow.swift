import Foundation

/// A named series of one cell, present in two or more runs.
public struct CurveRow: Sendable {
    /// The id of the cell the series belongs to.
    public var cell: String
    /// The series' name in the cell (`loss.train`).
    public var name: String
    /// The series per run; nil where the run lacks it.
    public var series: [Series?]

    /// Whether every run that has the series has exactly the same points.
    public var identical: Bool {
        let present = series.compactMap { $0 }
        return present.allSatisfy { $0 == present[0] }
    }
}
