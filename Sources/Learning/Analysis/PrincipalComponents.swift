import Foundation
import Tensor

/// Principal components of a set of examples (one per row): the mean, and the
/// eigenvectors of the sample covariance ordered by the variance they hold, largest
/// first. The covariance is formed with one BLAS product and split by LAPACK's symmetric
/// eigen-solver (`SymmetricEigen`), which is exact for the 784 × 784 covariance of
/// Fashion-MNIST images in about a second, so no iterative method is needed.
public struct PrincipalComponents: Sendable {
    /// The mean example (`inputs` values).
    public let mean: [Double]
    /// Variance along each component (divisor n - 1), largest first, all `inputs` of them.
    public let variances: [Double]
    /// The first `kept` components as rows (`kept x inputs`), unit length.
    public let components: Matrix<Double>

    /// Fits the components of `examples` and keeps the first `keep` (all when nil).
    public init(fitting examples: Matrix<Float>, keep: Int? = nil) throws {
        let n = examples.rows, d = examples.columns
        guard n >= 2, d >= 1 else {
            throw LearningError.invalidSetting(name: "principal components", expected: "at least 2 examples with 1 or more values",
                                               found: "\(n) examples of \(d) values")
        }
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += Double(examples[i, j]) } }
        for j in 0..<d { mean[j] /= Double(n) }
        var centred = Matrix<Double>(rows: n, columns: d)
        for i in 0..<n { for j in 0..<d { centred[i, j] = Double(examples[i, j]) - mean[j] } }
        var covariance = Matrix<Double>(rows: d, columns: d)
        Matrix.gemm(centred, transposeA: true, centred, into: &covariance, alpha: 1 / Double(n - 1), beta: 0)
        let (values, vectors) = try SymmetricEigen.decomposition(covariance)
        let kept = min(keep ?? d, d)
        var rows = Matrix<Double>(rows: kept, columns: d)
        for k in 0..<kept {
            let column = d - 1 - k
            // A sign convention so that the same data give the same components on any
            // LAPACK: the largest entry of each component is positive.
            var largest = 0
            for j in 0..<d where abs(vectors[j, column]) > abs(vectors[largest, column]) { largest = j }
            let sign = vectors[largest, column] < 0 ? -1.0 : 1.0
            for j in 0..<d { rows[k, j] = sign * vectors[j, column] }
        }
        self.mean = mean
        self.variances = values.reversed().map { max($0, 0) }
        self.components = rows
    }

    /// The share of the total variance held by the first 1, 2, ... components.
    public var cumulativeShare: [Double] {
        let total = variances.reduce(0, +)
        var running = 0.0
        return variances.map { running += $0; return total > 0 ? running / total : 1 }
    }

    /// The fewest components that hold at least `share` of the variance.
    public func componentsHolding(_ share: Double) -> Int {
        (cumulativeShare.firstIndex { $0 >= share - 1e-12 } ?? (variances.count - 1)) + 1
    }

    /// The coordinates of each example on the first `count` components (`rows x count`).
    public func encode(_ examples: Matrix<Float>, count: Int) -> Matrix<Double> {
        let k = min(count, components.rows), d = components.columns
        var centred = Matrix<Double>(rows: examples.rows, columns: d)
        for i in 0..<examples.rows { for j in 0..<d { centred[i, j] = Double(examples[i, j]) - mean[j] } }
        var codes = Matrix<Double>(rows: examples.rows, columns: k)
        let basis = components.rows(0..<k)
        Matrix.gemm(centred, basis, transposeB: true, into: &codes)
        return codes
    }

    /// Examples rebuilt from their coordinates on the first `codes.columns` components.
    public func decode(_ codes: Matrix<Double>) -> Matrix<Float> {
        let k = codes.columns, d = components.columns
        var out = Matrix<Double>(rows: codes.rows, columns: d)
        if k > 0 { Matrix.gemm(codes, components.rows(0..<k), into: &out) }
        var rebuilt = Matrix<Float>(rows: codes.rows, columns: d)
        for i in 0..<codes.rows { for j in 0..<d { rebuilt[i, j] = Float(out[i, j] + mean[j]) } }
        return rebuilt
    }

    /// The mean over examples and values of the squared difference between each example
    /// and its rebuild from `count` components (the autoencoder's loss, in the same units).
    public func reconstructionError(_ examples: Matrix<Float>, count: Int) -> Double {
        let rebuilt = decode(encode(examples, count: count))
        var total = 0.0
        for (a, b) in zip(examples.storage, rebuilt.storage) { total += Double(a - b) * Double(a - b) }
        return total / Double(max(examples.count, 1))
    }
}
