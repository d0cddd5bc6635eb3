import CBLAS
import CLAPACKE

/// A floating-point type a `Matrix` can hold: `Float` (training) or `Double` (solvers).
/// Each conforming type names its precision's BLAS/LAPACK routines (`sgemm`/`dgemm`,
/// `sgelsd`/`dgelsd`, ...) in `routines`; the calls around them are written once, below.
public protocol MatrixScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable
where Self.RawSignificand: FixedWidthInteger {
    /// This precision's BLAS and LAPACK routines.
    static var routines: LinearAlgebraRoutines<Self> { get }
}

extension MatrixScalar {
    /// Row-major `C = alpha * op(A) * op(B) + beta * C` on raw buffers (CBLAS gemm; gemv
    /// when B and C are a single column).
    public static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                alpha: Self, a: UnsafePointer<Self>, lda: Int,
                                b: UnsafePointer<Self>, ldb: Int,
                                beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int) {
        if n == 1 {
            // One column: gemv reads A once, where gemm would first pack all of it.
            routines.gemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                          blasint(transposeA ? k : m), blasint(transposeA ? m : k), alpha, a, blasint(lda),
                          b, blasint(transposeB ? 1 : ldb), beta, c, blasint(ldc))
            return
        }
        routines.gemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                      transposeB ? CblasTrans : CblasNoTrans,
                      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                      b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// Column-major LAPACK gelsd; returns LAPACK's info code and the effective rank.
    public static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                                   b: UnsafeMutablePointer<Self>, ldb: Int,
                                   singularValues: UnsafeMutablePointer<Self>, rcond: Self,
                                   rank: inout Int) -> Int {
        var r: Int32 = 0
        let info = routines.gelsd(102, Int32(m), Int32(n), Int32(nrhs),
                                  a, Int32(lda), b, Int32(ldb), singularValues, rcond, &r)
        rank = Int(r)
        return Int(info)
    }

    /// Column-major LAPACK posv (Cholesky solve of a symmetric positive-definite system).
    public static func lapackPosv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                                  b: UnsafeMutablePointer<Self>, ldb: Int) -> Int {
        Int(routines.posv(102, CChar(85), Int32(n), Int32(nrhs), a, Int32(lda), b, Int32(ldb)))
    }
}

extension Float: MatrixScalar {
    public static var routines: LinearAlgebraRoutines<Float> {
        LinearAlgebraRoutines(gemv: cblas_sgemv, gemm: cblas_sgemm, gelsd: LAPACKE_sgelsd, posv: LAPACKE_sposv)
    }
}

extension Double: MatrixScalar {
    public static var routines: LinearAlgebraRoutines<Double> {
        LinearAlgebraRoutines(gemv: cblas_dgemv, gemm: cblas_dgemm, gelsd: LAPACKE_dgelsd, posv: LAPACKE_dposv)
    }
}
