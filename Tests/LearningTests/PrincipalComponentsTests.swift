import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// Principal components against a case whose components are known: points spread along
/// three orthogonal directions with standard deviations 3, 2 and 1 (the rest exactly 0).
@Suite struct PrincipalComponentsTests {
    /// Orthonormal directions in 5-D (a rotation of the axes) and 4,000 points on them.
    static func known() throws -> (directions: [[Double]], examples: Matrix<Float>) {
        let s = 1 / 2.0.squareRoot()
        let directions: [[Double]] = [[s, s, 0, 0, 0], [0, 0, 0.6, 0.8, 0], [s, -s, 0, 0, 0]]
        let deviations = [3.0, 2.0, 1.0]
        let mean = [1.0, -2.0, 0.5, 0, 3]
        var rng = SeededGenerator(seed: 5)
        var x = Matrix<Float>(rows: 4_000, columns: 5)
        for i in 0..<x.rows {
            let t = deviations.map { $0 * rng.normal() }
            for j in 0..<5 { x[i, j] = Float(mean[j] + (0..<3).reduce(0.0) { $0 + t[$1] * directions[$1][j] }) }
        }
        return (directions, x)
    }

    @Test func componentsAreTheKnownDirectionsInOrderOfVariance() throws {
        let (directions, x) = try Self.known()
        let pca = try PrincipalComponents(fitting: x)
        #expect(pca.components.rows == 5)
        for k in 0..<3 {
            let dot = (0..<5).reduce(0.0) { $0 + pca.components[k, $1] * directions[k][$1] }
            #expect(abs(abs(dot) - 1) < 1e-3, "component \(k): |cos| = \(abs(dot))")
        }
        // Variances 9, 4 and 1 (sampling error about 2% for 4,000 points); the rest zero.
        #expect(abs(pca.variances[0] / 9 - 1) < 0.06 && abs(pca.variances[1] / 4 - 1) < 0.06 && abs(pca.variances[2] - 1) < 0.06,
                "\(pca.variances)")
        #expect(pca.variances[3] < 1e-6 && pca.variances[4] < 1e-6)
        #expect(abs(pca.mean[0] - 1) < 0.15 && abs(pca.mean[4] - 3) < 1e-5)
        let shares = pca.cumulativeShare
        #expect(abs(shares[2] - 1) < 1e-9 && shares[0] > 0.6 && shares[0] < 0.68, "\(shares)")
        #expect(pca.componentsHolding(0.5) == 1 && pca.componentsHolding(0.99) == 3)
    }

    @Test func rebuildingFromEveryNonzeroComponentIsExactAndFromFewerLeavesTheirVariance() throws {
        let (_, x) = try Self.known()
        let pca = try PrincipalComponents(fitting: x)
        #expect(pca.reconstructionError(x, count: 3) < 1e-9)
        // Dropping the last direction (variance about 1) leaves about 1 / 5 per value.
        let error = pca.reconstructionError(x, count: 2)
        #expect(abs(error - pca.variances[2] * 3_999 / 4_000 / 5) < 1e-4, "\(error)")
        let codes = pca.encode(x, count: 2)
        #expect(codes.columns == 2)
    }

    @Test func eigenvectorsOfASmallSymmetricMatrixAreExact() throws {
        let (values, vectors) = try SymmetricEigen.decomposition(try Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 2]))
        #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
        let s = 1 / 2.0.squareRoot()
        #expect(abs(abs(vectors[0, 1]) - s) < 1e-12 && abs(vectors[0, 1] - vectors[1, 1]) < 1e-12)
        #expect(abs(vectors[0, 0] + vectors[1, 0]) < 1e-12)
    }
}
