import Foundation
import Learning
import Tensor

/// Training speed against batch size: examples processed per second by plain SGD on one
/// core, BLAS held to one thread. Larger batches turn many small matrix-vector products
/// into fewer matrix-matrix products, which a CPU (and far more a GPU) runs faster per
/// example. Wall-clock numbers: they differ from run to run and machine to machine.
///
/// Each batch size is timed once per process (`Memo`): the runs of a cell with more
/// seeds and an exercise's changed grid report the speed already measured for the same
/// data, network and batch instead of timing it again.
enum Throughput {
    /// What one measurement depends on.
    struct Setting: Hashable, Sendable {
        var data: BatchData.Spec
        var hidden: [Int]
        var batch: Int
        var examples: Int
        var seed: UInt64
    }

    /// The speeds measured so far in this process, by setting.
    static let memo = LoadedOnce<Setting, Double>()

    static func measure(data: BatchData, spec: BatchData.Spec, hidden: [Int], batchSizes: [Int], examples: Int,
                        seed: UInt64) -> [Double] {
        batchSizes.map { batch in
            memo.value(Setting(data: spec, hidden: hidden, batch: batch, examples: examples, seed: seed)) {
                BLASThreads.with(1) { measure(data: data, hidden: hidden, batch: batch, examples: examples, seed: seed) }
            }
        }
    }

    /// Examples per second at one batch size: the fastest of two repeats.
    static func measure(data: BatchData, hidden: [Int], batch: Int, examples: Int, seed: UInt64) -> Double {
        let n = min(data.train.count, max(examples, batch))
        let chunk = data.train.subset(Array(0..<n))
        var best = Double.infinity
        // The fastest of two repeats: the less disturbed by other work.
        for _ in 0..<2 {
            guard var network = try? Network(input: chunk.features.columns, hidden: hidden, output: 10,
                                             activation: .relu, initializer: .heNormal, seed: seed) else { return .nan }
            var configuration = TrainingConfiguration(epochs: max(1, examples / n), batchSize: batch,
                                                      optimizer: .sgd(), learningRate: 0.01, seed: seed, trainMetrics: .none)
            // Only the steps are timed: no pass after the last epoch to measure the chunk.
            configuration.finalMetrics = false
            let trainer = Trainer(configuration)
            let start = ContinuousClock.now
            guard let history = try? trainer.train(&network, train: chunk) else { return .nan }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds / Double(max(history.stepCount * batch, 1)))
        }
        return 1 / best
    }
}
