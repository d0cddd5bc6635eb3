import Tensor

/// Solves symmetric positive-definite systems `A X = B` in Double by a Cholesky
/// factorisation `A = L L^T`. The random-features sweep uses it on the Gram matrix of the
/// features (p x p below the threshold, n x n above it), which it builds once per seed and
/// grows feature by feature; the engine's `LeastSquares` would rebuild the Gram matrix on
/// every call. Normal equations square the condition number of the features, so this is
/// done in Double only, and a factorisation that meets a non-positive pivot reports
/// failure so the caller can fall back to the SVD (`LeastSquares.minimumNorm`).
enum CholeskySolver {
    /// Solves `(a + shift I) x = b` for `a` an `m x m` symmetric matrix (only its lower
    /// triangle is read) and `b` an `m x k` matrix. Returns nil when the shifted matrix is
    /// not numerically positive definite (a pivot at or below `1e-14` times the largest
    /// diagonal entry).
    static func solve(_ a: Matrix<Double>, shift: Double = 0, _ b: Matrix<Double>) -> Matrix<Double>? {
        let m = a.rows, k = b.columns
        guard a.columns == m, b.rows == m, m > 0 else { return nil }
        var l = a.storage
        var x = b.storage
        let ok = l.withUnsafeMutableBufferPointer { pl -> Bool in
            let base = pl.baseAddress!
            var largest = 0.0
            for i in 0..<m { largest = Swift.max(largest, base[i * m + i] + shift) }
            let floor = 1e-14 * largest
            for j in 0..<m {
                let rowJ = base + j * m
                let pivot = rowJ[j] + shift - dot(rowJ, rowJ, j)
                guard pivot > floor, pivot.isFinite else { return false }
                let diagonal = pivot.squareRoot()
                rowJ[j] = diagonal
                let inverse = 1 / diagonal
                for i in (j + 1)..<m {
                    let rowI = base + i * m
                    rowI[j] = (rowI[j] - dot(rowI, rowJ, j)) * inverse
                }
            }
            return true
        }
        guard ok else { return nil }
        l.withUnsafeBufferPointer { pl in
            x.withUnsafeMutableBufferPointer { px in
                let lb = pl.baseAddress!, xb = px.baseAddress!
                // Forward substitution L y = b, row by row over all right-hand sides.
                for i in 0..<m {
                    let rowX = xb + i * k
                    for t in 0..<i {
                        let f = lb[i * m + t]
                        if f == 0 { continue }
                        let rowT = xb + t * k
                        for c in 0..<k { rowX[c] -= f * rowT[c] }
                    }
                    let inverse = 1 / lb[i * m + i]
                    for c in 0..<k { rowX[c] *= inverse }
                }
                // Back substitution L^T x = y.
                for i in stride(from: m - 1, through: 0, by: -1) {
                    let rowX = xb + i * k
                    let inverse = 1 / lb[i * m + i]
                    for c in 0..<k { rowX[c] *= inverse }
                    for t in 0..<i {
                        let f = lb[i * m + t]
                        if f == 0 { continue }
                        let rowT = xb + t * k
                        for c in 0..<k { rowT[c] -= f * rowX[c] }
                    }
                }
            }
        }
        return try? Matrix(rows: m, columns: k, storage: x)
    }

    /// The dot product of the first `count` entries of two rows, with four independent
    /// accumulators so the loop is not bound by the latency of one chain of additions.
    @inline(__always)
    static func dot(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= count {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < count { s0 += a[i] * b[i]; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }
}
