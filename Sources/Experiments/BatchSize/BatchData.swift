import Foundation
import Learning
import Tensor

/// The data of the batch-size lesson: a Fashion-MNIST subset shrunk to 14 x 14 pixels by
/// 2 x 2 average pooling (to fit the time budget), or, for quick runs, synthetic
/// Gaussian classes of the same kind (ten overlapping clusters). Features are
/// standardised with the training split's mean and standard deviation (two numbers).
struct BatchData: Sendable {
    let train: DataSplit
    let validation: DataSplit
    /// `fashion-mnist 14x14` or `synthetic`, for captions.
    let description: String

    /// The two splits as a data set of ten classes with no test split, as the trial path
    /// (`TrialRun`) takes it.
    var dataset: Dataset {
        Dataset(name: description, train: train, validation: validation, classCount: 10)
    }

    /// Where the examples come from.
    enum Source: String, Codable, Sendable {
        case fashionMNIST = "fashion-mnist"
        case synthetic
    }

    /// What the data depends on (part of every trial's cache key).
    struct Spec: Codable, Hashable, Sendable {
        var source: Source
        var train: Int
        var validation: Int
        /// Synthetic only: input width and the spread of each cluster around its centre.
        var inputs: Int
        var spread: Double
        var seed: UInt64
    }

    static func load(_ spec: Spec) throws -> BatchData {
        switch spec.source {
        case .fashionMNIST:
            let all = try FashionMNIST.load(split: .train, limit: spec.train + spec.validation)
            guard all.count == spec.train + spec.validation else {
                throw LearningError.invalidSetting(name: "train + validation",
                                                   expected: "at most \(all.count) Fashion-MNIST training images",
                                                   found: "\(spec.train + spec.validation)")
            }
            let pooled = DataSplit(features: pool2x2(all.features, side: 28), labels: all.labels)
            let train = pooled.subset(Array(0..<spec.train))
            let validation = pooled.subset(Array(spec.train..<(spec.train + spec.validation)))
            return standardised(train: train, validation: validation,
                                description: "Fashion-MNIST, 14 × 14 pixels")
        case .synthetic:
            return synthetic(spec)
        }
    }

    /// 2 x 2 average pooling of square images stored one per row.
    static func pool2x2(_ x: Matrix<Float>, side: Int) -> Matrix<Float> {
        let half = side / 2
        var out = Matrix<Float>(rows: x.rows, columns: half * half)
        x.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<x.rows {
                    let s = src.baseAddress! + r * side * side
                    let d = dst.baseAddress! + r * half * half
                    for i in 0..<half {
                        for j in 0..<half {
                            let a = s[(2 * i) * side + 2 * j] + s[(2 * i) * side + 2 * j + 1]
                            let b = s[(2 * i + 1) * side + 2 * j] + s[(2 * i + 1) * side + 2 * j + 1]
                            d[i * half + j] = (a + b) / 4
                        }
                    }
                }
            }
        }
        return out
    }

    /// Ten Gaussian clusters in `inputs` dimensions: centres drawn once from N(0, I), each
    /// example its centre plus N(0, spread^2 I) noise. Overlapping clusters make the
    /// accuracy climb gradually, as on real images.
    static func synthetic(_ spec: Spec) -> BatchData {
        let (train, validation) = clusters(spec)
        return standardised(train: train, validation: validation, description: "synthetic Gaussian classes")
    }

    /// The clusters' training and validation examples before standardising (the `train`
    /// kind's `clusters` data set draws its test examples as part of the validation draw).
    static func clusters(_ spec: Spec) -> (train: DataSplit, validation: DataSplit) {
        var rng = SeededGenerator(seed: spec.seed)
        let classes = 10
        let d = spec.inputs
        let centres = (0..<(classes * d)).map { _ in rng.normal() }
        func draw(_ n: Int) -> DataSplit {
            var x = Matrix<Float>(rows: n, columns: d)
            var labels = [Int](repeating: 0, count: n)
            for i in 0..<n {
                let c = rng.integer(below: classes)
                labels[i] = c
                for j in 0..<d { x[i, j] = Float(centres[c * d + j] + rng.normal(standardDeviation: spec.spread)) }
            }
            return DataSplit(features: x, labels: labels)
        }
        let train = draw(spec.train)
        let validation = draw(spec.validation)
        return (train, validation)
    }

    static func standardised(train: DataSplit, validation: DataSplit, description: String) -> BatchData {
        let values = train.features.storage
        let count = Double(max(values.count, 1))
        let mean = values.reduce(0.0) { $0 + Double($1) } / count
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
        let scale = Float(1 / max(variance.squareRoot(), 1e-12))
        func apply(_ s: DataSplit) -> DataSplit {
            var f = s.features
            for i in 0..<f.storage.count { f.storage[i] = (f.storage[i] - Float(mean)) * scale }
            return DataSplit(features: f, labels: s.labels)
        }
        return BatchData(train: apply(train), validation: apply(validation), description: description)
    }
}
