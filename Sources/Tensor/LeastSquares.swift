/// Least-squares solvers on LAPACK: the minimum-norm solution (`gelsd`, the
/// pseudo-inverse solution through the SVD) and ridge regression (Cholesky `posv`).
public enum LeastSquares {
    /// The result of a minimum-norm solve.
    public struct Solution<Scalar: MatrixScalar>: Sendable {
        /// `columns(A) x columns(b)`: the x minimising |x| among minimisers of |A x - b|.
        public var coefficients: Matrix<Scalar>
        /// The effective rank: singular values above `rcond * s_max` count.
        public var rank: Int
        /// Singular values of A, largest first.
        public var singularValues: [Scalar]
    }

    /// The minimum-norm least-squares solution of `A x = b` for any shape of A (more
    /// rows than columns, fewer, or rank-deficient): `x = pinv(A) b`. Singular values
    /// below `rcond * s_max` are treated as zero; `nil` uses `eps * max(m, n)` (numpy's
    /// default).
    public static func minimumNorm<S: MatrixScalar>(_ a: Matrix<S>, _ b: Matrix<S>,
                                                     rcond: S? = nil) throws -> Solution<S> {
        let m = a.rows, n = a.columns, nrhs = b.columns
        guard b.rows == m else {
            throw TensorError.shapeMismatch(operation: "LeastSquares.minimumNorm",
                                            expected: "b with \(m) rows (one per row of A)",
                                            found: "\(b.rows) rows")
        }
        guard m > 0, n > 0, nrhs > 0 else {
            throw TensorError.invalidArgument(name: "LeastSquares.minimumNorm",
                                              expected: "a non-empty system",
                                              found: "A \(m)x\(n), b \(b.rows)x\(nrhs)")
        }
        let ldb = max(m, n)
        var colA = a.transposed.storage          // row-major n x m == column-major m x n
        var colB = [S](repeating: 0, count: ldb * nrhs)
        for j in 0..<nrhs { for i in 0..<m { colB[j * ldb + i] = b.storage[i * nrhs + j] } }
        var singular = [S](repeating: 0, count: min(m, n))
        let cutoff = rcond ?? (S.ulpOfOne * S(max(m, n)))
        var rank = 0
        let info = colA.withUnsafeMutableBufferPointer { pa in
            colB.withUnsafeMutableBufferPointer { pb in
                singular.withUnsafeMutableBufferPointer { ps in
                    S.lapackGelsd(m: m, n: n, nrhs: nrhs, a: pa.baseAddress!, lda: m,
                                  b: pb.baseAddress!, ldb: ldb, singularValues: ps.baseAddress!,
                                  rcond: cutoff, rank: &rank)
                }
            }
        }
        guard info == 0 else {
            throw TensorError.lapackFailure(routine: "gelsd", info: info,
                                            meaning: info < 0 ? "argument \(-info) was invalid"
                                                : "the SVD did not converge (\(info) superdiagonals)")
        }
        var x = Matrix<S>(rows: n, columns: nrhs)
        for j in 0..<nrhs { for i in 0..<n { x.storage[i * nrhs + j] = colB[j * ldb + i] } }
        return Solution(coefficients: x, rank: rank, singularValues: singular)
    }

    /// The minimum-norm solution for a single right-hand side given as a vector.
    public static func minimumNorm<S: MatrixScalar>(_ a: Matrix<S>, _ b: [S],
                                                     rcond: S? = nil) throws -> [S] {
        try minimumNorm(a, Matrix(column: b), rcond: rcond).coefficients.storage
    }

    /// Ridge regression: the x minimising |A x - b|^2 + lambda |x|^2 (lambda > 0).
    /// Solves the smaller of the primal `(A^T A + lambda I) x = A^T b` and the dual
    /// `x = A^T (A A^T + lambda I)^-1 b` by Cholesky.
    public static func ridge<S: MatrixScalar>(_ a: Matrix<S>, _ b: Matrix<S>, lambda: S) throws -> Matrix<S> {
        let m = a.rows, n = a.columns
        guard b.rows == m else {
            throw TensorError.shapeMismatch(operation: "LeastSquares.ridge",
                                            expected: "b with \(m) rows", found: "\(b.rows) rows")
        }
        guard lambda > 0, lambda.isFinite else {
            throw TensorError.invalidArgument(name: "ridge lambda", expected: "a positive finite number",
                                              found: "\(lambda)")
        }
        let primal = n <= m
        let size = primal ? n : m
        // Gram matrix (symmetric, so row- and column-major agree).
        var gram = Matrix<S>(rows: size, columns: size)
        Matrix.gemm(a, transposeA: primal, a, transposeB: !primal, into: &gram)
        let rhs = primal ? try a.multiplied(by: b, transposeSelf: true) : b
        guard let solved = solvePositiveDefinite(gram, shift: lambda, rhs, pivotFloor: 0) else {
            throw TensorError.lapackFailure(routine: "posv", info: 1,
                                            meaning: "the regularised Gram matrix is not positive definite; increase lambda")
        }
        return primal ? solved : try a.multiplied(by: solved, transposeSelf: true)
    }

    /// Ridge regression for a single right-hand side given as a vector.
    public static func ridge<S: MatrixScalar>(_ a: Matrix<S>, _ b: [S], lambda: S) throws -> [S] {
        try ridge(a, Matrix(column: b), lambda: lambda).storage
    }

    /// Solves `(A + shift I) X = B` for a symmetric positive-definite `A` (`m x m`; only its
    /// lower triangle is read) by LAPACK's Cholesky solve (`posv`). A caller that builds a
    /// Gram matrix once can solve it for several shifts (ridge penalties) and grow it, which
    /// `ridge` cannot offer. Returns nil when the shifted matrix is not numerically positive
    /// definite: a pivot at or below `pivotFloor` times its largest diagonal entry (so
    /// near-singular normal equations are refused and the caller can fall back to the SVD
    /// of `minimumNorm`).
    public static func solvePositiveDefinite<S: MatrixScalar>(_ a: Matrix<S>, shift: S = 0, _ b: Matrix<S>,
                                                             pivotFloor: S = 1e-14) -> Matrix<S>? {
        let m = a.rows, k = b.columns
        guard a.columns == m, b.rows == m, m > 0, k > 0 else { return nil }
        var factor = a.storage
        var largest: S = 0
        for i in 0..<m {
            factor[i * m + i] += shift
            largest = Swift.max(largest, factor[i * m + i])
        }
        // Column-major right-hand sides.
        var rhs = b.transposed.storage
        let info = factor.withUnsafeMutableBufferPointer { pa in
            rhs.withUnsafeMutableBufferPointer { pb in
                S.lapackPosv(n: m, nrhs: k, a: pa.baseAddress!, lda: m, b: pb.baseAddress!, ldb: m)
            }
        }
        guard info == 0 else { return nil }
        // The factor's squared diagonal entries are the pivots of the elimination.
        for i in 0..<m {
            let pivot = factor[i * m + i] * factor[i * m + i]
            guard pivot > pivotFloor * largest, pivot.isFinite else { return nil }
        }
        guard rhs.allSatisfy({ $0.isFinite }), let solved = try? Matrix<S>(rows: k, columns: m, storage: rhs) else { return nil }
        return solved.transposed
    }
}
