import CLAPACKE

/// Eigenvalues of a real symmetric matrix through LAPACK's `dsyev`. The overfitting
/// lesson's exact learning curves of a linear student are sums over the eigenvalues of
/// the sample covariance, so it needs them exactly rather than by iteration.
public enum SymmetricEigen {
    /// The eigenvalues of the symmetric matrix `a`, smallest first. Only the upper
    /// triangle is read. Throws on a matrix that is not square or is empty, and when
    /// LAPACK does not converge.
    public static func eigenvalues(_ a: Matrix<Double>) throws -> [Double] {
        guard a.rows == a.columns, a.rows > 0 else {
            throw TensorError.shapeMismatch(operation: "SymmetricEigen.eigenvalues", expected: "a non-empty square matrix",
                                            found: "\(a.rows)x\(a.columns)")
        }
        let n = a.rows
        var storage = a.storage
        var values = [Double](repeating: 0, count: n)
        let info = storage.withUnsafeMutableBufferPointer { pa in
            values.withUnsafeMutableBufferPointer { pw in
                Int(LAPACKE_dsyev(101, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "U")), Int32(n), pa.baseAddress!,
                                  Int32(n), pw.baseAddress!))
            }
        }
        guard info == 0 else {
            throw TensorError.lapackFailure(routine: "dsyev", info: info,
                                            meaning: info < 0 ? "argument \(-info) was invalid"
                                                : "\(info) off-diagonal elements did not converge")
        }
        return values
    }
}
