import CLAPACKE

/// Eigenvalues (and eigenvectors) of a real symmetric matrix through LAPACK's `dsyev`.
/// The overfitting lesson's exact learning curves of a linear student are sums over the
/// eigenvalues of the sample covariance, so it needs them exactly rather than by
/// iteration; the manifold lesson's principal components are the eigenvectors of the
/// images' covariance.
public enum SymmetricEigen {
    /// The eigenvalues of the symmetric matrix `a`, smallest first. Only the upper
    /// triangle is read. Throws on a matrix that is not square or is empty, and when
    /// LAPACK does not converge.
    public static func eigenvalues(_ a: Matrix<Double>) throws -> [Double] {
        try solve(a, vectors: false).values
    }

    /// The eigenvalues of the symmetric matrix `a`, smallest first, with unit eigenvectors
    /// as the columns of `vectors` (column j belongs to `values[j]`; each vector's sign is
    /// LAPACK's). Only the upper triangle is read.
    public static func decomposition(_ a: Matrix<Double>) throws -> (values: [Double], vectors: Matrix<Double>) {
        let (values, storage) = try solve(a, vectors: true)
        return (values, try Matrix(rows: a.rows, columns: a.rows, storage: storage))
    }

    private static func solve(_ a: Matrix<Double>, vectors: Bool) throws -> (values: [Double], storage: [Double]) {
        guard a.rows == a.columns, a.rows > 0 else {
            throw TensorError.shapeMismatch(operation: "SymmetricEigen.eigenvalues", expected: "a non-empty square matrix",
                                            found: "\(a.rows)x\(a.columns)")
        }
        let n = a.rows
        var storage = a.storage
        var values = [Double](repeating: 0, count: n)
        let info = storage.withUnsafeMutableBufferPointer { pa in
            values.withUnsafeMutableBufferPointer { pw in
                Int(LAPACKE_dsyev(101, CChar(UInt8(ascii: vectors ? "V" : "N")), CChar(UInt8(ascii: "U")), Int32(n), pa.baseAddress!,
                                  Int32(n), pw.baseAddress!))
            }
        }
        guard info == 0 else {
            throw TensorError.lapackFailure(routine: "dsyev", info: info,
                                            meaning: info < 0 ? "argument \(-info) was invalid"
                                                : "\(info) off-diagonal elements did not converge")
        }
        return (values, storage)
    }
}
