import Foundation
import Tensor

/// One seed of the random-features sweep: nested features, and for every width p of the
/// grid the read-out fitted to the targets of every label-noise level by minimum-norm
/// least squares (penalty 0) and by ridge regression at each penalty. Features are scaled
/// by 1/sqrt(p), so the Gram matrix approximates the kernel matrix at every width and a
/// ridge penalty means the same at every width; the minimum-norm predictions do not depend
/// on that scale.
///
/// The fits use the normal equations in Double: below the threshold (p <= n) the p x p
/// Gram matrix F^T F, whose solution is the least-squares one, and above it the n x n
/// kernel matrix F F^T, whose solution w = F^T (F F^T)^-1 y is the minimum-norm
/// interpolant. Both grow with p by adding the new features' products, so a seed costs
/// about one pass over the largest feature matrix. `gelsd` mode instead calls the
/// engine's SVD solver (`LeastSquares.minimumNorm`) and ridge solver on every width: slow,
/// the reference the tests compare against.
struct RandomFeatureSweep: Sendable {
    var task: RegressionTask
    var kind: NestedFeatures.Kind
    /// Widths, ascending and distinct.
    var grid: [Int]
    /// Penalties; 0 is the minimum-norm fit.
    var penalties: [Double]
    /// Training labels per noise level.
    var labels: [[Int]]
    var useSVD: Bool = false

    /// Results of one seed, flattened over [penalty][noise level][width].
    struct Result: Codable, Sendable, Equatable {
        var trainLoss: [Double]
        var testLoss: [Double]
        var testError: [Double]
        var norm: [Double]
        /// Fits where the Gram matrix was too ill-conditioned and the SVD solver was used.
        var fallbacks: Int
    }

    func index(penalty: Int, level: Int, width: Int) -> Int {
        (penalty * labels.count + level) * grid.count + width
    }

