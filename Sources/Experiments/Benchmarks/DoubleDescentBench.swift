import Foundation
import Learning
import Tensor

/// Workload W3 of WORKLOADS.md: random ReLU features on d = 20 inputs, fitted by
/// minimum-norm least squares on 200 training points, for 20 widths log-evenly from 10
/// to 2,000 and 10 seeds (200 fits), seeds in parallel with BLAS on one thread each.
/// Check: test error at the width closest to 200 over the error at 2,000.
enum DoubleDescentBench {
    static let d = 20, trainCount = 200, testCount = 2000, seeds = 10

    /// The 20 widths, rounded and deduplicated as the peer script does.
    static var widths: [Int] {
        let values = (0..<20).map { i in
            Int((Foundation.pow(10, 1 + Double(i) * (Foundation.log10(2000) - 1) / 19)).rounded())
        }
        return Array(Set(values)).sorted()
    }

    /// Test errors of one seed at every width.
    static func sweep(seed: Int, widths: [Int]) throws -> [Double] {
        var rng = SeededGenerator(seed: UInt64(seed))
        let beta = (0..<d).map { _ in rng.normal() }
        let x = rng.normalMatrix(rows: trainCount + testCount, columns: d,
                                 standardDeviation: 1 / Double(d).squareRoot(), as: Double.self)
        var y = Matrix<Double>(rows: trainCount + testCount, columns: 1)
        for i in 0..<y.rows {
            var s = 0.0
            for j in 0..<d { s += beta[j] * x[i, j] }
            y[i, 0] = s + 0.5 * rng.normal()
        }
        let xTrain = x.rows(0..<trainCount), yTrain = y.rows(0..<trainCount)
        let xTest = x.rows(trainCount..<(trainCount + testCount)), yTest = y.rows(trainCount..<(trainCount + testCount))
        return try widths.map { p in
            let features = RandomFeatures(kind: .relu(), inputs: d, features: p, using: &rng)
            return try features.fit(xTrain, yTrain, method: .minimumNorm()).meanSquaredError(xTest, yTest)
        }
    }

    static let workload = BenchWorkload(name: "W3") { repeats in
        let ws = widths
        var times: [Double] = []
        var ratio = 0.0
        for _ in 0..<max(repeats, 1) {
            var errors: [[Double]] = []
            times.append(try Benchmarks.time {
                errors = try ParallelTrials.map(seeds) { seed in try sweep(seed: seed, widths: ws) }
            })
            let mean = (0..<ws.count).map { j in errors.reduce(0.0) { $0 + $1[j] } / Double(seeds) }
            let peak = ws.indices.min { abs(ws[$0] - trainCount) < abs(ws[$1] - trainCount) } ?? 0
            ratio = mean[peak] / mean[ws.count - 1]
        }
        return BenchResult(workload: "W3", seconds: Benchmarks.median(times), repeats: max(repeats, 1),
                           check: (ratio * 1000).rounded() / 1000)
    }
}
