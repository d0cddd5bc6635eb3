import Foundation
import Learning
import Plot
import Tensor

extension Untangling {
    /// The lines of a regular grid over a square of the input plane, sampled finely so
    /// that they stay smooth after a layer bends them.
    struct GridLines: Sendable {
        var extent: ClosedRange<Double>
        /// Lines in each direction.
        var lines: Int
        /// Samples along each line.
        var samples: Int

        var count: Int { 2 * lines * samples }

        /// Every sample, line after line: first the lines of constant x, then of constant y.
        var inputs: Matrix<Float> {
            let lo = extent.lowerBound, span = extent.upperBound - extent.lowerBound
            return Matrix(rows: count, columns: 2) { row, column in
                let line = row / samples, k = row % samples
                let fixed = lo + span * Double(line % lines) / Double(max(lines - 1, 1))
                let moving = lo + span * Double(k) / Double(max(samples - 1, 1))
                let verticalLine = line < lines
                return Float((column == 0) == verticalLine ? fixed : moving)
            }
        }

        /// Cuts a list of `count` mapped samples back into polylines.
        func polylines(_ points: [Point]) -> [[Point]] {
            (0..<(2 * lines)).map { Array(points[($0 * samples)..<(($0 + 1) * samples)]) }
        }
    }

    /// One panel of a layer-by-layer picture: the data points and the grid as one layer sees them.
    struct LayerView: Sendable {
        /// 0 for the input, k for hidden layer k.
        var layer: Int
        /// Number of units (2 for the input).
        var width: Int
        var projection: Projection
        var points: [Point]
        var grid: [[Point]]
        /// Where the output layer puts probability 0.5, in this view (last hidden layer
        /// of width 2 only): two points on the line, inside the view.
        var boundary: [Point]?
        /// Accuracy of a linear probe on this layer's full activations.
        var probeAccuracy: Double
    }

    /// Everything drawn for one moment of training.
    struct Snapshot: Sendable {
        var epoch: Int
        var views: [LayerView]
        /// Class-1 probability on the region grid of the input plane.
        var regions: [[Double]]
        var regionExtent: ClosedRange<Double>
        /// The class of each data point (the same points in every view).
        var labels: [Int]
    }

    /// The rows fed to the captures: the data, then the grid lines, then the region grid.
    struct CaptureLayout: Sendable {
        var data: Int
        var grid: GridLines
        var regionResolution: Int
        var regionExtent: ClosedRange<Double>

        func inputs(data x: Matrix<Float>) throws -> Matrix<Float> {
            try x.appendingRows(grid.inputs).appendingRows(planeGrid(extent: regionExtent, resolution: regionResolution))
        }

        var dataRows: Range<Int> { 0..<data }
        var gridRows: Range<Int> { data..<(data + grid.count) }
        var regionRows: Range<Int> { (data + grid.count)..<(data + grid.count + regionResolution * regionResolution) }
    }

    /// Builds the panels of one capture. `network` gives the layer structure only.
    static func snapshot(epoch: Int, layerOutputs outputs: [Matrix<Float>], network: Network, inputs: Matrix<Float>, labels: [Int],
                         layout: CaptureLayout) throws -> Snapshot {
        let hidden = network.layers.indices.filter { if case .activation = network.layers[$0] { return true } else { return false } }
        let logits = outputs[network.layers.count - 1]
        var matrices: [Matrix<Float>] = [inputs]
        for i in hidden { matrices.append(outputs[i]) }
        var views: [LayerView] = []
        let dataFeatures = inputs.rows(layout.dataRows)
        for (k, m) in matrices.enumerated() {
            let projection = Projection.fit(m, rows: layout.dataRows)
            let points = projection.apply(m, rows: layout.dataRows)
            let grid = layout.grid.polylines(projection.apply(m, rows: layout.gridRows))
            let features = k == 0 ? dataFeatures : m.rows(layout.dataRows)
            // A diverged run's activations hold NaN: its probe is NaN, not an error.
            let probe = features.isFinite ? try LinearProbe.accuracy(features: features, labels: labels) : .nan
            var view = LayerView(layer: k, width: m.columns, projection: projection, points: points, grid: grid,
                                 boundary: nil, probeAccuracy: probe)
            if k == matrices.count - 1, k > 0, projection.isDirect, m.columns == 2 {
                view.boundary = boundaryLine(hidden: m, logits: logits, rows: layout.dataRows, within: points + grid.flatMap { $0 })
            }
            views.append(view)
        }
        let n = layout.regionResolution
        var regions = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for (i, row) in layout.regionRows.enumerated() {
            let z = Double(logits[row, 0]) - Double(logits[row, 1])
            regions[i / n][i % n] = 1 / (1 + Foundation.exp(z))
        }
        return Snapshot(epoch: epoch, views: views, regions: regions, regionExtent: layout.regionExtent,
                        labels: labels)
    }

