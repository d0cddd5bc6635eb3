import Foundation
import CBLAS
import Synchronization

/// Matrix products through CBLAS gemm, and control of OpenBLAS's thread count.
extension Matrix {
    /// `op(self) * op(other)`, where `op` transposes when asked. Throws when the inner
    /// dimensions differ.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false,
                           transposeOther: Bool = false) throws -> Matrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let k2 = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        guard k == k2 else {
            throw TensorError.shapeMismatch(operation: "matrix product",
                                            expected: "inner dimensions equal (left has \(k))",
                                            found: "\(k2)")
        }
        var out = Matrix(rows: m, columns: n)
        Matrix.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther,
                    into: &out, alpha: 1, beta: 0)
        return out
    }

    /// `C = alpha * op(A) * op(B) + beta * C` in place; shapes must already fit.
    /// `rowsOfA` uses only the leading rows of A (a prefix of its storage, so nothing is
    /// copied): sweeps that keep features as rows fit the first p of them this way.
    public static func gemm(_ a: Matrix, transposeA: Bool = false, rowsOfA: Int? = nil, _ b: Matrix,
                            transposeB: Bool = false, into c: inout Matrix, alpha: Scalar = 1, beta: Scalar = 0) {
        let aRows = min(rowsOfA ?? a.rows, a.rows)
        let m = transposeA ? a.columns : aRows
        let k = transposeA ? aRows : a.columns
        let n = transposeB ? b.rows : b.columns
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<c.storage.count { c.storage[i] *= beta }
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    Scalar.blasGemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                    alpha: alpha, a: pa.baseAddress!, lda: max(a.columns, 1),
                                    b: pb.baseAddress!, ldb: max(b.columns, 1),
                                    beta: beta, c: pc.baseAddress!, ldc: max(n, 1))
                }
            }
        }
    }

    /// Matrix product; the shapes must fit (a programming error otherwise).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        try! lhs.multiplied(by: rhs)
    }
}

/// OpenBLAS's process-wide thread count. Parallel trials hold BLAS to one thread each;
/// one big solve can use all cores.
public enum BLASThreads {
    /// The number of threads OpenBLAS currently uses.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of threads OpenBLAS uses (at least 1).
    public static func set(_ count: Int) { openblas_set_num_threads(Int32(max(count, 1))) }

    /// Runs `body` with OpenBLAS held to one thread, then restores the previous count.
    /// Holds nest and overlap safely: the count is restored only when the last of the
    /// overlapping holds ends (two sweeps running at once, as tests do, would otherwise
    /// let the first to finish restore threading under the second and change its rounding).
    public static func with<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        precondition(count == 1, "BLASThreads.with holds OpenBLAS to one thread")
        hold.begin()
        defer { hold.end() }
        return try body()
    }

    private static let hold = Hold()

    /// Counts the overlapping single-thread holds; the first sets one thread, the last restores.
    private final class Hold: Sendable {
        /// How many holds overlap now, and the thread count to restore after the last.
        private let state = Mutex((depth: 0, saved: 1))

        func begin() {
            state.withLock { state in
                if state.depth == 0 { state.saved = BLASThreads.current; BLASThreads.set(1) }
                state.depth += 1
            }
        }

        func end() {
            state.withLock { state in
                state.depth -= 1
                if state.depth == 0 { BLASThreads.set(state.saved) }
            }
        }
    }
}
