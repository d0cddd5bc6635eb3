import Foundation
import Learning

/// Workload W1 of WORKLOADS.md: a 2-16-16-2 tanh MLP trained with Adam (lr 0.01) for 300
/// epochs of minibatches of 32 on the 400-point spiral. Check: final training accuracy.
enum SpiralTrainingBench {
    static let workload = BenchWorkload(name: "W1") { repeats in
        let data = try Datasets.spiral(pointsPerClass: 200, turns: 1.75, noise: 0.1, seed: 0)
        let initial = try Network(input: 2, hidden: [16, 16], output: 2, activation: .tanh,
                                  initializer: .glorotUniform, seed: 0)
        let trainer = Trainer(TrainingConfiguration(
            epochs: 300, batchSize: 32, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
            learningRate: 0.01, seed: 0, trainMetrics: .none))
        var times: [Double] = []
        var accuracy = 0.0
        for _ in 0..<max(repeats, 1) {
            var network = initial
            var history = TrainingHistory()
            times.append(try Benchmarks.time { history = try trainer.train(&network, on: data) })
            accuracy = history.finalTrain?.accuracy ?? 0
        }
        return BenchResult(workload: "W1", seconds: Benchmarks.median(times), repeats: max(repeats, 1),
                           check: accuracy)
    }
}

/// Thrown by a workload that cannot run yet; `lessonbook bench` reports and skips it.
struct BenchUnavailable: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is not available yet" }
}
