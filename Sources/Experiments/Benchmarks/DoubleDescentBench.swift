import Foundation
import Learning
import Tensor

/// Workload W3 of WORKLOADS.md: random ReLU features on d = 20 inputs, fitted by
/// minimum-norm least squares on 200 training points, for 20 widths log-evenly from 10
/// to 2,000 and 10 seeds (200 fits), seeds in parallel with BLAS on one thread each.
/// Check: test error at the width closest to 200 over the error at 2,000.
///
/// Each seed runs the double-descent lesson's own `RandomFeatureSweep` (the code a
/// `random-features` cell runs), with the regression target as its single output column
/// and penalty 0: nested features drawn once for 2,000 widths, the Gram matrix read by
/// leading blocks below the threshold and the kernel grown feature block by feature block
/// above it, solved by Cholesky in Double (the SVD where Cholesky refuses). Its 1/sqrt(p)
/// feature scale does not change a minimum-norm prediction.
enum DoubleDescentBench {
    static let d = 20, trainCount = 200, testCount = 2000, seeds = 10

    /// The 20 widths, rounded and deduplicated as the peer script does.
    static var widths: [Int] {
        let values = (0..<20).map { i in
            Int((Foundation.pow(10, 1 + Double(i) * (Foundation.log10(2000) - 1) / 19)).rounded())
        }
        return Array(Set(values)).sorted()
    }

    /// One seed's data: x ~ N(0, I_d / d), y = <beta, x> + 0.5 noise with beta ~ N(0, I_d),
    /// as a sweep over `widths` (features drawn from the seed's next number); `useSVD`
    /// solves every width by the SVD instead (the reference the tests compare with).
    static func sweep(seed: Int, widths: [Int], useSVD: Bool = false) -> (sweep: RandomFeatureSweep, featureSeed: UInt64) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let beta = (0..<d).map { _ in rng.normal() }
        let x = rng.normalMatrix(rows: trainCount + testCount, columns: d,
                                 standardDeviation: 1 / Double(d).squareRoot(), as: Double.self)
        var y = Matrix<Double>(rows: trainCount + testCount, columns: 1)
        for i in 0..<y.rows {
            var s = 0.0
            for j in 0..<d { s += beta[j] * x[i, j] }
            y.storage[i] = s + 0.5 * rng.normal()
        }
        let n = trainCount, all = trainCount + testCount
        let sweep = RandomFeatureSweep(trainInputs: x.rows(0..<n), testInputs: x.rows(n..<all), kind: .relu(bias: 0),
                                       grid: widths, penalties: [0], targets: y.rows(0..<n),
                                       testTargets: y.rows(n..<all), testLabels: nil, useSVD: useSVD)
        return (sweep, rng.next())
    }

    /// Test mean squared errors of one seed at every width (ascending).
    static func testErrors(seed: Int, widths: [Int], useSVD: Bool = false) throws -> [Double] {
        let (sweep, featureSeed) = sweep(seed: seed, widths: widths, useSVD: useSVD)
        return try sweep.run(seed: featureSeed).testLoss
    }

    static let workload = BenchWorkload(name: "W3") { repeats in
        let ws = widths
        var times: [Double] = []
        var ratio = 0.0
        for _ in 0..<max(repeats, 1) {
            var errors: [[Double]] = []
            times.append(try Benchmarks.time {
                errors = try ParallelTrials.map(seeds) { seed in try testErrors(seed: seed, widths: ws) }
            })
            let mean = (0..<ws.count).map { j in errors.reduce(0.0) { $0 + $1[j] } / Double(seeds) }
            let peak = ws.indices.min { abs(ws[$0] - trainCount) < abs(ws[$1] - trainCount) } ?? 0
            ratio = mean[peak] / mean[ws.count - 1]
        }
        return BenchResult(workload: "W3", seconds: Benchmarks.median(times), repeats: max(repeats, 1),
                           check: (ratio * 1000).rounded() / 1000)
    }
}