    /// The line z1 - z0 = 0 in the plane of a two-unit last hidden layer. The output layer
    /// is affine, so z1 - z0 = a . h + c exactly; a and c are recovered from the captured
    /// activations and logits by least squares, then the line is clipped to the box
    /// around `within`.
    static func boundaryLine(hidden h: Matrix<Float>, logits z: Matrix<Float>, rows: Range<Int>, within: [Point]) -> [Point]? {
        var ata = [[Double]](repeating: [0, 0, 0], count: 3)
        var atb = [0.0, 0.0, 0.0]
        for r in rows {
            let v = [Double(h[r, 0]), Double(h[r, 1]), 1]
            let t = Double(z[r, 1]) - Double(z[r, 0])
            for i in 0..<3 { atb[i] += v[i] * t; for j in 0..<3 { ata[i][j] += v[i] * v[j] } }
        }
        guard let s = solve3(ata, atb) else { return nil }
        let xs = within.map(\.x).filter(\.isFinite), ys = within.map(\.y).filter(\.isFinite)
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        return clipLine(a: s[0], b: s[1], c: s[2], box: (x0, x1, y0, y1))
    }

    /// The segment of a x + b y + c = 0 inside the box, or nil when it misses it.
    static func clipLine(a: Double, b: Double, c: Double, box: (Double, Double, Double, Double)) -> [Point]? {
        let (x0, x1, y0, y1) = box
        var hits: [Point] = []
        if abs(b) > 1e-12 {
            for x in [x0, x1] { let y = -(a * x + c) / b; if y >= y0 - 1e-9 && y <= y1 + 1e-9 { hits.append(Point(x, y)) } }
        }
        if abs(a) > 1e-12 {
            for y in [y0, y1] { let x = -(b * y + c) / a; if x >= x0 - 1e-9 && x <= x1 + 1e-9 { hits.append(Point(x, y)) } }
        }
        guard let first = hits.first, let far = hits.max(by: { hypot($0.x - first.x, $0.y - first.y) < hypot($1.x - first.x, $1.y - first.y) }),
              hypot(far.x - first.x, far.y - first.y) > 0 else { return nil }
        return [first, far]
    }

    /// Solves a 3 x 3 system by Gaussian elimination with partial pivoting.
    static func solve3(_ m: [[Double]], _ b: [Double]) -> [Double]? {
        var a = m, y = b
        for col in 0..<3 {
            var pivot = col
            for r in (col + 1)..<3 where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            guard abs(a[pivot][col]) > 1e-12 else { return nil }
            a.swapAt(col, pivot); y.swapAt(col, pivot)
            for r in (col + 1)..<3 {
                let f = a[r][col] / a[col][col]
                for c in col..<3 { a[r][c] -= f * a[col][c] }
                y[r] -= f * y[col]
            }
        }
        var x = [0.0, 0.0, 0.0]
        for r in stride(from: 2, through: 0, by: -1) {
            var s = y[r]
            for c in (r + 1)..<3 { s -= a[r][c] * x[c] }
            x[r] = s / a[r][r]
        }
        return x
    }
}
