import Foundation
import Synchronization

/// Progress of the parallel searches: epochs spent by all of them against the total
/// budget, with the strategy, repetition and trial count of the search that reported,
/// and an estimate of the time left from the time taken so far.
final class SearchProgress: Sendable {
    let total: Int
    let report: @Sendable (String, Double) -> Void
    private let started = ContinuousClock.now
    /// Epochs spent so far by every search, added to as each one reports.
    private let spent = Mutex(0)

    init(total: Int, report: @escaping @Sendable (String, Double) -> Void) {
        self.total = max(total, 1)
        self.report = report
    }

    /// A callback for one search: called after each of its jobs with its outcome so far.
    func observer(_ label: String, budget: Int) -> (Search.Outcome) -> Void {
        var last = 0
        return { [self] outcome in
            let now = outcome.spent.last ?? 0
            let step = now - last
            let done = spent.withLock { spent in
                spent += step
                return spent
            }
            last = now
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let fraction = Double(done) / Double(total)
            let left = fraction > 0 ? seconds / fraction * (1 - fraction) : 0
            report("\(label): \(outcome.trials.count) trials, \(now)/\(budget) epochs; about \(Int(left.rounded())) s left",
                   min(fraction, 1))
        }
    }
}
