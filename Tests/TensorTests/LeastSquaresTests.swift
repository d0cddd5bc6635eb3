import Testing
@testable import Tensor

/// The pseudo-inverse solution through the normal equations of the full-rank side:
/// tall A: (A^T A)^-1 A^T b; wide A: A^T (A A^T)^-1 b.
func pseudoInverseSolution(_ a: Matrix<Double>, _ b: [Double]) throws -> [Double] {
    let tall = a.rows >= a.columns
    let gram = try tall ? a.multiplied(by: a, transposeSelf: true) : a.multiplied(by: a, transposeOther: true)
    let n = gram.rows
    // Gauss-Jordan inverse of the small Gram matrix.
    var m = gram
    var inv = Matrix<Double>.identity(n)
    for col in 0..<n {
        let pivot = (col..<n).max { abs(m[$0, col]) < abs(m[$1, col]) }!
        for j in 0..<n {
            m.storage.swapAt(col * n + j, pivot * n + j)
            inv.storage.swapAt(col * n + j, pivot * n + j)
        }
        let d = m[col, col]
        for j in 0..<n { m[col, j] /= d; inv[col, j] /= d }
        for r in 0..<n where r != col {
            let f = m[r, col]
            for j in 0..<n { m[r, j] -= f * m[col, j]; inv[r, j] -= f * inv[col, j] }
        }
    }
    let bm = Matrix(column: b)
    if tall {
        return try inv.multiplied(by: a.multiplied(by: bm, transposeSelf: true)).storage
    }
    return try a.multiplied(by: inv.multiplied(by: bm), transposeSelf: true).storage
}

@Test(arguments: [(8, 3), (3, 8), (5, 5)])
func minimumNormSolutionEqualsThePseudoInverseSolution(rows: Int, columns: Int) throws {
    var rng = SeededGenerator(seed: UInt64(rows * 10 + columns))
    let a: Matrix<Double> = rng.normalMatrix(rows: rows, columns: columns)
    let b = (0..<rows).map { _ in rng.normal() }
    let x = try LeastSquares.minimumNorm(a, b)
    let reference = try pseudoInverseSolution(a, b)
    for (u, v) in zip(x, reference) { #expect(abs(u - v) < 1e-9) }
}

@Test func rankDeficientSystemsGetTheMinimumNormSolution() throws {
    // Two identical columns: x1 + x2 = 2 has minimum-norm solution (1, 1).
    let a = try Matrix<Double>([[1, 1], [1, 1], [1, 1]])
    let s = try LeastSquares.minimumNorm(a, Matrix(column: [2, 2, 2]))
    #expect(s.rank == 1)
    #expect(abs(s.coefficients[0, 0] - 1) < 1e-12 && abs(s.coefficients[1, 0] - 1) < 1e-12)
    // Singular values below rcond * s_max are dropped: diag(1, 1e-3) with rcond 1e-2
    // keeps only the first direction.
    let d = try Matrix<Double>([[1, 0], [0, 1e-3]])
    let cut = try LeastSquares.minimumNorm(d, Matrix(column: [3, 5]), rcond: 1e-2)
    #expect(cut.rank == 1)
    #expect(cut.coefficients.storage == [3, 0])
}

@Test func floatSystemsAreSolvedToo() throws {
    let a = try Matrix<Float>([[1, 0], [0, 2], [0, 0]])
    let x = try LeastSquares.minimumNorm(a, [1, 4, 5])
    #expect(abs(x[0] - 1) < 1e-6 && abs(x[1] - 2) < 1e-6)
}

@Test(arguments: [(10, 4), (4, 10)])
func ridgeSolvesItsNormalEquations(rows: Int, columns: Int) throws {
    var rng = SeededGenerator(seed: 11)
    let a: Matrix<Double> = rng.normalMatrix(rows: rows, columns: columns)
    let b = (0..<rows).map { _ in rng.normal() }
    let lambda = 0.3
    let x = try LeastSquares.ridge(a, b, lambda: lambda)
    // Check (A^T A + lambda I) x = A^T b.
    let lhs = try a.multiplied(by: a.multiplied(by: Matrix(column: x)), transposeSelf: true)
    let rhs = try a.multiplied(by: Matrix(column: b), transposeSelf: true)
    for i in 0..<columns { #expect(abs(lhs[i, 0] + lambda * x[i] - rhs[i, 0]) < 1e-9) }
}

@Test func badSolverInputsThrow() {
    let a = Matrix<Double>(rows: 3, columns: 2, repeating: 1)
    #expect(throws: TensorError.self) { try LeastSquares.minimumNorm(a, Matrix(column: [1, 2])) }
    #expect(throws: TensorError.self) { try LeastSquares.ridge(a, [1, 2, 3], lambda: 0) }
}

@Test func positiveDefiniteSolveMatchesTheSVDSolverOnAWellPosedSystem() throws {
    var rng = SeededGenerator(seed: 11)
    let a = rng.normalMatrix(rows: 30, columns: 12, as: Double.self)
    let b = rng.normalMatrix(rows: 30, columns: 3, as: Double.self)
    var gram = Matrix<Double>(rows: 12, columns: 12)
    Matrix.gemm(a, transposeA: true, a, into: &gram)
    let x = try #require(LeastSquares.solvePositiveDefinite(gram, try a.multiplied(by: b, transposeSelf: true)))
    let reference = try LeastSquares.minimumNorm(a, b).coefficients
    let gap = zip(x.storage, reference.storage).map { abs($0 - $1) }.max() ?? 1
    #expect(gap < 1e-10)
}

@Test func positiveDefiniteSolveRefusesASingularMatrix() {
    let singular = try! Matrix<Double>([[1, 2], [2, 4]])
    #expect(LeastSquares.solvePositiveDefinite(singular, Matrix(column: [1, 1])) == nil)
    // A positive shift makes it definite again.
    #expect(LeastSquares.solvePositiveDefinite(singular, shift: 0.5, Matrix(column: [1, 1])) != nil)
}
