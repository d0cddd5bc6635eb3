/// What a mark does, all in its own file: its data checks, its data extent and colours,
/// its legend rows and its drawing into the display list, as the elements of the
/// plotters crate implement `PointCollection` and `Drawable` in one file each. Layout
/// (`FigureLayout`) keeps the axes, panels and legends and asks each mark through this
/// protocol; a new mark is a new `Marks/XMark.swift` (copy `RuleMark.swift`), a case of
/// the `Mark` front end and its line in `Mark.element`, and a gallery figure.
protocol MarkElement: Sendable {
    /// What the mark is called in messages when it has no name ("line", "reference line").
    var kindName: String { get }
    /// The mark's name in messages and tags (its label), nil for none.
    var name: String? { get }
    /// How many values drawing skips because they are not finite (`Figure.warnings`).
    var nonFiniteCount: Int { get }
    /// Whether the mark has nothing to draw (a warning, and "no data" when no mark has any).
    var isEmpty: Bool { get }
    /// Throws when the arrays of one series disagree in length; `name` is the mark's name
    /// in messages.
    func checkLengths(name: String) throws
    /// Adds the mark's data to the panel being resolved: its extent, the scales it
    /// imposes, its colours and colour bar. Throws on values a log axis cannot show.
    func resolve(_ panel: inout MarkResolution, name: String) throws
    /// The legend rows of the mark, in the colours `resolve` chose.
    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry]
    /// The mark's share of its panel's alt text (`Figure.altText`), nil for none.
    func words(_ context: MarkWords.Context) -> MarkWords?
    /// Writes the mark's data as rows of the figure's CSV (`Figure.dataCSV`); marks that
    /// are pictures rather than data (regions, grid lines, annotations) write none.
    func tableRows(_ table: inout FigureTable)
    /// Appends the mark's primitives to the display list.
    func draw(_ context: MarkContext)
    /// Marks where the mark puts ink on its panel's coarse raster, so that a legend goes
    /// where it covers none.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext)

    /// Whether the mark is drawn after the clipped marks, over the axes (annotations).
    var drawsOverAxes: Bool { get }
    /// Whether the mark fills the plot area, so the axes frame it as a box.
    var fillsPlot: Bool { get }
    /// Whether the mark colours the panel's background, so markers drawn over it get rings.
    var coloursBackground: Bool { get }
    /// Values written above or below their bars, which the y axis must make room for.
    var labelledValues: [Double] { get }
}

extension MarkElement {
    var drawsOverAxes: Bool { false }
    var fillsPlot: Bool { false }
    var coloursBackground: Bool { false }
    var labelledValues: [Double] { [] }
    func checkLengths(name: String) throws {}
    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] { [] }
    func tableRows(_ table: inout FigureTable) {}

}

/// A mark over paired `x` and `y` arrays (lines, scatters), whose checks are the pairs'.
protocol PairedSeries: MarkElement {
    var x: [Double] { get }
    var y: [Double] { get }
}

extension PairedSeries {
    /// The pairs in which x or y is not finite.
    var nonFiniteCount: Int {
        var n = 0
        for i in 0..<min(x.count, y.count) where !x[i].isFinite || !y[i].isFinite { n += 1 }
        return n
    }

    var isEmpty: Bool { x.isEmpty || y.isEmpty }

    func checkLengths(name: String) throws { try checkPairs(name: name) }

    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        occupancy.mark(polyline: x, y, FastMap(context.x), FastMap(context.y))
    }

    /// Throws when x and y differ in length.
    func checkPairs(name: String) throws {
        if x.count != y.count { throw PlotError.mismatchedLengths(series: name, what: "x and y", counts: [x.count, y.count]) }
    }
}

/// The colours `resolve` chose for one mark: its own (nil for a mark drawn in fixed or
/// per-class colours) and one per series (bars).
struct MarkColors {
    var color: Color?
    var series: [Color] = []
}
