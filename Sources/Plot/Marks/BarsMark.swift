/// Bars over named categories; several series give grouped bars side by side.
public struct BarsMark: Sendable {
    /// One series of bar heights, one value per category.
    public struct Series: Sendable {
        /// Legend entry of the series; nil keeps it out of the legend.
        public var label: String?
        /// Bar heights, one per category in order; a non-finite height leaves its bar out.
        public var values: [Double]
        /// Fill colour; nil takes the palette's next colour.
        public var color: Color?
        /// A series of heights, named in the legend by `label`.
        public init(label: String? = nil, values: [Double], color: Color? = nil) {
            self.label = label; self.values = values; self.color = color
        }
    }

    /// The category names on the x axis, in order.
    public var categories: [String]
    /// The series; several are drawn side by side within each category.
    public var series: [Series]
    /// Fraction of each category's slot taken by its group of bars.
    public var groupWidth: Double
    /// Write each bar's value above it.
    public var showValues: Bool

    /// Grouped bars, one group per category and one bar per series in each:
    ///
    ///     .bars(BarsMark(categories: ["SGD", "Adam"], series: [
    ///         .init(label: "train", values: [0.12, 0.08]), .init(label: "test", values: [0.15, 0.11]),
    ///     ], showValues: true))
    public init(categories: [String], series: [Series], groupWidth: Double = 0.8, showValues: Bool = false) {
        self.categories = categories; self.series = series
        self.groupWidth = groupWidth; self.showValues = showValues
    }

    /// A single series of bars.
    public init(categories: [String], values: [Double], label: String? = nil, color: Color? = nil, showValues: Bool = false) {
        self.init(categories: categories, series: [Series(label: label, values: values, color: color)], showValues: showValues)
    }
}

extension BarsMark: MarkElement {
    var kindName: String { "bars" }
    var name: String? { series.compactMap(\.label).first }
    var nonFiniteCount: Int { series.reduce(0) { $0 + $1.values.filter { !$0.isFinite }.count } }
    var isEmpty: Bool { categories.isEmpty }
    var labelledValues: [Double] { showValues ? series.flatMap { $0.values.prefix(categories.count) } : [] }

    func checkLengths(name: String) throws {
        for s in series where s.values.count != categories.count {
            throw PlotError.mismatchedLengths(series: s.label ?? name, what: "categories and values", counts: [categories.count, s.values.count])
        }
    }

    /// The categories become the x axis (unless it is categorical already), from half a
    /// slot before the first to half after the last; y includes zero on a linear axis.
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        if case .categorical = panel.xScale {} else { panel.xScale = .categorical(categories) }
        var colours: [Color] = []
        for s in series {
            colours.append(s.color ?? panel.nextColor())
            for v in s.values where v.isFinite {
                if panel.yScale.isLog && v <= 0 {
                    throw PlotError.nonPositiveOnLogScale(series: s.label ?? name, axis: "y", value: v, count: s.values.filter { $0 <= 0 }.count)
                }
                panel.ys.add(v)
            }
        }
        panel.colors.series = colours
        panel.xs.add(-0.5); panel.xs.add(Double(categories.count) - 0.5)
        if !panel.yScale.isLog { panel.ys.add(0) }
        panel.barsBaseline = true; panel.exactX = true
    }

    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        zip(series, colors.series).compactMap { s, c in s.label.map { LegendEntry(label: $0, swatch: .patch(c)) } }
    }

    func draw(_ context: MarkContext) {
        let layout = context.layout, theme = context.theme, xm = context.x, ym = context.y
        let k = max(series.count, 1)
        let bw = groupWidth / Double(k)
        let base = ym.scale.isLog ? ym.lo : 0
        for (si, s) in series.enumerated() {
            var rects: [PathElement] = []
            for (c, v) in s.values.enumerated() where v.isFinite && c < categories.count {
                let centre = Double(c) - groupWidth / 2 + (Double(si) + 0.5) * bw
                let x0 = xm.position(centre - bw * 0.46), x1 = xm.position(centre + bw * 0.46)
                let y0 = ym.position(base), y1 = ym.position(v)
                rects.append(.rect(Rect(x: x0, y: min(y0, y1), width: x1 - x0, height: abs(y1 - y0))))
                if showValues {
                    let label = TickFormatter.value(v)
                    layout.text(label, at: Point((x0 + x1) / 2, v >= base ? y1 - 2 : y1 + 2), anchor: .middle,
                                baseline: v >= base ? .bottom : .top, size: theme.tickLabelSize, tag: "bar-value")
                }
            }
            let colors = context.colors.series
            let colour = si < colors.count ? colors[si] : theme.palette[si % theme.palette.count]
            layout.fill(rects, color: colour, tag: s.label.map { "mark:" + $0 } ?? context.tag)
        }
    }

    /// Each category's group of bars as one box, with room for value labels above it.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        let xm = FastMap(context.x), ym = FastMap(context.y)
        let labelHeight = context.theme.tickLabelSize * 1.3
        for c in categories.indices {
            let v = series.compactMap { c < $0.values.count ? $0.values[c] : nil }.filter(\.isFinite)
            guard let hi = v.max() else { continue }
            let lo = min(v.min() ?? 0, 0)
            let x0 = xm(Double(c) - groupWidth / 2), x1 = xm(Double(c) + groupWidth / 2)
            let y0 = ym(max(hi, 0)), y1 = ym(context.y.scale.isLog ? context.y.lo : lo)
            occupancy.mark(Rect(x: x0, y: min(y0, y1), width: x1 - x0, height: abs(y1 - y0)))
            if showValues { occupancy.mark(Rect(x: x0, y: min(y0, y1) - labelHeight, width: x1 - x0, height: labelHeight)) }
        }
    }
}

extension BarsMark {
    /// "bars of y for the categories (in the series); lowest ..., highest ...".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        typealias F = Figure
        var text = "bars of \(context.yLabel) for \(F.list(categories))"
        let labelled = series.compactMap(\.label)
        if series.count > 1, !labelled.isEmpty { text += " in " + F.list(labelled) }
        let values = series.flatMap { s in zip(categories, s.values).map { (s.label, $0.0, $0.1) } }
            .filter { $0.2.isFinite }
        if let low = values.min(by: { $0.2 < $1.2 }), let high = values.max(by: { $0.2 < $1.2 }) {
            func at(_ v: (String?, String, Double)) -> String {
                "\(F.describe(v.2)) (\(v.1)\(series.count > 1 ? v.0.map { ", \($0)" } ?? "" : ""))"
            }
            text += "; lowest \(at(low)), highest \(at(high))"
        }
        return .part(text, rank: 1)
    }

    /// One row per bar: its category as x, its height as y.
    func tableRows(_ table: inout FigureTable) {
        for series in series {
            for (category, value) in zip(categories, series.values) {
                table.row("bars", series.label, FigureTable.field(category), FigureTable.number(value))
            }
        }
    }
}
