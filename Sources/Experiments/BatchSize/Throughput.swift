import Foundation
import Learning
import Tensor

/// Training speed against batch size: examples processed per second by plain SGD on one
/// core, BLAS held to one thread. Larger batches turn many small matrix-vector products
/// into fewer matrix-matrix products, which a CPU (and far more a GPU) runs faster per
/// example. Wall-clock numbers: they differ from run to run and machine to machine.
enum Throughput {
    static func measure(data: BatchData, hidden: [Int], batchSizes: [Int], examples: Int, seed: UInt64) -> [Double] {
        BLASThreads.with(1) {
            batchSizes.map { batch in
                let n = min(data.train.count, max(examples, batch))
                let chunk = data.train.subset(Array(0..<n))
                var best = Double.infinity
                // The fastest of two repeats: the less disturbed by other work.
                for _ in 0..<2 {
                    guard var network = try? Network(input: chunk.features.columns, hidden: hidden, output: 10,
                                                     activation: .relu, initializer: .heNormal, seed: seed) else { return .nan }
                    let trainer = Trainer(TrainingConfiguration(epochs: max(1, examples / n), batchSize: batch,
                                                                optimizer: .sgd(), learningRate: 0.01, seed: seed,
                                                                trainMetrics: .none))
                    let start = ContinuousClock.now
                    guard let history = try? trainer.train(&network, train: chunk) else { return .nan }
                    let elapsed = ContinuousClock.now - start
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                    best = min(best, seconds / Double(max(history.stepCount * batch, 1)))
                }
                return 1 / best
            }
        }
    }
}
