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
    /// Training inputs (one example per row) and test inputs.
    var trainInputs: Matrix<Double>
    var testInputs: Matrix<Double>
    var kind: NestedFeatures.Kind
    /// Widths, ascending and distinct.
    var grid: [Int]
    /// Penalties; 0 is the minimum-norm fit.
    var penalties: [Double]
    /// The training targets of every noise level side by side: `n x (levels * outputs)`,
    /// level l in columns `l * outputs ..< (l + 1) * outputs`. One-hot labels for the
    /// lesson's classification tasks; one column of real numbers for plain regression.
    var targets: Matrix<Double>
    /// The clean test targets, `testInputs.rows x outputs`: every level is scored on them.
    var testTargets: Matrix<Double>
    /// Test class labels, for the classification error (the largest output's index);
    /// nil for regression, whose `testError` is then NaN.
    var testLabels: [Int]?
    var useSVD: Bool = false

    /// Noise levels: the target columns over the outputs per level.
    var levels: Int { targets.columns / max(testTargets.columns, 1) }

    /// A classification task: one-hot targets for the training labels of every noise
    /// level, scored against the clean test labels.
    init(task: RegressionTask, kind: NestedFeatures.Kind, grid: [Int], penalties: [Double], labels: [[Int]],
         useSVD: Bool = false) {
        let n = task.trainCount, k = task.classCount, r = k * labels.count
        var y = Matrix<Double>(rows: n, columns: r)
        for (level, ls) in labels.enumerated() {
            for i in 0..<n { y.storage[i * r + level * k + ls[i]] = 1 }
        }
        self.init(trainInputs: task.trainInputs, testInputs: task.testInputs, kind: kind, grid: grid,
                  penalties: penalties, targets: y, testTargets: task.oneHot(task.testLabels),
                  testLabels: task.testLabels, useSVD: useSVD)
    }

    init(trainInputs: Matrix<Double>, testInputs: Matrix<Double>, kind: NestedFeatures.Kind, grid: [Int],
         penalties: [Double], targets: Matrix<Double>, testTargets: Matrix<Double>,
         testLabels: [Int]?, useSVD: Bool = false) {
        self.trainInputs = trainInputs
        self.testInputs = testInputs
        self.kind = kind
        self.grid = grid
        self.penalties = penalties
        self.targets = targets
        self.testTargets = testTargets
        self.testLabels = testLabels
        self.useSVD = useSVD
    }

    /// Results of one seed, flattened over [penalty][noise level][width].
    struct Result: Codable, Sendable, Equatable {
        /// Mean over training examples of the squared error summed over outputs.
        var trainLoss: [Double]
        /// The same on the test set, against the clean test targets.
        var testLoss: [Double]
        /// Fraction of test examples whose largest output is not their label (NaN for regression).
        var testError: [Double]
        var norm: [Double]
        /// Fits where the Gram matrix was too ill-conditioned and the SVD solver was used.
        var fallbacks: Int
    }

    func index(penalty: Int, level: Int, width: Int) -> Int {
        (penalty * levels + level) * grid.count + width
    }

    /// Above the threshold, predictions come either from the kernel matrices (the n x n
    /// train kernel and the test-by-train cross kernel, grown chunk by chunk, so no feature
    /// matrix is kept) or from the read-out w = F^T alpha itself (which needs both feature
    /// matrices whole). The second does less arithmetic when the targets have few columns
    /// (W3's single regression target: about 50 times less), but its products are skinny
    /// and stream a whole feature matrix per fit, so they run several times below the
    /// speed of the cross kernel's one large product per width: it is taken only when its
    /// count of multiply-adds is below a quarter of the kernel route's
    /// (`weightRouteAdvantage`) and its feature matrices fit in `weightRouteBytes`. On the
    /// double-descent lesson's cells (30 target columns, 4 penalties) the weight route
    /// counts about two thirds of the kernel route's arithmetic but took 14 % longer, so they keep the
    /// kernel route. The two differ only by rounding.
    static let weightRouteBytes = 256 << 20
    static let weightRouteAdvantage = 4.0

    var predictsThroughWeights: Bool {
        let n = trainInputs.rows, nt = testInputs.rows, r = targets.columns
        let p0 = grid.last { $0 <= n } ?? 0
        let above = grid.filter { $0 > n }
        guard let widest = above.last else { return false }
        let fits = Double(penalties.count)
        let crossCost = 2 * Double(nt) * Double(n) * (Double(widest - p0) + fits * Double(above.count) * Double(r))
        let weightCost = fits * above.reduce(0.0) { $0 + 2 * Double(r) * Double($1) * Double(n + nt) }
        return weightCost * Self.weightRouteAdvantage < crossCost
            && (n + nt) * widest * MemoryLayout<Double>.size <= Self.weightRouteBytes
    }

    /// Fits every width and penalty for features drawn from `seed`; `throughWeights`
    /// forces one of the two prediction routes above the threshold (the tests compare them).
    func run(seed: UInt64, throughWeights forcedRoute: Bool? = nil) throws -> Result {
        let n = trainInputs.rows, r = targets.columns, levels = self.levels
        let k = testTargets.columns
        let features = NestedFeatures(kind: kind, inputs: trainInputs.columns, count: grid.last ?? 1, seed: seed)
        let y = targets
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
                        let e = v - testTargets.storage[i * k + c]
                        test += e * e
                        if v > bestValue { bestValue = v; best = c }
                    }
                    if let labels = testLabels, best != labels[i] { wrong += 1 }
                }
                result.trainLoss[at] = train / Double(n)
                result.testLoss[at] = test / Double(max(nt, 1))
                result.testError[at] = testLabels == nil ? .nan : Double(wrong) / Double(max(nt, 1))
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
                let f = features.columns(trainInputs, 0..<p) * scale
                let ft = features.columns(testInputs, 0..<p) * scale
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
        var f = features.columns(trainInputs, 0..<p0)
        var ft = features.columns(testInputs, 0..<p0)
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
                        let fp = features.columns(trainInputs, 0..<p) * rootScale
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

        // Above the threshold: the n x n kernel F F^T, grown chunk by chunk from one width
        // of the grid to the next, and the minimum-norm (or ridge) coefficients
        // alpha = (K + lambda I)^-1 y, w = F^T alpha.
        guard grid.contains(where: { $0 > n }) else { return result }
        let nt = testInputs.rows
        let throughWeights = forcedRoute ?? predictsThroughWeights
        if throughWeights {
            result.fallbacks += try fitThroughWeights(features, y: y) {
                record(width: $0, penalty: $1, trainPrediction: $2, testPrediction: $3, squaredNorms: levelSquaredNorms($4))
            }
            return result
        }
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
            let fc = features.columns(trainInputs, done..<p)
            let ftc = features.columns(testInputs, done..<p)
            Matrix.gemm(fc, fc, transposeB: true, into: &kernel, alpha: 1, beta: 1)
            Matrix.gemm(ftc, fc, transposeB: true, into: &cross, alpha: 1, beta: 1)
            done = p
            let scale = 1 / Double(p)
            let kp = kernel * scale
            let cp = cross * scale
            for (pi, lambda) in penalties.enumerated() {
                let alpha = try kernelCoefficients(kp, shift: lambda, y, fallbacks: &result.fallbacks)
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

    /// alpha = (K + shift I)^-1 y by Cholesky, or by the SVD when Cholesky refuses.
    func kernelCoefficients(_ kernel: Matrix<Double>, shift: Double, _ y: Matrix<Double>,
                            fallbacks: inout Int) throws -> Matrix<Double> {
        if let solved = LeastSquares.solvePositiveDefinite(kernel, shift: shift, y) { return solved }
        fallbacks += 1
        var shifted = kernel
        for i in 0..<kernel.rows { shifted.storage[i * kernel.rows + i] += shift }
        return try LeastSquares.minimumNorm(shifted, y).coefficients
    }

    /// The widths above the threshold through the read-out itself: both feature matrices
    /// are drawn whole, one row per feature, so that the first p features are the leading
    /// p rows; per width and penalty, w = F_p^T alpha / sqrt(p) and the test predictions
    /// F_test,p w / sqrt(p) are two products on those leading rows, with no copy.
    /// `record` gets (width index, penalty index, train and test predictions, w); the
    /// return value is the number of fits that fell back to the SVD.
    private func fitThroughWeights(_ features: NestedFeatures, y: Matrix<Double>,
                                   record: (Int, Int, Matrix<Double>, Matrix<Double>, Matrix<Double>) -> Void) throws -> Int {
        var fallbacks = 0
        let n = trainInputs.rows, nt = testInputs.rows, r = y.columns
        let widest = grid.last ?? 0
        let train = features.rowsByFeature(trainInputs, 0..<widest)
        let test = features.rowsByFeature(testInputs, 0..<widest)
        var kernel = Matrix<Double>(rows: n, columns: n)
        var done = 0
        for (j, p) in grid.enumerated() where p > n {
            // K += F[done..<p]^T F[done..<p] (rows of `train` are features).
            let chunk = train.rows(done..<p)
            Matrix.gemm(chunk, transposeA: true, chunk, into: &kernel, alpha: 1, beta: 1)
            done = p
            let scale = 1 / Double(p), rootScale = scale.squareRoot()
            let kp = kernel * scale
            for (pi, lambda) in penalties.enumerated() {
                let alpha = try kernelCoefficients(kp, shift: lambda, y, fallbacks: &fallbacks)
                var w = Matrix<Double>(rows: p, columns: r)
                Matrix.gemm(train, rowsOfA: p, alpha, into: &w, alpha: rootScale)
                var testPrediction = Matrix<Double>(rows: nt, columns: r)
                Matrix.gemm(test, transposeA: true, rowsOfA: p, w, into: &testPrediction, alpha: rootScale)
                record(j, pi, try kp.multiplied(by: alpha), testPrediction, w)
            }
        }
        return fallbacks
    }
}
