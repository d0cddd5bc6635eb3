import Foundation
import Learning

/// One benchmark workload of the shared bench (`WORKLOADS.md`): it times only its own
/// region (no data generation) and reports the median over repeats.
public struct BenchWorkload: Sendable {
    /// `W1` ... `W4`.
    public let name: String
    /// Runs the workload `repeats` times and reports the median time and the check value.
    public let run: @Sendable (_ repeats: Int) throws -> BenchResult

    init(name: String, run: @escaping @Sendable (_ repeats: Int) throws -> BenchResult) {
        self.name = name
        self.run = run
    }
}

/// One JSON line of `lessonbook bench --json`, in the format `compare.sh` reads.
public struct BenchResult: Codable, Sendable {
    public var workload: String
    public var impl: String
    public var seconds: Double
    public var repeats: Int
    public var check: Double

    init(workload: String, impl: String = "lessonbook", seconds: Double, repeats: Int, check: Double) {
        self.workload = workload
        self.impl = impl
        self.seconds = seconds
        self.repeats = repeats
        self.check = check
    }
}

/// The workloads in the order `lessonbook bench` runs them.
public enum Benchmarks {
    public static let all: [BenchWorkload] = [
        SpiralTrainingBench.workload,   // W1
        BatchGridBench.workload,        // W2
        DoubleDescentBench.workload,    // W3
        FigureRenderingBench.workload,  // W4
        ConvolutionTrainingBench.workload,  // W5 (bench/WORKLOADS.md)
    ]

    /// Median of a list of times, in seconds.
    static func median(_ times: [Double]) -> Double {
        let sorted = times.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// A training workload (W1, W5): a copy of `initial` trained `repeats` times (at least
    /// once) by `train` with Adam at PyTorch's constants, seed 0 and no per-epoch metrics.
    /// The seconds are the median run's, the check the last run's final training accuracy.
    static func training(_ workload: String, initial: Network, epochs: Int, batchSize: Int, learningRate: Float,
                         repeats: Int, train: (Trainer, inout Network) throws -> TrainingHistory) throws -> BenchResult {
        let trainer = Trainer(TrainingConfiguration(
            epochs: epochs, batchSize: batchSize, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
            learningRate: learningRate, seed: 0, trainMetrics: .none))
        var times: [Double] = []
        var accuracy = 0.0
        for _ in 0..<max(repeats, 1) {
            var network = initial
            var history = TrainingHistory()
            times.append(try time { history = try train(trainer, &network) })
            accuracy = history.finalTrain?.accuracy ?? 0
        }
        return BenchResult(workload: workload, seconds: median(times), repeats: max(repeats, 1), check: accuracy)
    }

    /// Wall-clock seconds taken by `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
