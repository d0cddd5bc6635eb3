import Foundation
import Learning
import Tensor

/// Workload W2 of WORKLOADS.md: the W1 network trained with plain SGD for 100 epochs on
/// every cell of batch size {8, 32, 128, 400} x learning rate {0.01, 0.03, 0.1, 0.3, 1}
/// x 2 seeds (40 runs), the runs in parallel on all cores with BLAS held to one thread.
/// Check: the number of runs whose final training loss is below 0.5.
enum BatchGridBench {
    static let workload = BenchWorkload(name: "W2") { repeats in
        let data = try Datasets.spiral(pointsPerClass: 200, turns: 1.75, noise: 0.1, seed: 0)
        var grid: [(batch: Int, rate: Float, seed: UInt64)] = []
        for batch in [8, 32, 128, 400] {
            for rate: Float in [0.01, 0.03, 0.1, 0.3, 1.0] {
                for seed: UInt64 in [0, 1] { grid.append((batch, rate, seed)) }
            }
        }
        let runs = grid
        let initial = try [0, 1].map { seed in
            try Network(input: 2, hidden: [16, 16], output: 2, activation: .tanh,
                        initializer: .glorotUniform, seed: UInt64(seed))
        }
        var times: [Double] = []
        var good = 0
        for _ in 0..<max(repeats, 1) {
            var losses: [Double] = []
            times.append(try Benchmarks.time {
                losses = try ParallelTrials.map(runs.count) { i in
                    let run = runs[i]
                    var network = initial[Int(run.seed)]
                    let trainer = Trainer(TrainingConfiguration(
                        epochs: 100, batchSize: run.batch, optimizer: .sgd(), learningRate: run.rate,
                        seed: run.seed, trainMetrics: .none))
                    return try trainer.train(&network, on: data).finalTrain?.loss ?? .infinity
                }
            })
            good = losses.filter { $0 < 0.5 }.count
        }
        return BenchResult(workload: "W2", seconds: Benchmarks.median(times), repeats: max(repeats, 1),
                           check: Double(good))
    }
}
