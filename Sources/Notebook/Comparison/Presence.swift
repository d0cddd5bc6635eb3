import Foundation

/// Something present in only some runs: a cell, or a metric, series, figure or table of a cell.
public struct Presence: Sendable, Equatable {
    /// What is present: a whole cell, or one of its metrics, series, figures or tables.
    public enum Kind: String, Sendable { case cell, metric, series, figure, table }
    /// What kind of thing is present.
    public var kind: Kind
    /// The id of the cell (of the cell itself, or the one the thing belongs to).
    public var cell: String
    /// The metric, series or figure name (the cell id for a cell).
    public var name: String
    /// The indices of the runs that have it.
    public var runs: [Int]
}
