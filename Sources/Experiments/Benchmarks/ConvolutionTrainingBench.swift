import Foundation
import Learning
import Tensor

/// Workload W5 (`bench/WORKLOADS.md`): one epoch of the look-ahead lesson's CNN
/// (`ShiftTrial`: 8 filters of 5 x 5, ReLU, 2 x 2 max pooling, 16 filters of 3 x 3, ReLU,
/// 2 x 2 max pooling, a linear layer to 10 classes) with Adam (lr 0.001) on minibatches
/// of 64, over 6,000 synthetic 28 x 28 images whose class is where a bright square sits.
/// Check: training accuracy after the epoch.
enum ConvolutionTrainingBench {
    static let images = 6_000
    static let side = 28

    /// Uniform noise in [0, 0.5) plus, for class c, a 6 x 6 square of +0.5 whose corner is
    /// at row 4 + 14 (c / 5), column 1 + 5 (c mod 5).
    static func data(seed: UInt64) throws -> DataSplit {
        var rng = SeededGenerator(seed: seed)
        var x = Matrix<Float>(rows: images, columns: side * side)
        var labels: [Int] = []
        for r in 0..<images {
            let c = rng.integer(below: 10)
            labels.append(c)
            for p in 0..<(side * side) { x[r, p] = 0.5 * rng.uniformFloat() }
            let top = 4 + 14 * (c / 5), left = 1 + 5 * (c % 5)
            for y in top..<(top + 6) { for col in left..<(left + 6) { x[r, y * side + col] += 0.5 } }
        }
        return DataSplit(features: x, labels: labels)
    }

    static let workload = BenchWorkload(name: "W5") { repeats in
        let train = try data(seed: 0)
        let specs: [LayerSpec] = [.convolution(filters: 8, kernel: 5, stride: 1, padding: 2), .activation(.relu),
                                  .maxPool(size: 2, stride: 2), .convolution(filters: 16, kernel: 3, stride: 1, padding: 1),
                                  .activation(.relu), .maxPool(size: 2, stride: 2), .flatten, .dense(units: 10)]
        let initial = try Network(input: side * side, layers: specs, initializer: .heNormal, seed: 0)
        return try Benchmarks.training("W5", initial: initial, epochs: 1, batchSize: 64, learningRate: 0.001,
                                       repeats: repeats) { trainer, network in try trainer.train(&network, train: train) }
    }
}
