import Foundation

/// Something present in only some runs: a cell, or a metric, series or figure of a cell.
public struct Presence: Sendable, Equatable {
    public enum Kind: String, Sendable { case cell, metric, series, figure, table }
    public var kind: Kind
    public var cell: String
    /// The metric, series or figure name (the cell id for a cell).
    public var name: String
    /// The indices of the runs that have it.
    public var runs: [Int]
}
