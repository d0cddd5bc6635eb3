/// Points; either one colour, or one colour per class with `classes` (palette order) and
/// one legend entry per class name.
public struct ScatterMark: Sendable {
    /// Positions along x, one per point.
    public var x: [Double]
    /// Values, one per x; a point with a non-finite coordinate is skipped (and counted in the figure's warnings).
    public var y: [Double]
    /// Legend entry (without classes); nil keeps the points out of the legend.
    public var label: String?
    /// Marker colour without classes; nil takes the palette's next colour.
    public var color: Color?
    /// Marker diameter in points; nil uses the theme's.
    public var size: Double?
    /// Marker opacity, 0 to 1: below 1 so that overlapping points show as darker clusters.
    public var alpha: Double
    /// The marker's shape.
    public var shape: MarkerShape
    /// Class index of each point (same count as x); colours come from the palette.
    public var classes: [Int]?
    /// Legend names of the classes, index by class.
    public var classNames: [String]

    /// Points `(x[i], y[i])`, in one colour or, with `classes`, in the palette's colour of
    /// each point's class:
    ///
    ///     .scatter(ScatterMark(x: xs, y: ys, classes: labels, classNames: ["class 0", "class 1"]))
    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, size: Double? = nil,
                alpha: Double = 0.85, shape: MarkerShape = .circle, classes: [Int]? = nil, classNames: [String] = []) {
        self.x = x; self.y = y; self.label = label; self.color = color; self.size = size
        self.alpha = alpha; self.shape = shape; self.classes = classes; self.classNames = classNames
    }
}

extension ScatterMark: PairedSeries {
    var kindName: String { "scatter" }
    var name: String? { label }

    /// x and y, and the classes when given, of one length.
    func checkLengths(name: String) throws {
        try checkPairs(name: name)
        if let c = classes, c.count != x.count {
            throw PlotError.mismatchedLengths(series: name, what: "x and classes", counts: [x.count, c.count])
        }
    }

    /// The palette colour of class `c` (any integer, wrapped around the palette).
    static func classColor(_ c: Int, theme: Theme) -> Color {
        let count = theme.palette.count
        return theme.palette[((c % count) + count) % count]
    }

    func resolve(_ panel: inout MarkResolution, name: String) throws {
        try panel.add(x, y, name: name)
        if classes == nil { panel.colors.color = color ?? panel.nextColor() }
    }

    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        if let classes {
            return Array(Set(classes)).sorted().map { c in
                let label = c >= 0 && c < classNames.count ? classNames[c] : "class \(c)"
                return LegendEntry(label: label, swatch: .marker(Self.classColor(c, theme: theme), shape))
            }
        }
        guard let label, let c = colors.color else { return [] }
        return [LegendEntry(label: label, swatch: .marker(c, shape))]
    }

    /// Rings only where earlier marks colour the background (regions, heatmaps): on the
    /// plain panel a white ring is invisible and costs a second stroke.
    func draw(_ context: MarkContext) {
        let theme = context.theme
        let outline = context.onColouredBackground ? theme.markerOutline : nil
        let fx = FastMap(context.x), fy = FastMap(context.y)
        let size = self.size.map { $0 * theme.markScale } ?? theme.markerSize
        let n = min(x.count, y.count)
        if let classes {
            var groups: [Int: [Point]] = [:]
            for i in 0..<min(n, classes.count) {
                let p = Point(fx(x[i]), fy(y[i]))
                if p.x.isFinite && p.y.isFinite { groups[classes[i], default: []].append(p) }
            }
            for c in groups.keys.sorted() {
                let colour = Self.classColor(c, theme: theme)
                context.layout.out.append(.markers(MarkersItem(points: groups[c]!, shape: shape, size: size, fill: colour.opacity(alpha),
                                                               outline: outline, outlineWidth: theme.markerOutlineWidth, tag: context.tag)))
            }
        } else {
            var points: [Point] = []
            points.reserveCapacity(n)
            for i in 0..<n {
                let p = Point(fx(x[i]), fy(y[i]))
                if p.x.isFinite && p.y.isFinite { points.append(p) }
            }
            context.layout.out.append(.markers(MarkersItem(points: points, shape: shape, size: size,
                                                           fill: (context.colors.color ?? theme.textColor).opacity(alpha),
                                                           outline: outline, outlineWidth: theme.markerOutlineWidth, tag: context.tag)))
        }
    }

    /// A square the marker's size around every point.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        let fx = FastMap(context.x), fy = FastMap(context.y)
        let r = (size ?? context.theme.markerSize) / 2
        for i in 0..<min(x.count, y.count) {
            let p = Point(fx(x[i]), fy(y[i]))
            if p.x.isFinite && p.y.isFinite { occupancy.mark(Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r)) }
        }
    }
}

extension ScatterMark {
    /// Points of the panel's sentence of y against x: one series per class name when the
    /// points have classes, else one.
    func words(_ context: MarkWords.Context) -> MarkWords? {
        guard let classes, !classNames.isEmpty else { return .curves([.init(label: label, x: x, y: y, line: false)]) }
        return .curves(classNames.enumerated().map { c, name in
            let indices = classes.indices.filter { classes[$0] == c && $0 < x.count && $0 < y.count }
            return .init(label: name, x: indices.map { x[$0] }, y: indices.map { y[$0] }, line: false)
        })
    }

    /// One row per point, its series the class name (or `class N`) when it has a class.
    func tableRows(_ table: inout FigureTable) {
        for (i, (x, y)) in zip(x, y).enumerated() {
            var series = label
            if let classes, i < classes.count {
                let c = classes[i]
                series = c < classNames.count ? classNames[c] : "class \(c)"
            }
            table.row("scatter", series, FigureTable.number(x), FigureTable.number(y))
        }
    }
}
