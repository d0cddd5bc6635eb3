import Dispatch
import Foundation

/// Runs independent trials of a sweep on all cores, with OpenBLAS held to one thread
/// for the duration (each trial's products then stay on its own core). Results come back
/// in trial order, so a sweep's output does not depend on scheduling.
public enum ParallelTrials {
    /// `body(i)` for every i in `0..<count`, in parallel on up to `jobs` threads (all
    /// cores when nil); the results in index order. When trials throw, the error of the
    /// lowest-numbered failing trial is rethrown after all trials have finished.
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
        return try slots.values.map { try $0!.get() }
    }

    /// A counter that parallel trials share, for progress reports ("trial 3/20").
    public final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()

        public init() {}

        /// Adds one and returns the new value (1 on the first call).
        public func increment() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}

/// One slot per trial, written once by the worker that ran it.
private final class Slots<T>: @unchecked Sendable {
    private var storage: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<T, Error>) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Result<T, Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
