import CBLAS
import CLAPACKE

/// A floating-point type a `Matrix` can hold: `Float` (training) or `Double` (solvers).
/// Each conforming type routes products and least-squares solves to its BLAS/LAPACK
/// routine (`sgemm`/`dgemm`, `sgelsd`/`dgelsd`).
public protocol MatrixScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable
where Self.RawSignificand: FixedWidthInteger {
    /// Row-major `C = alpha * op(A) * op(B) + beta * C` on raw buffers (CBLAS gemm; gemv
    /// when B and C are a single column).
    static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                         alpha: Self, a: UnsafePointer<Self>, lda: Int,
                         b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// Column-major LAPACK gelsd; returns LAPACK's info code and the effective rank.
    static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                            b: UnsafeMutablePointer<Self>, ldb: Int,
                            singularValues: UnsafeMutablePointer<Self>, rcond: Self,
                            rank: inout Int) -> Int
    /// Column-major LAPACK posv (Cholesky solve of a symmetric positive-definite system).
    static func lapackPosv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                           b: UnsafeMutablePointer<Self>, ldb: Int) -> Int
}

extension Float: MatrixScalar {
    public static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                alpha: Float, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if n == 1 {
            // One column: gemv reads A once, where gemm would first pack all of it.
            cblas_sgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                        blasint(transposeA ? k : m), blasint(transposeA ? m : k), alpha, a, blasint(lda),
                        b, blasint(transposeB ? 1 : ldb), beta, c, blasint(ldc))
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                    b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, lda: Int,
                                   b: UnsafeMutablePointer<Float>, ldb: Int,
                                   singularValues: UnsafeMutablePointer<Float>, rcond: Float,
                                   rank: inout Int) -> Int {
        var r: Int32 = 0
        let info = LAPACKE_sgelsd(102, Int32(m), Int32(n), Int32(nrhs),
                                  a, Int32(lda), b, Int32(ldb), singularValues, rcond, &r)
        rank = Int(r)
        return Int(info)
    }

    public static func lapackPosv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, lda: Int,
                                  b: UnsafeMutablePointer<Float>, ldb: Int) -> Int {
        Int(LAPACKE_sposv(102, CChar(85), Int32(n), Int32(nrhs),
                          a, Int32(lda), b, Int32(ldb)))
    }
}

extension Double: MatrixScalar {
    public static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                alpha: Double, a: UnsafePointer<Double>, lda: Int,
                                b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        if n == 1 {
            // One column: gemv reads A once, where gemm would first pack all of it.
            cblas_dgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                        blasint(transposeA ? k : m), blasint(transposeA ? m : k), alpha, a, blasint(lda),
                        b, blasint(transposeB ? 1 : ldb), beta, c, blasint(ldc))
            return
        }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                    b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                                   b: UnsafeMutablePointer<Double>, ldb: Int,
                                   singularValues: UnsafeMutablePointer<Double>, rcond: Double,
                                   rank: inout Int) -> Int {
        var r: Int32 = 0
        let info = LAPACKE_dgelsd(102, Int32(m), Int32(n), Int32(nrhs),
                                  a, Int32(lda), b, Int32(ldb), singularValues, rcond, &r)
        rank = Int(r)
        return Int(info)
    }

    public static func lapackPosv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                                  b: UnsafeMutablePointer<Double>, ldb: Int) -> Int {
        Int(LAPACKE_dposv(102, CChar(85), Int32(n), Int32(nrhs),
                          a, Int32(lda), b, Int32(ldb)))
    }
}
