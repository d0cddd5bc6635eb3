import Foundation
import Plot
import Tensor

extension Untangling {
    /// A map from a layer's activations to the plane: the activations themselves when the
    /// layer has two units, otherwise the first two principal components (PCA) of the
    /// activations it was fitted on.
    struct Projection: Sendable {
        /// Column means subtracted before projecting (empty for a direct view).
        var mean: [Double]
        /// Two unit-length principal axes, largest variance first (empty for a direct view).
        var axes: [[Double]]
        /// Fraction of the total variance the two axes keep (1 for a direct view).
        var explained: Double

        /// Whether the view shows the activations as they are (two units, no PCA).
        var isDirect: Bool { axes.isEmpty }

        /// Fits the view to the rows `rows` of `x` (the data points' activations).
        static func fit(_ x: Matrix<Float>, rows: Range<Int>) -> Projection {
            let d = x.columns
            guard d > 2, !rows.isEmpty else { return Projection(mean: [], axes: [], explained: 1) }
            var mean = [Double](repeating: 0, count: d)
            for r in rows { for j in 0..<d { mean[j] += Double(x[r, j]) } }
            for j in 0..<d { mean[j] /= Double(rows.count) }
            var cov = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for r in rows {
                for i in 0..<d {
                    let a = Double(x[r, i]) - mean[i]
                    for j in i..<d { cov[i][j] += a * (Double(x[r, j]) - mean[j]) }
                }
            }
            for i in 0..<d { for j in i..<d { cov[i][j] /= Double(rows.count); cov[j][i] = cov[i][j] } }
            let (values, vectors) = symmetricEigen(cov)
            let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            let total = values.reduce(0) { $0 + max($1, 0) }
            let axes = order.prefix(2).map { k -> [Double] in
                var v = (0..<d).map { vectors[$0][k] }
                // Deterministic sign: the largest component (first on ties) is positive.
                var big = 0
                for j in 1..<d where abs(v[j]) > abs(v[big]) + 1e-12 { big = j }
                if v[big] < 0 { v = v.map { -$0 } }
                return v
            }
            let kept = order.prefix(2).reduce(0) { $0 + max(values[$1], 0) }
            return Projection(mean: mean, axes: axes, explained: total > 0 ? kept / total : 1)
        }

        /// The plane coordinates of rows `rows` of `x`.
        func apply(_ x: Matrix<Float>, rows: Range<Int>) -> [Point] {
            if isDirect {
                return rows.map { r in Point(Double(x[r, 0]), x.columns > 1 ? Double(x[r, 1]) : 0) }
            }
            return rows.map { r in
                var p = [0.0, 0.0]
                for k in 0..<2 {
                    for j in 0..<x.columns { p[k] += (Double(x[r, j]) - mean[j]) * axes[k][j] }
                }
                return Point(p[0], p[1])
            }
        }
    }

    /// Eigenvalues and eigenvectors (as columns) of a symmetric matrix by cyclic Jacobi
    /// rotations: small, exact to rounding and deterministic.
    static func symmetricEigen(_ m: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        let n = m.count
        var a = m
        var v = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { off += a[i][j] * a[i][j] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where abs(a[p][q]) > 1e-300 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0][$0] }, v)
    }
}
