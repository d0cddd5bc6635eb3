import Foundation
import Learning
import Tensor

/// Measurements on sets of images (one image per row, pixel values in [0, 1]) shared by the
/// manifold lesson's kinds.
enum ImageMeasures {
    /// For each row of `images`, the root-mean-square pixel difference to the nearest row
    /// of `reference` (the distance divided by √pixels, so it reads in pixel units).
    /// Squared distances come from one BLAS product: |a|² + |b|² - 2 a·b.
    static func nearestDistances(_ images: Matrix<Float>, to reference: Matrix<Float>) -> [Double] {
        let a = images.converted(to: Double.self), b = reference.converted(to: Double.self)
        var products = Matrix<Double>(rows: a.rows, columns: b.rows)
        Matrix.gemm(a, b, transposeB: true, into: &products)
        let d = Double(max(a.columns, 1))
        let normsB = (0..<b.rows).map { r in b.row(r).reduce(0) { $0 + $1 * $1 } }
        return (0..<a.rows).map { i in
            let normA = a.row(i).reduce(0) { $0 + $1 * $1 }
            var best = Double.infinity
            for j in 0..<b.rows { best = min(best, normA + normsB[j] - 2 * products[i, j]) }
            return (max(best, 0) / d).squareRoot()
        }
    }

    /// The mean of each image's squared pixel differences to `other`, averaged over images.
    static func meanSquaredError(_ images: Matrix<Float>, _ other: Matrix<Float>) -> Double {
        var total = 0.0
        for (a, b) in zip(images.storage, other.storage) { total += Double(a - b) * Double(a - b) }
        return total / Double(max(images.count, 1))
    }

    /// Row `r` of `images` as values for an image grid.
    static func image(_ images: Matrix<Float>, _ r: Int) -> [Double] { images.row(r).map(Double.init) }

    /// The mean of each row of `values`.
    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
}
