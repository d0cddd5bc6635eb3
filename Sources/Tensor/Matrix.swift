/// A dense matrix in flat row-major storage: element (r, c) lives at
/// `storage[r * columns + c]`. `Float` is used for training, `Double` where a solver
/// needs the precision. Invariant: `storage.count == rows * columns`.
public struct Matrix<Scalar: MatrixScalar>: Equatable, Sendable, Codable {
    /// Number of rows (for data: one example per row).
    public let rows: Int
    /// Number of columns (for data: one feature per column).
    public let columns: Int
    /// The elements, row after row.
    public var storage: [Scalar]

    /// A `rows x columns` matrix filled with `value`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.storage = Array(repeating: value, count: self.rows * self.columns)
    }

    /// A matrix over existing row-major storage; throws when the count does not fit.
    @inlinable
    public init(rows: Int, columns: Int, storage: [Scalar]) throws {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw TensorError.shapeMismatch(operation: "Matrix(rows:columns:storage:)",
                                            expected: "\(rows) x \(columns) = \(rows * columns) elements",
                                            found: "\(storage.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Internal: storage already known to fit.
    @inlinable
    init(uncheckedRows rows: Int, columns: Int, storage: [Scalar]) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows; throws when the rows have different lengths.
    public init(_ nested: [[Scalar]]) throws {
        let columns = nested.first?.count ?? 0
        var flat: [Scalar] = []
        flat.reserveCapacity(nested.count * columns)
        for (index, row) in nested.enumerated() {
            guard row.count == columns else {
                throw TensorError.shapeMismatch(operation: "Matrix([[...]])",
                                                expected: "every row of length \(columns)",
                                                found: "row \(index) of length \(row.count)")
            }
            flat.append(contentsOf: row)
        }
        self.init(uncheckedRows: nested.count, columns: columns, storage: flat)
    }

    /// A single column built from a vector.
    public init(column values: [Scalar]) {
        self.init(uncheckedRows: values.count, columns: 1, storage: values)
    }

    /// A single row built from a vector.
    public init(row values: [Scalar]) {
        self.init(uncheckedRows: 1, columns: values.count, storage: values)
    }

    /// A matrix whose element (r, c) is `body(r, c)`.
    public init(rows: Int, columns: Int, _ body: (Int, Int) throws -> Scalar) rethrows {
        var flat: [Scalar] = []
        flat.reserveCapacity(rows * columns)
        for r in 0..<rows { for c in 0..<columns { flat.append(try body(r, c)) } }
        self.init(uncheckedRows: rows, columns: columns, storage: flat)
    }

    /// The `n x n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// `(rows, columns)`.
    @inlinable public var shape: (rows: Int, columns: Int) { (rows, columns) }
    /// Number of elements.
    @inlinable public var count: Int { storage.count }

    /// Element at row `r`, column `c` (both zero-based).
    @inlinable
    public subscript(r: Int, c: Int) -> Scalar {
        get { storage[r * columns + c] }
        set { storage[r * columns + c] = newValue }
    }

    /// A copy of row `r`.
    public func row(_ r: Int) -> [Scalar] {
        Array(storage[(r * columns)..<((r + 1) * columns)])
    }

    /// A copy of column `c`.
    public func column(_ c: Int) -> [Scalar] {
        (0..<rows).map { storage[$0 * columns + c] }
    }

    /// The rows whose indices are given, in that order (indices must be in range).
    /// One block copy per row: gathering examples into minibatches and segments is on the
    /// training path, where copying through array slices cost a fifth of a sweep's time.
    public func rows(_ indices: [Int]) -> Matrix {
        let width = columns, count = rows
        guard width > 0, !indices.isEmpty else { return Matrix(uncheckedRows: indices.count, columns: columns, storage: []) }
        let flat = [Scalar](unsafeUninitializedCapacity: indices.count * width) { out, initialized in
            storage.withUnsafeBufferPointer { src in
                var at = 0
                for r in indices {
                    precondition(r >= 0 && r < count, "row index \(r) out of range 0..<\(count)")
                    (out.baseAddress! + at).initialize(from: src.baseAddress! + r * width, count: width)
                    at += width
                }
            }
            initialized = indices.count * width
        }
        return Matrix(uncheckedRows: indices.count, columns: columns, storage: flat)
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(uncheckedRows: range.count, columns: columns,
               storage: Array(storage[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The columns whose indices are given, in that order.
    public func columns(_ indices: [Int]) -> Matrix {
        Matrix(rows: rows, columns: indices.count) { r, c in storage[r * columns + indices[c]] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = [Scalar](repeating: 0, count: storage.count)
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    for c in 0..<columns { dst[c * rows + r] = src[r * columns + c] }
                }
            }
        }
        return Matrix(uncheckedRows: columns, columns: rows, storage: out)
    }

    /// The same shape with every element passed through `transform`.
    public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
        Matrix(uncheckedRows: rows, columns: columns, storage: try storage.map(transform))
    }

    /// The matrix converted element by element to another scalar type.
    public func converted<Other: MatrixScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(uncheckedRows: rows, columns: columns, storage: storage.map { Other($0) })
    }

    /// Rows of `self` followed by the rows of `other` (same column count).
    public func appendingRows(_ other: Matrix) throws -> Matrix {
        guard other.columns == columns || rows == 0 else {
            throw TensorError.shapeMismatch(operation: "appendingRows", expected: "\(columns) columns",
                                            found: "\(other.columns)")
        }
        return Matrix(uncheckedRows: rows + other.rows, columns: rows == 0 ? other.columns : columns,
                      storage: storage + other.storage)
    }

    /// Columns of `self` followed by the columns of `other` (same row count).
    public func appendingColumns(_ other: Matrix) throws -> Matrix {
        guard other.rows == rows else {
            throw TensorError.shapeMismatch(operation: "appendingColumns", expected: "\(rows) rows",
                                            found: "\(other.rows)")
        }
        let total = columns + other.columns
        return Matrix(rows: rows, columns: total) { r, c in
            c < columns ? storage[r * columns + c] : other.storage[r * other.columns + c - columns]
        }
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let shown = (0..<min(rows, 8)).map { r in
            row(r).prefix(8).map { "\(Double($0))" }.joined(separator: " ")
        }.joined(separator: "\n ")
        return "Matrix \(rows)x\(columns)\n[\(shown)]"
    }
}
