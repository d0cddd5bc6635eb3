/// A coarse raster of where a panel draws data, used to put the legend where it covers none.
struct Occupancy {
    let rect: Rect
    let cell = 3.0
    let columns: Int
    let rows: Int
    var filled: [Bool]

    init(rect: Rect) {
        self.rect = rect
        columns = max(1, Int((rect.width / cell).rounded(.up)))
        rows = max(1, Int((rect.height / cell).rounded(.up)))
        filled = [Bool](repeating: false, count: columns * rows)
    }

    mutating func mark(_ p: Point) {
        guard p.x.isFinite, p.y.isFinite else { return }
        let c = Int((p.x - rect.x) / cell), r = Int((p.y - rect.y) / cell)
        if c >= 0, c < columns, r >= 0, r < rows { filled[r * columns + c] = true }
    }

    mutating func mark(from a: Point, to b: Point) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let length = max(abs(b.x - a.x), abs(b.y - a.y))
        let n = min(Int(length / (cell * 0.7)) + 1, 4000)
        for i in 0...n {
            let t = Double(i) / Double(n)
            mark(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
        }
    }

    /// Marks the segments between consecutive finite points, mapped by `fx` and `fy`.
    mutating func mark(polyline xs: [Double], _ ys: [Double], _ fx: FastMap, _ fy: FastMap) {
        var last: Point?
        for i in 0..<min(xs.count, ys.count) {
            let p = Point(fx(xs[i]), fy(ys[i]))
            guard p.x.isFinite, p.y.isFinite else { last = nil; continue }
            if let q = last { mark(from: q, to: p) } else { mark(p) }
            last = p
        }
    }

    mutating func mark(_ r: Rect) {
        let c0 = max(0, Int((r.x - rect.x) / cell)), c1 = min(columns - 1, Int((r.maxX - rect.x) / cell))
        let r0 = max(0, Int((r.y - rect.y) / cell)), r1 = min(rows - 1, Int((r.maxY - rect.y) / cell))
        guard c0 <= c1, r0 <= r1 else { return }
        for row in r0...r1 { for c in c0...c1 { filled[row * columns + c] = true } }
    }

    /// Number of filled cells that `r` overlaps.
    func count(in r: Rect) -> Int {
        let c0 = max(0, Int((r.x - rect.x) / cell)), c1 = min(columns - 1, Int((r.maxX - rect.x) / cell))
        let r0 = max(0, Int((r.y - rect.y) / cell)), r1 = min(rows - 1, Int((r.maxY - rect.y) / cell))
        guard c0 <= c1, r0 <= r1 else { return 0 }
        var n = 0
        for row in r0...r1 { for c in c0...c1 where filled[row * columns + c] { n += 1 } }
        return n
    }
}
