/// Contour lines of a sampled field by marching squares, joined into polylines.
enum MarchingSquares {
    /// Polylines where `values` (rows × columns, samples on grid corners, row 0 at `y0`)
    /// crosses `level`, in data coordinates over `x0...x1` × `y0...y1`. Cells with a
    /// non-finite corner are skipped; saddles are resolved by the cell's mean value.
    static func contour(_ values: [[Double]], level: Double,
                        x0: Double, x1: Double, y0: Double, y1: Double) -> [[Point]] {
        let rows = values.count
        guard rows >= 2 else { return [] }
        let cols = values.map(\.count).min() ?? 0
        guard cols >= 2 else { return [] }
        let dx = (x1 - x0) / Double(cols - 1), dy = (y1 - y0) / Double(rows - 1)
        // Edge ids: horizontal edge (r, c)-(r, c+1) is 2*(r*cols+c); vertical (r, c)-(r+1, c) is 2*(r*cols+c)+1.
        func hEdge(_ r: Int, _ c: Int) -> Int { 2 * (r * cols + c) }
        func vEdge(_ r: Int, _ c: Int) -> Int { 2 * (r * cols + c) + 1 }
        var points: [Int: Point] = [:]
        func point(_ edge: Int) -> Point {
            if let p = points[edge] { return p }
            let cell = edge / 2, r = cell / cols, c = cell % cols
            let a = values[r][c]
            let p: Point
            if edge % 2 == 0 {
                let b = values[r][c + 1], t = (level - a) / (b - a)
                p = Point(x0 + (Double(c) + t) * dx, y0 + Double(r) * dy)
            } else {
                let b = values[r + 1][c], t = (level - a) / (b - a)
                p = Point(x0 + Double(c) * dx, y0 + (Double(r) + t) * dy)
            }
            points[edge] = p
            return p
        }
        var segments: [(Int, Int)] = []
        for r in 0..<(rows - 1) {
            for c in 0..<(cols - 1) {
                let v00 = values[r][c], v01 = values[r][c + 1], v10 = values[r + 1][c], v11 = values[r + 1][c + 1]
                guard v00.isFinite, v01.isFinite, v10.isFinite, v11.isFinite else { continue }
                let bottom = hEdge(r, c), top = hEdge(r + 1, c), left = vEdge(r, c), right = vEdge(r, c + 1)
                var index = 0
                if v00 > level { index |= 1 }
                if v01 > level { index |= 2 }
                if v11 > level { index |= 4 }
                if v10 > level { index |= 8 }
                switch index {
                case 0, 15: break
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5, 10:
                    let centreAbove = (v00 + v01 + v10 + v11) / 4 > level
                    if (index == 5) == centreAbove {
                        segments.append((left, top)); segments.append((bottom, right))
                    } else {
                        segments.append((left, bottom)); segments.append((right, top))
                    }
                default: break
                }
            }
        }
        return join(segments).map { $0.map(point) }
    }

    /// Chains segments that share edge points into polylines, in a deterministic order.
    static func join(_ segments: [(Int, Int)]) -> [[Int]] {
        var adjacent: [Int: [Int]] = [:]   // edge -> segment indices
        for (i, s) in segments.enumerated() {
            adjacent[s.0, default: []].append(i)
            adjacent[s.1, default: []].append(i)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[Int]] = []
        func extend(_ line: inout [Int]) {
            while let last = line.last, let next = adjacent[last]?.first(where: { !used[$0] }) {
                used[next] = true
                let s = segments[next]
                line.append(s.0 == last ? s.1 : s.0)
            }
        }
        // Start open chains at their ends first, then closed loops anywhere.
        let order = segments.indices.sorted { a, b in
            let ea = (adjacent[segments[a].0]?.count ?? 0) == 1 || (adjacent[segments[a].1]?.count ?? 0) == 1
            let eb = (adjacent[segments[b].0]?.count ?? 0) == 1 || (adjacent[segments[b].1]?.count ?? 0) == 1
            return ea != eb ? ea : a < b
        }
        for i in order where !used[i] {
            used[i] = true
            var s = segments[i]
            if (adjacent[s.0]?.count ?? 0) != 1 && (adjacent[s.1]?.count ?? 0) == 1 { s = (s.1, s.0) }
            var line = [s.0, s.1]
            extend(&line)
            var back = [line[0]]
            extend(&back)
            if back.count > 1 { line = back.reversed() + line.dropFirst() }
            lines.append(line)
        }
        return lines
    }
}
