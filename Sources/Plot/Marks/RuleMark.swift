/// A horizontal or vertical reference line across the whole panel (a baseline, the
/// interpolation threshold), with an optional label written along it.
public struct RuleMark: Sendable {
    /// Across the panel (`horizontal`, at a y value) or up it (`vertical`, at an x value).
    public enum Orientation: Sendable { case horizontal, vertical }
    /// Horizontal (at a y value) or vertical (at an x value).
    public var orientation: Orientation
    /// Position in data units (y for horizontal, x for vertical).
    public var value: Double
    /// Text written along the line; nil for none.
    public var label: String?
    /// Stroke colour; nil uses the theme's axis colour.
    public var color: Color?
    /// Stroke width, points.
    public var width: Double
    /// Dash pattern in points (on, off, ...); empty is solid.
    public var dash: [Double]

    /// A reference line, dashed by default so it reads as a guide rather than data:
    ///
    ///     .rule(RuleMark(.vertical, at: Double(trainingPoints), label: "parameters = points"))
    public init(_ orientation: Orientation, at value: Double, label: String? = nil, color: Color? = nil,
                width: Double = 1, dash: [Double] = [4, 3]) {
        self.orientation = orientation; self.value = value; self.label = label
        self.color = color; self.width = width; self.dash = dash
    }
}

extension RuleMark: MarkElement {
    var kindName: String { "reference line" }
    var name: String? { label }
    var nonFiniteCount: Int { value.isFinite ? 0 : 1 }
    var isEmpty: Bool { false }

    /// The line's position joins its axis's extent; a log axis cannot place it at zero or below.
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        panel.colors.color = color ?? panel.theme.axisColor
        guard value.isFinite else { return }
        let horizontal = orientation == .horizontal
        if (horizontal ? panel.yScale : panel.xScale).isLog && value <= 0 {
            throw PlotError.nonPositiveOnLogScale(series: name, axis: horizontal ? "y" : "x", value: value, count: 1)
        }
        if horizontal { panel.ys.add(value) } else { panel.xs.add(value) }
    }

    /// A line across the plot, its label on a halo at the right end (horizontal) or the top (vertical).
    func draw(_ context: MarkContext) {
        guard value.isFinite else { return }
        let layout = context.layout, theme = context.theme, plot = context.plot
        let color = context.colors.color ?? theme.axisColor
        let line: [PathElement], at: Point, anchor: TextAnchor, baseline: TextBaseline
        if orientation == .horizontal {
            let y = context.y.position(value)
            line = [.move(Point(plot.x, y)), .line(Point(plot.maxX, y))]
            (at, anchor, baseline) = (Point(plot.maxX - 4, y - 3), .end, .bottom)
        } else {
            let x = context.x.position(value)
            line = [.move(Point(x, plot.y)), .line(Point(x, plot.maxY))]
            (at, anchor, baseline) = (Point(x + 4, plot.y + 4), .start, .top)
        }
        layout.stroke(line, color: color, width: width * theme.markScale, dash: dash, tag: context.tag)
        if let label {
            layout.halo(label, at: at, anchor: anchor, baseline: baseline)
            layout.text(label, at: at, anchor: anchor, baseline: baseline, size: theme.annotationSize, color: color, tag: "rule-label")
        }
    }

    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        guard value.isFinite else { return }
        let plot = context.plot
        if orientation == .horizontal {
            let y = FastMap(context.y)(value)
            occupancy.mark(from: Point(plot.x, y), to: Point(plot.maxX, y))
        } else {
            let x = FastMap(context.x)(value)
            occupancy.mark(from: Point(x, plot.y), to: Point(x, plot.maxY))
        }
    }
}

extension RuleMark {
    /// "a reference line at y 0.1 (label)".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        let axis = orientation == .horizontal ? context.yName : context.xName
        return .part("a reference line at \(axis) \(Figure.describe(value))" + (label.map { " (\($0))" } ?? ""), rank: 6)
    }

    /// One row: its position as y (horizontal) or x (vertical).
    func tableRows(_ table: inout FigureTable) {
        if orientation == .horizontal { table.row("rule", label, "", FigureTable.number(value)) }
        else { table.row("rule", label, FigureTable.number(value), "") }
    }
}
