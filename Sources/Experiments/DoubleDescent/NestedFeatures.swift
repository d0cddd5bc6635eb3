import Foundation
import Tensor

/// Random features drawn once at the largest width of a sweep, so that the model with p
/// features uses the first p of them (nested models: widening adds features, it never
/// redraws the old ones). ReLU features are relu(w . x + b) with w ~ N(0, I) and
/// b ~ N(0, bias^2); Fourier features come in pairs cos(w . x), sin(w . x) with
/// w ~ N(0, I / bandwidth^2), and each member of a pair counts as one feature.
struct NestedFeatures: Sendable {
    enum Kind: Sendable, Equatable {
        case relu(bias: Double)
        case fourier(bandwidth: Double)
    }

    let kind: Kind
    /// Largest number of features.
    let count: Int
    /// One row per ReLU feature, or per cos/sin pair.
    let weights: Matrix<Double>
    /// ReLU offsets (empty for Fourier features or without bias).
    let offsets: [Double]

    init(kind: Kind, inputs: Int, count: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        self.kind = kind
        self.count = count
        switch kind {
        case .relu(let bias):
            weights = rng.normalMatrix(rows: count, columns: inputs, as: Double.self)
            offsets = bias > 0 ? (0..<count).map { _ in rng.normal(standardDeviation: bias) } : []
        case .fourier(let bandwidth):
            weights = rng.normalMatrix(rows: (count + 1) / 2, columns: inputs,
                                       standardDeviation: 1 / bandwidth, as: Double.self)
            offsets = []
        }
    }

    /// Features `range` (unscaled) of the rows of `x`: an `x.rows x range.count` matrix.
    func columns(_ x: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        let width = range.count
        guard width > 0 else { return Matrix(rows: x.rows, columns: 0) }
        switch kind {
        case .relu:
            let w = weights.rows(range)
            var z = Matrix<Double>(rows: x.rows, columns: width)
            Matrix.gemm(x, w, transposeB: true, into: &z)
            z.storage.withUnsafeMutableBufferPointer { p in
                if offsets.isEmpty {
                    for i in 0..<p.count { p[i] = Swift.max(p[i], 0) }
                } else {
                    for r in 0..<x.rows {
                        for c in 0..<width {
                            let i = r * width + c
                            p[i] = Swift.max(p[i] + offsets[range.lowerBound + c], 0)
                        }
                    }
                }
            }
            return z
        case .fourier:
            let first = range.lowerBound / 2, last = (range.upperBound - 1) / 2
            let w = weights.rows(first..<(last + 1))
            var z = Matrix<Double>(rows: x.rows, columns: w.rows)
            Matrix.gemm(x, w, transposeB: true, into: &z)
            var out = Matrix<Double>(rows: x.rows, columns: width)
            for r in 0..<x.rows {
                for c in 0..<width {
                    let feature = range.lowerBound + c
                    let angle = z.storage[r * w.rows + feature / 2 - first]
                    out.storage[r * width + c] = feature % 2 == 0 ? Foundation.cos(angle) : Foundation.sin(angle)
                }
            }
            return out
        }
    }

    /// The same features one row per feature: the transpose of `columns(x, range)`, a
    /// `range.count x x.rows` matrix, for fits that keep the first p features as the first
    /// p rows of one matrix.
    func rowsByFeature(_ x: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        guard case .relu = kind else { return columns(x, range).transposed }
        let width = range.count
        guard width > 0 else { return Matrix(rows: 0, columns: x.rows) }
        var z = Matrix<Double>(rows: width, columns: x.rows)
        Matrix.gemm(weights.rows(range), x, transposeB: true, into: &z)
        let points = x.rows
        z.storage.withUnsafeMutableBufferPointer { p in
            for f in 0..<width {
                let b = offsets.isEmpty ? 0 : offsets[range.lowerBound + f]
                for i in (f * points)..<((f + 1) * points) { p[i] = Swift.max(p[i] + b, 0) }
            }
        }
        return z
    }
}
