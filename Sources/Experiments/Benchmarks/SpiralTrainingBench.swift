import Foundation
import Learning

/// Workload W1 of WORKLOADS.md: a 2-16-16-2 tanh MLP trained with Adam (lr 0.01) for 300
/// epochs of minibatches of 32 on the 400-point spiral. Check: final training accuracy.
enum SpiralTrainingBench {
    static let workload = BenchWorkload(name: "W1") { repeats in
        let data = try Datasets.spiral(pointsPerClass: 200, turns: 1.75, noise: 0.1, seed: 0)
        let initial = try Network(input: 2, hidden: [16, 16], output: 2, activation: .tanh,
                                  initializer: .glorotUniform, seed: 0)
        return try Benchmarks.training("W1", initial: initial, epochs: 300, batchSize: 32, learningRate: 0.01,
                                       repeats: repeats) { trainer, network in try trainer.train(&network, on: data) }
    }
}

/// Thrown by a workload that cannot run yet; `lessonbook bench` reports and skips it.
struct BenchUnavailable: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is not available yet" }
}
