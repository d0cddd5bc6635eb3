import Dispatch
import Foundation

/// Runs independent trials of a sweep on all cores, with OpenBLAS held to one thread
/// for the duration (each trial's products then stay on its own core). Results come back
/// in trial order, so a sweep's output does not depend on scheduling.
public enum ParallelTrials {
    /// `body(i)` for every i in `0..<count`, in parallel; the results in index order.
    /// When trials throw, the error of the lowest-numbered failing trial is rethrown after
    /// all trials have finished.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        BLASThreads.with(1) {
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.set(i, Result { try body(i) })
            }
        }
        return try slots.values.map { try $0!.get() }
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
