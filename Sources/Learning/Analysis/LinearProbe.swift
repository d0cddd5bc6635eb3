import Tensor

/// A linear probe: how well a linear classifier separates the classes given a layer's
/// activations. Fitted in closed form as ridge regression of one-hot targets on the
/// features plus a constant (deterministic and fast; Alain and Bengio 2016 train
/// softmax probes, which rank layers the same way on these problems).
public struct LinearProbe: Sendable {
    /// `(features + 1) x classes`; the last row is the intercept.
    public let weights: Matrix<Double>
    /// Number of classes.
    public let classes: Int

    /// Fits a probe to `features` (one example per row) and `labels` in 0..<classes.
    /// The ridge penalty is `lambda` times the number of examples.
    public static func fit(_ features: Matrix<Float>, labels: [Int], classes: Int? = nil,
                           lambda: Double = 1e-3) throws -> LinearProbe {
        guard features.rows == labels.count, features.rows > 0 else {
            throw LearningError.shapeMismatch(what: "linear probe labels", expected: "one per example (\(features.rows))",
                                              found: "\(labels.count)")
        }
        let k = classes ?? ((labels.max() ?? 0) + 1)
        guard labels.allSatisfy({ $0 >= 0 && $0 < k }) else {
            throw LearningError.invalidSetting(name: "linear probe labels", expected: "labels in 0..<\(k)", found: "\(labels.min()!)...\(labels.max()!)")
        }
        let design = withIntercept(features)
        var targets = Matrix<Double>(rows: labels.count, columns: k)
        for (i, y) in labels.enumerated() { targets[i, y] = 1 }
        let w = try LeastSquares.ridge(design, targets, lambda: max(lambda, 1e-12) * Double(labels.count))
        return LinearProbe(weights: w, classes: k)
    }

    static func withIntercept(_ x: Matrix<Float>) -> Matrix<Double> {
        Matrix(rows: x.rows, columns: x.columns + 1) { r, c in c < x.columns ? Double(x[r, c]) : 1 }
    }

    /// The predicted class of each row.
    public func predict(_ features: Matrix<Float>) throws -> [Int] {
        guard features.columns + 1 == weights.rows else {
            throw LearningError.shapeMismatch(what: "linear probe features", expected: "\(weights.rows - 1) columns",
                                              found: "\(features.columns)")
        }
        return try LinearProbe.withIntercept(features).multiplied(by: weights).argmaxRows
    }

    /// Fraction of rows classified correctly.
    public func accuracy(_ features: Matrix<Float>, labels: [Int]) throws -> Double {
        Statistics.accuracy(predicted: try predict(features), actual: labels)
    }

    /// The accuracy a probe fitted on (`features`, `labels`) reaches on the same data,
    /// or on (`testFeatures`, `testLabels`) when given.
    public static func accuracy(features: Matrix<Float>, labels: [Int], testFeatures: Matrix<Float>? = nil,
                                testLabels: [Int]? = nil, lambda: Double = 1e-3) throws -> Double {
        let probe = try fit(features, labels: labels, classes: max((labels.max() ?? 0), (testLabels?.max() ?? 0)) + 1,
                            lambda: lambda)
        return try probe.accuracy(testFeatures ?? features, labels: testLabels ?? labels)
    }
}
