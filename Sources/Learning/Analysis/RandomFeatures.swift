import Foundation
import Tensor

/// A random-features model's feature map: a fixed random first layer whose outputs a
/// linear read-out is fitted to (Rahimi and Recht 2007). Computed in Double, since the
/// read-out is a least-squares solve.
public struct RandomFeatures: Sendable {
    /// Which random features.
    public enum Kind: Equatable, Sendable {
        /// phi(x) = relu(W x (+ b)) with W ~ N(0, 1) entrywise (and b ~ N(0, 1) with bias).
        case relu(bias: Bool = false)
        /// Random Fourier features: cos(w . x) and sin(w . x) pairs with w ~ N(0, I /
        /// bandwidth^2). Each pair counts as two features; an odd count ends on a cosine.
        case fourier(bandwidth: Double = 1)
    }

    /// How the read-out is fitted.
    public enum Fit: Equatable, Sendable {
        /// The minimum-norm least-squares solution (gelsd), singular values below
        /// `rcond * s_max` cut off (`nil`: eps * max(n, p)).
        case minimumNorm(rcond: Double? = nil)
        /// Ridge regression with penalty `lambda` on the squared coefficient norm.
        case ridge(lambda: Double)
    }

    public let kind: Kind
    /// Width of the input.
    public let inputs: Int
    /// Number of features (columns of `transform`).
    public let count: Int
    /// The random projection: one row per ReLU feature or per cos/sin pair, `inputs` columns.
    public let projection: Matrix<Double>
    /// Offsets added before the ReLU (empty without bias).
    public let offsets: [Double]

    /// Draws `features` random features on `inputs`-dimensional inputs from `seed`.
    public init(kind: Kind, inputs: Int, features: Int, seed: UInt64) throws {
        guard inputs > 0, features > 0 else {
            throw LearningError.invalidSetting(name: "random features", expected: "positive input width and feature count",
                                               found: "inputs \(inputs), features \(features)")
        }
        var rng = SeededGenerator(seed: seed)
        self.init(kind: kind, inputs: inputs, features: features, using: &rng)
    }

    /// Draws the features from an existing generator (for sweeps that share a stream).
    public init(kind: Kind, inputs: Int, features: Int, using rng: inout SeededGenerator) {
        self.kind = kind
        self.inputs = inputs
        self.count = features
        switch kind {
        case .relu(let bias):
            projection = rng.normalMatrix(rows: features, columns: inputs)
            offsets = bias ? (0..<features).map { _ in rng.normal() } : []
        case .fourier(let bandwidth):
            projection = rng.normalMatrix(rows: (features + 1) / 2, columns: inputs,
                                          standardDeviation: 1 / max(bandwidth, .leastNormalMagnitude))
            offsets = []
        }
    }

    /// The `x.rows x count` feature matrix of the rows of `x`.
    public func transform(_ x: Matrix<Double>) throws -> Matrix<Double> {
        guard x.columns == inputs else {
            throw LearningError.shapeMismatch(what: "random features input", expected: "\(inputs) columns",
                                              found: "\(x.columns)")
        }
        var z = try x.multiplied(by: projection, transposeOther: true)
        switch kind {
        case .relu:
            z.storage.withUnsafeMutableBufferPointer { p in
                if offsets.isEmpty {
                    for i in 0..<p.count { p[i] = max(p[i], 0) }
                } else {
                    for r in 0..<x.rows {
                        for c in 0..<count { p[r * count + c] = max(p[r * count + c] + offsets[c], 0) }
                    }
                }
            }
            return z
        case .fourier:
            let pairs = projection.rows
            return Matrix(rows: x.rows, columns: count) { r, c in
                let w = z.storage[r * pairs + c / 2]
                return c % 2 == 0 ? Foundation.cos(w) : Foundation.sin(w)
            }
        }
    }

    /// The feature matrix of Float inputs.
    public func transform(_ x: Matrix<Float>) throws -> Matrix<Double> { try transform(x.converted(to: Double.self)) }

    /// Fits the read-out to targets `y` (`x.rows x outputs`).
    public func fit(_ x: Matrix<Double>, _ y: Matrix<Double>, method: Fit = .minimumNorm()) throws -> RandomFeatureModel {
        let phi = try transform(x)
        let coefficients: Matrix<Double>
        switch method {
        case .minimumNorm(let rcond):
            coefficients = try LeastSquares.minimumNorm(phi, y, rcond: rcond).coefficients
        case .ridge(let lambda):
            coefficients = try LeastSquares.ridge(phi, y, lambda: lambda)
        }
        return RandomFeatureModel(features: self, coefficients: coefficients)
    }
}

/// Random features with a fitted linear read-out.
public struct RandomFeatureModel: Sendable {
    public let features: RandomFeatures
    /// `features.count x outputs`.
    public let coefficients: Matrix<Double>

    /// Predictions for the rows of `x`.
    public func predict(_ x: Matrix<Double>) throws -> Matrix<Double> {
        try features.transform(x).multiplied(by: coefficients)
    }

    /// Mean squared error over rows and outputs.
    public func meanSquaredError(_ x: Matrix<Double>, _ y: Matrix<Double>) throws -> Double {
        let p = try predict(x)
        guard p.rows == y.rows, p.columns == y.columns else {
            throw LearningError.shapeMismatch(what: "targets", expected: "\(p.rows)x\(p.columns)", found: "\(y.rows)x\(y.columns)")
        }
        return try p.subtracting(y).storage.reduce(0) { $0 + $1 * $1 } / Double(max(y.count, 1))
    }

    /// Euclidean norm of the coefficients (the quantity minimum-norm fitting minimises).
    public var coefficientNorm: Double { coefficients.frobeniusNorm }
}
