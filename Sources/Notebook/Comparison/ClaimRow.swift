import Foundation

/// One claim of one cell across the runs.
public struct ClaimRow: Sendable {
    /// The id of the cell the claim belongs to.
    public var cell: String
    /// The claim as written (`final.train_accuracy >= 0.95`).
    public var claim: String
    /// Each run's result; nil where the run lacks the cell or the claim.
    public var results: [ClaimResult?]

    /// Has one verdict in at least one run and another in at least one other (holds in
    /// one and fails or is undecided in another, and so on).
    public var flips: Bool {
        let verdicts = Set(results.compactMap { $0?.verdict })
        return verdicts.count > 1
    }
}
