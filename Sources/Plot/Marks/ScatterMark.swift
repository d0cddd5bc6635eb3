/// Points; either one colour, or one colour per class with `classes` (palette order) and
/// one legend entry per class name.
public struct ScatterMark: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var label: String?
    public var color: Color?
    /// Marker diameter in points; nil uses the theme's.
    public var size: Double?
    public var alpha: Double
    public var shape: MarkerShape
    /// Class index of each point (same count as x); colours come from the palette.
    public var classes: [Int]?
    /// Legend names of the classes, index by class.
    public var classNames: [String]

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
