/// A series drawn as a connected line; non-finite points break the line and are counted
/// in the figure's warnings.
public struct LineMark: Sendable {
    /// Positions along x, one per point, in drawing order.
    public var x: [Double]
    /// Values, one per x; a non-finite one breaks the line.
    public var y: [Double]
    /// Legend entry; nil keeps the series out of the legend.
    public var label: String?
    /// Stroke colour; nil takes the palette's next colour.
    public var color: Color?
    /// Stroke width in points; nil uses the theme's.
    public var width: Double?
    /// Dash pattern in points (on, off, ...); empty is solid.
    public var dash: [Double]
    /// A marker at every vertex.
    public var marker: MarkerShape?

    /// A line through the points `(x[i], y[i])`:
    ///
    ///     .line(LineMark(x: widths, y: testLoss, label: "test", dash: [4, 2], marker: .circle))
    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, width: Double? = nil,
                dash: [Double] = [], marker: MarkerShape? = nil) {
        self.x = x; self.y = y; self.label = label; self.color = color
        self.width = width; self.dash = dash; self.marker = marker
    }

    /// A line over x = 0, 1, 2, ... (epochs, steps).
    public init(y: [Double], label: String? = nil, color: Color? = nil) {
        self.init(x: y.indices.map(Double.init), y: y, label: label, color: color)
    }
}

extension LineMark: PairedSeries {
    var kindName: String { "line" }
    var name: String? { label }

    func resolve(_ panel: inout MarkResolution, name: String) throws {
        let c = color ?? panel.nextColor()
        panel.colors.color = c
        // A line right after a band that took its colour is paired already.
        if !panel.bandPeeked { panel.lineColor = c }
        try panel.add(x, y, name: name)
    }

    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        guard let label, let c = colors.color else { return [] }
        return [LegendEntry(label: label, swatch: .line(c, width: width ?? theme.lineWidth, dash: dash, marker: marker))]
    }

    func draw(_ context: MarkContext) {
        let layout = context.layout, theme = context.theme
        let color = context.colors.color ?? theme.textColor
        let elements = layout.runs(x, y, context.x, context.y)
        // A lone point would draw nothing as a line: show it as a marker.
        let lonePoints = elements.enumerated().compactMap { i, e -> Point? in
            guard case .move(let p) = e else { return nil }
            if i + 1 < elements.count, case .line = elements[i + 1] { return nil }
            return p
        }
        layout.stroke(elements, color: color, width: width.map { $0 * theme.markScale } ?? theme.lineWidth, dash: dash, round: true,
                      tag: context.tag)
        let points = marker != nil ? elements.compactMap { e -> Point? in
            switch e { case .move(let p), .line(let p): return p; default: return nil }
        } : lonePoints
        if !points.isEmpty {
            layout.out.append(.markers(MarkersItem(points: points, shape: marker ?? .circle, size: theme.markerSize * 1.2, fill: color,
                                                   tag: context.tag)))
        }
    }
}

extension LineMark {
    /// One curve of the panel's sentence of y against x.
    func words(_ context: MarkWords.Context) -> MarkWords? { .curves([.init(label: label, x: x, y: y, line: true)]) }

    /// One row per point.
    func tableRows(_ table: inout FigureTable) {
        for (x, y) in zip(x, y) { table.row("line", label, FigureTable.number(x), FigureTable.number(y)) }
    }
}
