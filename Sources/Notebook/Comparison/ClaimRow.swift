import Foundation

/// One claim of one cell across the runs.
public struct ClaimRow: Sendable {
    public var cell: String
    /// The claim as written (`final.train_accuracy >= 0.95`).
    public var claim: String
    /// Each run's result; nil where the run lacks the cell or the claim.
    public var results: [ClaimResult?]

    /// Holds in at least one run and fails in at least one other.
    public var flips: Bool {
        let verdicts = Set(results.compactMap { $0?.holds })
        return verdicts.count == 2
    }
}
