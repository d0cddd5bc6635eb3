import Foundation

/// Progress of the parallel searches: epochs spent by all of them against the total
/// budget, with the strategy, repetition and trial count of the search that reported,
/// and an estimate of the time left from the time taken so far.
final class SearchProgress: @unchecked Sendable {
    let total: Int
    let report: @Sendable (String, Double) -> Void
    private let started = ContinuousClock.now
    private let lock = NSLock()
    private var spent = 0

    init(total: Int, report: @escaping @Sendable (String, Double) -> Void) {
        self.total = max(total, 1)
        self.report = report
    }

    /// A callback for one search: called after each of its jobs with its outcome so far.
    func observer(_ label: String, budget: Int) -> (Search.Outcome) -> Void {
        var last = 0
        return { [self] outcome in
            let now = outcome.spent.last ?? 0
            lock.lock()
            spent += now - last
            let done = spent
            lock.unlock()
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
