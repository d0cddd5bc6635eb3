/// Elementwise arithmetic, row broadcasting and reductions. Shape mismatches throw
/// `TensorError.shapeMismatch` through the named methods; the operators require equal
/// shapes and are meant for code whose shapes are fixed by construction.
extension Matrix {
    @inlinable
    func zipped(_ other: Matrix, _ op: String, _ f: (Scalar, Scalar) -> Scalar) throws -> Matrix {
        guard rows == other.rows, columns == other.columns else {
            throw TensorError.shapeMismatch(operation: op, expected: "\(rows)x\(columns)",
                                            found: "\(other.rows)x\(other.columns)")
        }
        var out = storage
        out.withUnsafeMutableBufferPointer { o in
            other.storage.withUnsafeBufferPointer { b in
                for i in 0..<o.count { o[i] = f(o[i], b[i]) }
            }
        }
        return Matrix(uncheckedRows: rows, columns: columns, storage: out)
    }

    /// Elementwise sum.
    public func adding(_ other: Matrix) throws -> Matrix { try zipped(other, "adding", +) }
    /// Elementwise difference.
    public func subtracting(_ other: Matrix) throws -> Matrix { try zipped(other, "subtracting", -) }

    /// Adds `vector` to every row (length must equal `columns`).
    public func addingToRows(_ vector: [Scalar]) throws -> Matrix {
        guard vector.count == columns else {
            throw TensorError.shapeMismatch(operation: "addingToRows", expected: "\(columns) values",
                                            found: "\(vector.count)")
        }
        var out = self
        out.storage.withUnsafeMutableBufferPointer { o in
            for r in 0..<rows { for c in 0..<columns { o[r * columns + c] += vector[c] } }
        }
        return out
    }

    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { try! lhs.adding(rhs) }
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { try! lhs.subtracting(rhs) }
    public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
    public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.map { $0 * rhs } }
    public static prefix func - (m: Matrix) -> Matrix { m.map { -$0 } }

    /// Sum of all elements.
    public var sum: Scalar { storage.reduce(0, +) }
    /// Mean of all elements (0 for an empty matrix).
    public var mean: Scalar { storage.isEmpty ? 0 : sum / Scalar(storage.count) }
    /// Sums down each column (length `columns`).
    public var columnSums: [Scalar] {
        var out = [Scalar](repeating: 0, count: columns)
        for r in 0..<rows { for c in 0..<columns { out[c] += storage[r * columns + c] } }
        return out
    }
    /// Sums along each row (length `rows`).
    public var rowSums: [Scalar] {
        (0..<rows).map { r in storage[(r * columns)..<((r + 1) * columns)].reduce(0, +) }
    }
    /// Index of the largest element of each row (the first on ties).
    public var argmaxRows: [Int] {
        (0..<rows).map { r in
            var best = 0
            var value = storage[r * columns]
            for c in 1..<max(columns, 1) where storage[r * columns + c] > value {
                value = storage[r * columns + c]
                best = c
            }
            return best
        }
    }
    /// Frobenius norm, sqrt of the sum of squares (accumulated in Double).
    public var frobeniusNorm: Double {
        var acc = 0.0
        for v in storage { acc += Double(v) * Double(v) }
        return acc.squareRoot()
    }
    /// Whether every element is finite.
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
