/// A filled band between a lower and an upper curve (mean ± spread over seeds).
public struct BandMark: Sendable {
    /// Positions along x; the band joins the bounds at each, in order.
    public var x: [Double]
    /// The lower bound at each x.
    public var lower: [Double]
    /// The upper bound at each x.
    public var upper: [Double]
    /// Legend entry (a filled swatch); nil keeps the band out of the legend.
    public var label: String?
    /// Fill colour; nil takes the palette's next colour (give the line's colour to match it).
    public var color: Color?
    /// Fill opacity.
    public var alpha: Double

    /// A band between two curves, drawn under the line it surrounds:
    ///
    ///     .band(BandMark(x: epochs, lower: lows, upper: highs, color: Palette.okabeIto[0])),
    ///     .line(LineMark(x: epochs, y: means, label: "mean over seeds", color: Palette.okabeIto[0]))
    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil, alpha: Double = 0.22) {
        self.x = x; self.lower = lower; self.upper = upper; self.label = label; self.color = color; self.alpha = alpha
    }

    /// The band mean − spread ... mean + spread.
    public init(x: [Double], mean: [Double], spread: [Double], label: String? = nil, color: Color? = nil, alpha: Double = 0.22) {
        let n = min(mean.count, spread.count)
        self.init(x: x, lower: (0..<n).map { mean[$0] - spread[$0] }, upper: (0..<n).map { mean[$0] + spread[$0] },
                  label: label, color: color, alpha: alpha)
    }
}

extension BandMark: MarkElement {
    var kindName: String { "band" }
    var name: String? { label }
    var isEmpty: Bool { x.isEmpty }

    var nonFiniteCount: Int {
        var n = 0
        for i in 0..<min(x.count, lower.count, upper.count) where !x[i].isFinite || !lower[i].isFinite || !upper[i].isFinite { n += 1 }
        return n
    }

    func checkLengths(name: String) throws {
        if x.count != lower.count || x.count != upper.count {
            throw PlotError.mismatchedLengths(series: name, what: "x, lower and upper", counts: [x.count, lower.count, upper.count])
        }
    }

    /// An uncoloured band shares its line's colour: the line right before it unless that
    /// line already has its band, else the line after it (the next colour).
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        let c = color ?? panel.previousLineColor ?? panel.peekColor()
        panel.bandPeeked = color == nil && panel.previousLineColor == nil
        panel.keepsBandPeek = true
        panel.colors.color = c
        try panel.add(x, lower, name: name)
        try panel.add(x, upper, name: name)
    }

    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        guard let label, let c = colors.color else { return [] }
        return [LegendEntry(label: label, swatch: .patch(c.opacity(max(alpha, 0.3))))]
    }

    func draw(_ context: MarkContext) {
        let fx = FastMap(context.x), fy = FastMap(context.y)
        var elements: [PathElement] = []
        var run: [Int] = []
        func flush() {
            defer { run.removeAll() }
            guard run.count >= 2 else { return }
            elements.append(.move(Point(fx(x[run[0]]), fy(upper[run[0]]))))
            for i in run.dropFirst() { elements.append(.line(Point(fx(x[i]), fy(upper[i])))) }
            for i in run.reversed() { elements.append(.line(Point(fx(x[i]), fy(lower[i])))) }
            elements.append(.close)
        }
        for i in 0..<min(x.count, lower.count, upper.count) {
            let ok = fx(x[i]).isFinite && fy(lower[i]).isFinite && fy(upper[i]).isFinite
            if ok { run.append(i) } else { flush() }
        }
        flush()
        context.layout.fill(elements, color: (context.colors.color ?? context.theme.textColor).opacity(alpha), tag: context.tag)
    }

    /// Both edges and the span between them at every x.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        let fx = FastMap(context.x), fy = FastMap(context.y)
        occupancy.mark(polyline: x, lower, fx, fy)
        occupancy.mark(polyline: x, upper, fx, fy)
        for i in 0..<min(x.count, lower.count, upper.count) {
            occupancy.mark(from: Point(fx(x[i]), fy(lower[i])), to: Point(fx(x[i]), fy(upper[i])))
        }
    }
}

extension BandMark {
    /// A note after the curves that shaded bands show the spread.
    func words(_ context: MarkWords.Context) -> MarkWords? { .spread }

    /// A lower and an upper row per x.
    func tableRows(_ table: inout FigureTable) {
        for (i, x) in x.enumerated() where i < lower.count && i < upper.count {
            table.row("band lower", label, FigureTable.number(x), FigureTable.number(lower[i]))
            table.row("band upper", label, FigureTable.number(x), FigureTable.number(upper[i]))
        }
    }
}
