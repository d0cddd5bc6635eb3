/// What a metric path in a claim stands for: one number, or the per-seed values of a
/// metric measured over seeds (`CellResult.samples`), which makes the claim one decided
/// on an interval.
public enum MetricValue: Sendable, Equatable {
    /// A single number, compared as it is.
    case number(Double)
    /// The values in seed order, and the cell that measured them: values of one cell pair
    /// up by seed, values of different cells do not.
    case samples([Double], cell: String)
}
