import Foundation
import Learning
import Tensor

/// Workload W3 of WORKLOADS.md: random ReLU features on d = 20 inputs, fitted by
/// minimum-norm least squares on 200 training points, for 20 widths log-evenly from 10
/// to 2,000 and 10 seeds (200 fits), seeds in parallel with BLAS on one thread each.
/// Check: test error at the width closest to 200 over the error at 2,000.
///
/// The widths of one seed are nested, as in the double-descent lesson: the weights are
/// drawn once for 2,000 features and the model of width p uses the first p of them (each
/// width's weights are still N(0, 1), p × d). That lets one pass over the largest feature
/// matrices serve every width, instead of drawing features and running an SVD per width:
/// - p <= n: the normal equations, with the p × p Gram matrix read from one Gram matrix
///   of the widest such p (its leading block), solved by Cholesky;
/// - p > n: the minimum-norm interpolant w = F^T (F F^T)^-1 y, with the n × n kernel
///   F F^T grown by the new features' products from one width to the next.
/// Both in Double; a Gram or kernel matrix too ill-conditioned for Cholesky
/// (`LeastSquares.solvePositiveDefinite` refuses it) falls back to the SVD solver.
enum DoubleDescentBench {
    static let d = 20, trainCount = 200, testCount = 2000, seeds = 10

    /// The 20 widths, rounded and deduplicated as the peer script does.
    static var widths: [Int] {
        let values = (0..<20).map { i in
            Int((Foundation.pow(10, 1 + Double(i) * (Foundation.log10(2000) - 1) / 19)).rounded())
        }
        return Array(Set(values)).sorted()
    }

    /// relu(W x^T) for every row of `x`: one row per feature, one column per point.
    static func features(_ weights: Matrix<Double>, _ x: Matrix<Double>) -> Matrix<Double> {
        var z = Matrix<Double>(rows: weights.rows, columns: x.rows)
        Matrix.gemm(weights, x, transposeB: true, into: &z)
        z.storage.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = Swift.max(p[i], 0) } }
        return z
    }

    /// Test errors of one seed at every width (ascending); `svdEveryWidth` solves every
    /// width by the SVD instead (the reference the tests compare the fast path with).
    static func sweep(seed: Int, widths: [Int], svdEveryWidth: Bool = false) throws -> [Double] {
        var rng = SeededGenerator(seed: UInt64(seed))
        let beta = (0..<d).map { _ in rng.normal() }
        let x = rng.normalMatrix(rows: trainCount + testCount, columns: d,
                                 standardDeviation: 1 / Double(d).squareRoot(), as: Double.self)
        var y = [Double](repeating: 0, count: trainCount + testCount)
        for i in 0..<y.count {
            var s = 0.0
            for j in 0..<d { s += beta[j] * x[i, j] }
            y[i] = s + 0.5 * rng.normal()
        }
        let n = trainCount, nt = testCount
        let yTrain = Array(y[0..<n]), yTest = Array(y[n...])
        let widest = widths.last ?? 0
        let weights = rng.normalMatrix(rows: widest, columns: d, as: Double.self)
        // Features by rows (feature j is row j), so the first p features are the first p rows.
        let train = features(weights, x.rows(0..<n)), test = features(weights, x.rows(n..<(n + nt)))

        /// Test MSE of w = coefficients of the first w.count features.
        func testError(_ w: [Double]) -> Double {
            var prediction = [Double](repeating: 0, count: nt)
            test.storage.withUnsafeBufferPointer { f in
                prediction.withUnsafeMutableBufferPointer { out in
                    for j in 0..<w.count {
                        let row = f.baseAddress! + j * nt, c = w[j]
                        for t in 0..<nt { out[t] += c * row[t] }
                    }
                }
            }
            var s = 0.0
            for t in 0..<nt { let e = prediction[t] - yTest[t]; s += e * e }
            return s / Double(nt)
        }
        /// The SVD solution, for a system Cholesky refused.
        func svd(_ p: Int) throws -> [Double] {
            try LeastSquares.minimumNorm(train.rows(0..<p).transposed, Matrix(column: yTrain)).coefficients.storage
        }

        if svdEveryWidth { return try widths.map { try testError(svd($0)) } }
        var errors: [Double] = []
        // p <= n: one Gram matrix F^T F and F^T y of the widest such p; narrower widths read
        // their leading blocks.
        let p0 = widths.last { $0 <= n } ?? 0
        if p0 > 0 {
            let f0 = train.rows(0..<p0)
            var gram = Matrix<Double>(rows: p0, columns: p0)
            Matrix.gemm(f0, f0, transposeB: true, into: &gram)
            let fy = try f0.multiplied(by: Matrix(column: yTrain))
            for p in widths where p <= n {
                let g = Matrix<Double>(rows: p, columns: p) { a, b in gram.storage[a * p0 + b] }
                let w = try LeastSquares.solvePositiveDefinite(g, Matrix(column: Array(fy.storage[0..<p])))?.storage ?? svd(p)
                errors.append(testError(w))
            }
        }
        // p > n: the kernel F F^T, grown feature block by feature block.
        var kernel = Matrix<Double>(rows: n, columns: n)
        var done = 0
        for p in widths where p > n {
            let block = train.rows(done..<p)
            Matrix.gemm(block, transposeA: true, block, into: &kernel, alpha: 1, beta: 1)
            done = p
            let w: [Double]
            if let alpha = LeastSquares.solvePositiveDefinite(kernel, Matrix(column: yTrain))?.storage {
                // w = F^T alpha: feature j's coefficient is its row's dot product with alpha.
                w = train.storage.withUnsafeBufferPointer { f in
                    alpha.withUnsafeBufferPointer { a in
                        (0..<p).map { j in
                            let row = f.baseAddress! + j * n
                            var s = 0.0
                            for i in 0..<n { s += row[i] * a[i] }
                            return s
                        }
                    }
                }
            } else {
                w = try svd(p)
            }
            errors.append(testError(w))
        }
        return errors
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
