import Foundation
import Notebook
import Tensor

/// The one way a kind runs the trials of its sweep: independent trials on `jobs` workers
/// (through `ParallelTrials`, so BLAS is held to one thread and each result lands in its
/// own slot: the output does not depend on the order trials finish in), each usually
/// served by or stored in the trial cache (`context.trials`), with one progress line. `order` lists trial indices in the order to start them (the
/// slowest first keeps the workers busy to the end). Progress reports trials done,
/// trials left and an estimate of the time left.
enum SweepRunner {
    static func run<Value: Sendable>(count: Int, jobs: Int, label: String,
                                     progress: @escaping @Sendable (String, Double) -> Void,
                                     order: [Int]? = nil,
                                     trial: @escaping @Sendable (Int) throws -> Value) throws -> [Value] {
        let schedule = order ?? Array(0..<count)
        let started = ContinuousClock.now
        let done = ParallelTrials.Counter()
        let byPosition = try ParallelTrials.map(count, jobs: max(1, jobs)) { position -> (Int, Value) in
            let index = schedule[position]
            let value = try trial(index)
            let finished = done.increment()
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let left = finished < count ? seconds / Double(finished) * Double(count - finished) : 0
            progress("\(label) \(finished)/\(count), \(count - finished) left, about \(Int(left.rounded())) s to go",
                     Double(finished) / Double(max(count, 1)))
            return (index, value)
        }
        var values = [Value?](repeating: nil, count: count)
        for (index, value) in byPosition { values[index] = value }
        return values.map { $0! }
    }
}
