import Testing
@testable import Tensor

@Test func matrixStoresRowsInFlatRowMajorOrder() throws {
    let m = try Matrix<Float>([[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m.storage == [1, 2, 3, 4, 5, 6])
    #expect(m[1, 0] == 4)
    #expect(m.transposed.storage == [1, 4, 2, 5, 3, 6])
    #expect(m.row(1) == [4, 5, 6])
    #expect(m.column(2) == [3, 6])
}

@Test func raggedRowsAndWrongStorageCountsThrow() {
    #expect(throws: TensorError.self) { try Matrix<Double>([[1, 2], [3]]) }
    #expect(throws: TensorError.self) { try Matrix<Double>(rows: 2, columns: 2, storage: [1, 2, 3]) }
}

@Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
func productsMatchTheDefinitionForEveryTransposeCombination(ta: Bool, tb: Bool) throws {
    var rng = SeededGenerator(seed: 3)
    let a0: Matrix<Double> = rng.normalMatrix(rows: 4, columns: 3)
    let b0: Matrix<Double> = rng.normalMatrix(rows: 3, columns: 5)
    let a = ta ? a0.transposed : a0
    let b = tb ? b0.transposed : b0
    let c = try a.multiplied(by: b, transposeSelf: ta, transposeOther: tb)
    for i in 0..<4 {
        for j in 0..<5 {
            var s = 0.0
            for k in 0..<3 { s += a0[i, k] * b0[k, j] }
            #expect(abs(c[i, j] - s) < 1e-12)
        }
    }
}

@Test func mismatchedInnerDimensionsThrowWithBothSizes() {
    let a = Matrix<Float>(rows: 2, columns: 3)
    let b = Matrix<Float>(rows: 4, columns: 2)
    #expect(throws: TensorError.self) { try a.multiplied(by: b) }
}

@Test func reductionsAndBroadcastsGiveTheirClosedForms() throws {
    let m = try Matrix<Double>([[1, -2], [3, 4]])
    #expect(m.sum == 6)
    #expect(m.columnSums == [4, 2])
    #expect(m.rowSums == [-1, 7])
    #expect(m.argmaxRows == [0, 1])
    #expect(abs(m.frobeniusNorm - 30.0.squareRoot()) < 1e-12)
    #expect(try m.addingToRows([10, 20]).storage == [11, 18, 13, 24])
    #expect((m + m).storage == [2, -4, 6, 8])
    #expect((2 * m).storage == [2, -4, 6, 8])
}
