import Foundation

/// A parameter of one cell whose value differs between runs.
public struct SettingRow: Sendable, Equatable {
    /// The id of the cell whose setting differs.
    public var cell: String
    /// The dotted parameter (`hidden`, `optimizer.lr`), or `(experiment)` / `(seed)`.
    public var key: String
    /// The value per run as written in a lesson; nil where the run lacks the cell.
    public var values: [String?]
}
