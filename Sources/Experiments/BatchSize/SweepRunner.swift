import Dispatch
import Foundation
import Notebook
import Tensor

/// Runs independent trials on `jobs` workers, each result in its own slot so the output
/// does not depend on the order trials finish in. BLAS is held to one thread meanwhile.
/// Progress reports trials done, trials left and an estimate of the time left.
enum SweepRunner {
    static func run<Value: Sendable>(count: Int, jobs: Int, label: String,
                                     progress: @escaping @Sendable (String, Double) -> Void,
                                     order: [Int]? = nil,
                                     trial: @escaping @Sendable (Int) throws -> Value) throws -> [Value] {
        let slots = SweepSlots<Value>(count: count)
        let schedule = order ?? Array(0..<count)
        let started = ContinuousClock.now
        let workers = max(1, min(jobs, count))
        BLASThreads.with(1) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let position = slots.claim() {
                    let index = schedule[position]
                    let outcome: Result<Value, Error>
                    do { outcome = .success(try trial(index)) } catch { outcome = .failure(error) }
                    let done = slots.store(index, outcome)
                    let elapsed = ContinuousClock.now - started
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                    let left = done < count ? seconds / Double(done) * Double(count - done) : 0
                    progress("\(label) \(done)/\(count), \(count - done) left, about \(Int(left.rounded())) s to go",
                             Double(done) / Double(max(count, 1)))
                }
            }
        }
        return try slots.values()
    }
}

/// Result slots filled by parallel workers, plus the shared queue position.
private final class SweepSlots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Result<Value, Error>?]
    private var next = 0
    private var finished = 0
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < storage.count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores a result and returns how many trials have finished.
    func store(_ index: Int, _ value: Result<Value, Error>) -> Int {
        lock.lock()
        defer { lock.unlock() }
        storage[index] = value
        finished += 1
        return finished
    }

    func values() throws -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return try storage.map { try $0!.get() }
    }
}