    func run(seed: UInt64) throws -> Result {
        let n = task.trainCount, k = task.classCount, levels = labels.count
        let r = k * levels
        let features = NestedFeatures(kind: kind, inputs: task.inputCount, count: grid.last ?? 1, seed: seed)
        var y = Matrix<Double>(rows: n, columns: r)
        for (level, ls) in labels.enumerated() {
            for i in 0..<n { y.storage[i * r + level * k + ls[i]] = 1 }
        }
        let cleanTest = task.oneHot(task.testLabels)
        let size = penalties.count * levels * grid.count
        var result = Result(trainLoss: .init(repeating: .nan, count: size), testLoss: .init(repeating: .nan, count: size),
                            testError: .init(repeating: .nan, count: size), norm: .init(repeating: .nan, count: size),
                            fallbacks: 0)

        func record(width: Int, penalty: Int, trainPrediction: Matrix<Double>, testPrediction: Matrix<Double>,
                    squaredNorms: [Double]) {
            for level in 0..<levels {
                let at = index(penalty: penalty, level: level, width: width)
                var train = 0.0
                for i in 0..<n {
                    for c in 0..<k {
                        let e = trainPrediction.storage[i * r + level * k + c] - y.storage[i * r + level * k + c]
                        train += e * e
                    }
                }
                var test = 0.0, wrong = 0
                let nt = testPrediction.rows
                for i in 0..<nt {
                    var best = 0, bestValue = -Double.infinity
                    for c in 0..<k {
                        let v = testPrediction.storage[i * r + level * k + c]
                        let e = v - cleanTest.storage[i * k + c]
                        test += e * e
                        if v > bestValue { bestValue = v; best = c }
                    }
                    if best != task.testLabels[i] { wrong += 1 }
                }
                result.trainLoss[at] = train / Double(n)
                result.testLoss[at] = test / Double(max(nt, 1))
                result.testError[at] = Double(wrong) / Double(max(nt, 1))
                result.norm[at] = squaredNorms[level].squareRoot()
            }
        }

        func levelSquaredNorms(_ w: Matrix<Double>) -> [Double] {
            (0..<levels).map { level in
                var s = 0.0
                for i in 0..<w.rows { for c in 0..<k { let v = w.storage[i * r + level * k + c]; s += v * v } }
                return s
            }
        }

        if useSVD {
            for (j, p) in grid.enumerated() {
                let scale = 1 / Double(p).squareRoot()
                let f = features.columns(task.trainInputs, 0..<p) * scale
                let ft = features.columns(task.testInputs, 0..<p) * scale
                for (pi, lambda) in penalties.enumerated() {
                    let w = lambda == 0 ? try LeastSquares.minimumNorm(f, y).coefficients
                                        : try LeastSquares.ridge(f, y, lambda: lambda)
                    record(width: j, penalty: pi, trainPrediction: try f.multiplied(by: w),
                           testPrediction: try ft.multiplied(by: w), squaredNorms: levelSquaredNorms(w))
                }
            }
            return result
        }

        // Below the threshold: the Gram matrix of the first p0 features, p0 the widest p <= n.
        let below = grid.filter { $0 <= n }
        let p0 = below.last ?? 0
        var f = features.columns(task.trainInputs, 0..<p0)
        var ft = features.columns(task.testInputs, 0..<p0)
        if p0 > 0 {
            var gram = Matrix<Double>(rows: p0, columns: p0)
            Matrix.gemm(f, transposeA: true, f, into: &gram)
            let fy = try f.multiplied(by: y, transposeSelf: true)
            for (j, p) in grid.enumerated() where p <= n {
                let scale = 1 / Double(p)
                var g = Matrix<Double>(rows: p, columns: p)
                for a in 0..<p { for b in 0...a { g.storage[a * p + b] = gram.storage[a * p0 + b] * scale } }
                var rhs = Matrix<Double>(rows: p, columns: r)
                let rootScale = scale.squareRoot()
                for i in 0..<(p * r) { rhs.storage[i] = fy.storage[i] * rootScale }
                for (pi, lambda) in penalties.enumerated() {
                    var w: Matrix<Double>
                    if let solved = LeastSquares.solvePositiveDefinite(g, shift: lambda, rhs) {
                        w = solved
                    } else {
                        result.fallbacks += 1
                        let fp = features.columns(task.trainInputs, 0..<p) * rootScale
                        w = lambda == 0 ? try LeastSquares.minimumNorm(fp, y).coefficients
                                        : try LeastSquares.ridge(fp, y, lambda: lambda)
                    }
                    // Predictions through the first p columns: pad w with zero rows to p0.
                    var padded = Matrix<Double>(rows: p0, columns: r)
                    for i in 0..<(p * r) { padded.storage[i] = w.storage[i] * rootScale }
                    record(width: j, penalty: pi, trainPrediction: try f.multiplied(by: padded),
                           testPrediction: try ft.multiplied(by: padded), squaredNorms: levelSquaredNorms(w))
                }
            }
        }

        // Above the threshold: the kernel matrices F F^T (train) and F_test F^T, grown chunk
        // by chunk from one width of the grid to the next.
        guard grid.contains(where: { $0 > n }) else { return result }
        let nt = task.testInputs.rows
        var kernel = Matrix<Double>(rows: n, columns: n)
        var cross = Matrix<Double>(rows: nt, columns: n)
        if p0 > 0 {
            Matrix.gemm(f, f, transposeB: true, into: &kernel)
            Matrix.gemm(ft, f, transposeB: true, into: &cross)
        }
        f = Matrix(rows: 0, columns: 0)
        ft = Matrix(rows: 0, columns: 0)
        var done = p0
        for (j, p) in grid.enumerated() where p > n {
            let fc = features.columns(task.trainInputs, done..<p)
            let ftc = features.columns(task.testInputs, done..<p)
            Matrix.gemm(fc, fc, transposeB: true, into: &kernel, alpha: 1, beta: 1)
            Matrix.gemm(ftc, fc, transposeB: true, into: &cross, alpha: 1, beta: 1)
            done = p
            let scale = 1 / Double(p)
            let kp = kernel * scale
            let cp = cross * scale
            for (pi, lambda) in penalties.enumerated() {
                var alpha: Matrix<Double>
                if let solved = LeastSquares.solvePositiveDefinite(kp, shift: lambda, y) {
                    alpha = solved
                } else {
                    result.fallbacks += 1
                    var shifted = kp
                    for i in 0..<n { shifted.storage[i * n + i] += lambda }
                    alpha = try LeastSquares.minimumNorm(shifted, y).coefficients
                }
                let train = try kp.multiplied(by: alpha)
                let test = try cp.multiplied(by: alpha)
                // |w|^2 = alpha^T K alpha, per noise level.
                let norms = (0..<levels).map { level -> Double in
                    var s = 0.0
                    for i in 0..<n { for c in 0..<k { s += alpha.storage[i * r + level * k + c] * train.storage[i * r + level * k + c] } }
                    return Swift.max(s, 0)
                }
                record(width: j, penalty: pi, trainPrediction: train, testPrediction: test, squaredNorms: norms)
            }
        }
        return result
    }
}
