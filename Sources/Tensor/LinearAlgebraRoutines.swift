import CBLAS

/// The BLAS and LAPACK routines of one precision, as C declares them: the `s` routines
/// for `Float`, the `d` routines for `Double`. Naming them in one value lets
/// `MatrixScalar` write each call (argument order, layout codes, integer widths) once for
/// both precisions.
public struct LinearAlgebraRoutines<Scalar> {
    /// CBLAS gemv: `y = alpha * op(A) * x + beta * y`.
    public typealias Gemv = (CBLAS_ORDER, CBLAS_TRANSPOSE, blasint, blasint, Scalar, UnsafePointer<Scalar>?, blasint,
                             UnsafePointer<Scalar>?, blasint, Scalar, UnsafeMutablePointer<Scalar>?, blasint) -> Void
    /// CBLAS gemm: `C = alpha * op(A) * op(B) + beta * C`.
    public typealias Gemm = (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint, Scalar,
                             UnsafePointer<Scalar>?, blasint, UnsafePointer<Scalar>?, blasint, Scalar,
                             UnsafeMutablePointer<Scalar>?, blasint) -> Void
    /// LAPACKE gelsd: least squares by the singular value decomposition.
    public typealias Gelsd = (Int32, Int32, Int32, Int32, UnsafeMutablePointer<Scalar>?, Int32,
                              UnsafeMutablePointer<Scalar>?, Int32, UnsafeMutablePointer<Scalar>?, Scalar,
                              UnsafeMutablePointer<Int32>?) -> Int32
    /// LAPACKE posv: Cholesky solve of a symmetric positive-definite system.
    public typealias Posv = (Int32, CChar, Int32, Int32, UnsafeMutablePointer<Scalar>?, Int32,
                             UnsafeMutablePointer<Scalar>?, Int32) -> Int32

    let gemv: Gemv
    let gemm: Gemm
    let gelsd: Gelsd
    let posv: Posv

    /// The four routines of one precision.
    public init(gemv: @escaping Gemv, gemm: @escaping Gemm, gelsd: @escaping Gelsd, posv: @escaping Posv) {
        self.gemv = gemv
        self.gemm = gemm
        self.gelsd = gelsd
        self.posv = posv
    }
}
