import Dispatch
import Foundation
import Synchronization

/// Runs independent trials of a sweep on all cores, with OpenBLAS held to one thread
/// for the duration (each trial's products then stay on its own core). Results come back
/// in trial order, so a sweep's output does not depend on scheduling.
public enum ParallelTrials {
    /// `body(i)` for every i in `0..<count`, in parallel on up to `jobs` threads (all
    /// cores when nil); the results in index order. A trial that throws does not stop the
    /// others: every trial runs, and then the error of the lowest-numbered failing trial is
    /// rethrown, a real failure in preference to a `DeferredTrial` (a trial left to another
    /// process), so a shard of a sweep computes all of its own trials and still reports a
    /// trial that failed.
    public static func map<T: Sendable>(_ count: Int, jobs: Int? = nil,
                                        _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        BLASThreads.with(1) {
            if let jobs, jobs < count {
                // A fixed pool of workers taking the next trial index in turn.
                let next = Counter()
                DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { _ in
                    while true {
                        let i = next.increment() - 1
                        guard i < count else { break }
                        slots.set(i, Result { try body(i) })
                    }
                }
            } else {
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    slots.set(i, Result { try body(i) })
                }
            }
        }
        let results = slots.values.map { $0! }
        var deferred: Error? = nil
        for result in results {
            guard case .failure(let error) = result else { continue }
            if error is DeferredTrial {
                if deferred == nil { deferred = error }
            } else {
                throw error
            }
        }
        if let deferred { throw deferred }
        return results.map { try! $0.get() }
    }

    /// A counter that parallel trials share, for progress reports ("trial 3/20").
    public final class Counter: Sendable {
        private let value = Mutex(0)

        public init() {}

        /// Adds one and returns the new value (1 on the first call).
        public func increment() -> Int {
            value.withLock { value in
                value += 1
                return value
            }
        }
    }
}

/// An error by which a trial says it was not run here, left to another process (a trial
/// outside this shard of a sweep, not cached yet), as opposed to having failed.
/// `ParallelTrials.map` rethrows a real failure in preference to one of these.
public protocol DeferredTrial: Error {}

/// One slot per trial, written once by the worker that ran it.
/// A trial's value need not be `Sendable`: each is handed over once, under the mutex,
/// from the worker that computed it to the caller that reads them all.
private final class Slots<T>: Sendable {
    private let storage: Mutex<[Result<T, Error>?]>

    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Result<T, Error>) {
        storage.withLock { $0[index] = value }
    }

    var values: [Result<T, Error>?] {
        storage.withLock { $0 }
    }
}
