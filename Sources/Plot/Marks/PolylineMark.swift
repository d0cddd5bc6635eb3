/// A set of polylines in one style: the lines of a grid as seen after a warp (each input
/// grid line mapped through a hidden layer).
public struct PolylineMark: Sendable {
    /// Each polyline is a list of points in data units.
    public var lines: [[Point]]
    /// Legend entry; nil keeps the lines out of the legend.
    public var label: String?
    /// Stroke colour; nil takes the palette's next colour.
    public var color: Color?
    /// Stroke width, points.
    public var width: Double
    /// Stroke opacity, 0 to 1.
    public var alpha: Double

    /// Polylines given point by point, such as a grid already mapped through a layer:
    ///
    ///     .polylines(PolylineMark(lines: warped, label: "grid after layer 1"))
    public init(lines: [[Point]], label: String? = nil, color: Color? = nil, width: Double = 0.8, alpha: Double = 0.9) {
        self.lines = lines; self.label = label; self.color = color; self.width = width; self.alpha = alpha
    }

    /// The lines of a regular grid over a rectangle, each sampled at `samples` points and
    /// mapped through `warp` (identity draws the plain grid).
    public init(gridOver xRange: ClosedRange<Double>, _ yRange: ClosedRange<Double>, lines count: Int = 11, samples: Int = 60,
                label: String? = nil, color: Color? = nil, width: Double = 0.8,
                warp: (Point) -> Point = { $0 }) {
        let n = max(count, 2), m = max(samples, 2)
        func lerp(_ r: ClosedRange<Double>, _ t: Double) -> Double { r.lowerBound + (r.upperBound - r.lowerBound) * t }
        var result: [[Point]] = []
        for i in 0..<n {
            let t = Double(i) / Double(n - 1)
            result.append((0..<m).map { warp(Point(lerp(xRange, t), lerp(yRange, Double($0) / Double(m - 1)))) })
            result.append((0..<m).map { warp(Point(lerp(xRange, Double($0) / Double(m - 1)), lerp(yRange, t))) })
        }
        self.init(lines: result, label: label, color: color, width: width)
    }
}

extension PolylineMark: MarkElement {
    var kindName: String { "polylines" }
    var name: String? { label }
    var nonFiniteCount: Int { lines.reduce(0) { $0 + $1.filter { !$0.x.isFinite || !$0.y.isFinite }.count } }
    var isEmpty: Bool { lines.allSatisfy(\.isEmpty) }

    func resolve(_ panel: inout MarkResolution, name: String) throws {
        panel.colors.color = color ?? panel.nextColor()
        for line in lines { try panel.add(line.map(\.x), line.map(\.y), name: name) }
    }

    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        guard let label, let c = colors.color else { return [] }
        return [LegendEntry(label: label, swatch: .line(c, width: width, dash: [], marker: nil))]
    }

    func draw(_ context: MarkContext) {
        var elements: [PathElement] = []
        for line in lines { elements += context.layout.runs(line.map(\.x), line.map(\.y), context.x, context.y) }
        context.layout.stroke(elements, color: (context.colors.color ?? context.theme.textColor).opacity(alpha),
                              width: width * context.theme.markScale, round: true, tag: context.tag)
    }

    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        let fx = FastMap(context.x), fy = FastMap(context.y)
        for line in lines { occupancy.mark(polyline: line.map(\.x), line.map(\.y), fx, fy) }
    }
}

extension PolylineMark {
    /// Counted with the panel's other grid lines: "N grid lines".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        .shared(.init(rank: 5, count: lines.count, texts: []) { count, _ in count > 0 ? "\(count) grid lines" : nil })
    }
}
