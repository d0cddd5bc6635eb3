import Foundation

/// A grid of values drawn as coloured cells with a colour bar. Non-finite values are missing
/// cells (a diverged run), drawn hatched with a legend entry named `missingLabel`.
public struct HeatmapMark: Sendable {
    /// `values[row][column]`; rows may not be ragged (short rows are padded as missing).
    public var values: [[Double]]
    /// Row names (y axis) and column names (x axis); when given the axes become categorical.
    public var rowLabels: [String]?
    /// Column names (x axis), left to right; see `rowLabels`.
    public var columnLabels: [String]?
    /// The data rectangle covered when the grid samples a continuous plane (no labels).
    public var xRange: ClosedRange<Double>?
    /// The y side of that rectangle; see `xRange`.
    public var yRange: ClosedRange<Double>?
    /// Whether row 0 is drawn at the top (a table) or at the bottom (an image of a plane).
    public var firstRowAtTop: Bool
    /// The colour map; nil uses the theme's (`Theme.colorMap`).
    public var colorMap: ColorMap?
    /// Colour limits; nil uses the finite data range.
    public var colorLimits: ClosedRange<Double>?
    /// Write each cell's value in it, formatted by `valueFormat` (printf style).
    public var showValues: Bool
    /// The printf format of the values `showValues` writes (`%.2f` by default).
    public var valueFormat: String
    /// The legend's name for the hatched missing cells ("diverged").
    public var missingLabel: String

    /// A grid of values as coloured cells; with labels a table (row 0 at the top), with
    /// ranges a sampled plane (row 0 at the bottom) unless `firstRowAtTop` says otherwise:
    ///
    ///     .heatmap(HeatmapMark(values: accuracy, rowLabels: ["16", "64", "256"], columnLabels: ["0.01", "0.1", "1"],
    ///                          showValues: true, missingLabel: "diverged"))
    public init(values: [[Double]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, firstRowAtTop: Bool? = nil,
                colorMap: ColorMap? = nil, colorLimits: ClosedRange<Double>? = nil, showValues: Bool = false,
                valueFormat: String = "%.2f", missingLabel: String = "missing") {
        self.values = values; self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.xRange = xRange; self.yRange = yRange
        self.firstRowAtTop = firstRowAtTop ?? (xRange == nil && yRange == nil)
        self.colorMap = colorMap; self.colorLimits = colorLimits
        self.showValues = showValues; self.valueFormat = valueFormat; self.missingLabel = missingLabel
    }

    var rows: Int { values.count }
    var columns: Int { values.map(\.count).max() ?? 0 }
    func value(_ r: Int, _ c: Int) -> Double { c < values[r].count ? values[r][c] : .nan }
}

extension HeatmapMark: MarkElement {
    var kindName: String { "heatmap" }
    var name: String? { nil }
    /// Non-finite values are missing cells, drawn hatched, not skipped.
    var nonFiniteCount: Int { 0 }
    var isEmpty: Bool { values.isEmpty }
    var fillsPlot: Bool { true }
    var coloursBackground: Bool { true }

    /// The data rectangle: the cells around the categories when labelled, else the ranges.
    var extent: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        (columnLabels != nil ? -0.5...(Double(columns) - 0.5) : (xRange ?? 0...Double(columns)),
         rowLabels != nil ? -0.5...(Double(rows) - 0.5) : (yRange ?? 0...Double(rows)))
    }

    /// Labels make the axes categorical; the colour bar spans the limits or the finite values.
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        guard rows > 0, columns > 0 else { return }
        if let labels = columnLabels { panel.xScale = .categorical(labels) }
        if let labels = rowLabels { panel.yScale = .categorical(firstRowAtTop ? labels.reversed() : labels) }
        let (xr, yr) = extent
        panel.xs.add(xr.lowerBound); panel.xs.add(xr.upperBound); panel.ys.add(yr.lowerBound); panel.ys.add(yr.upperBound)
        panel.exactX = true; panel.exactY = true
        let finite = values.joined().filter(\.isFinite)
        var lo = colorLimits?.lowerBound ?? finite.min() ?? 0
        var hi = colorLimits?.upperBound ?? finite.max() ?? 1
        if hi <= lo { lo -= 0.5; hi += 0.5 }
        panel.colorBar = ColorBarSpec(map: colorMap ?? panel.theme.colorMap, lo: lo, hi: hi, label: panel.colorBarLabel)
    }

    /// A hatched swatch when a cell is missing.
    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        guard rows > 0, columns > 0,
              values.joined().contains(where: { !$0.isFinite }) || values.contains(where: { $0.count < columns }) else { return [] }
        return [LegendEntry(label: missingLabel, swatch: .hatch(theme.missingColor))]
    }

    /// One crisp image of the cells, hatches over missing ones, and each value in its cell
    /// when every value fits.
    func draw(_ context: MarkContext) {
        let layout = context.layout, theme = context.theme, xm = context.x, ym = context.y
        guard rows > 0, columns > 0 else { return }
        let cols = columns
        let (xr, yr) = extent
        let x0 = xm.position(xr.lowerBound), x1 = xm.position(xr.upperBound)
        let yTop = ym.position(yr.upperBound), yBottom = ym.position(yr.lowerBound)
        let rect = Rect(x: min(x0, x1), y: min(yTop, yBottom), width: abs(x1 - x0), height: abs(yBottom - yTop))
        let bar = context.colorBar
        let map = bar?.map ?? colorMap ?? theme.colorMap
        let lo = bar?.lo ?? 0, hi = bar?.hi ?? 1
        var pixels = [UInt8](repeating: 0, count: rows * cols * 4)
        var missing: [(Int, Int)] = []
        for r in 0..<rows {
            let pr = firstRowAtTop ? r : rows - 1 - r
            for c in 0..<cols {
                let v = value(r, c)
                let colour: Color
                if v.isFinite { colour = map.color(at: (v - lo) / (hi - lo)) } else { colour = theme.missingColor; missing.append((pr, c)) }
                FigureLayout.rgba(colour, into: &pixels, at: pr * cols + c)
            }
        }
        layout.out.append(.image(ImageItem(pixelWidth: cols, pixelHeight: rows, rgba: pixels, rect: rect, smooth: false, tag: context.tag,
                                           cellRectangles: true)))
        let cw = rect.width / Double(cols), ch = rect.height / Double(rows)
        for (pr, c) in missing {
            layout.hatch(Rect(x: rect.x + Double(c) * cw, y: rect.y + Double(pr) * ch, width: cw, height: ch), background: theme.missingColor, tag: "missing")
        }
        guard showValues else { return }
        var labels: [(String, Point, Color)] = []
        var widest = 0.0
        for r in 0..<rows {
            let pr = firstRowAtTop ? r : rows - 1 - r
            for c in 0..<cols {
                let v = value(r, c)
                guard v.isFinite else { continue }
                let s = TickFormatter.signed(String(format: valueFormat, v))
                widest = max(widest, layout.measurer.width(s, size: theme.cellValueSize, bold: false))
                let cell = map.color(at: (v - lo) / (hi - lo))
                labels.append((s, Point(rect.x + (Double(c) + 0.5) * cw, rect.y + (Double(pr) + 0.5) * ch),
                               cell.luminance > 0.4 ? Color(hex: 0x111111) : .white))
            }
        }
        guard widest + 2 <= cw, theme.cellValueSize <= ch else { return }
        for (s, p, colour) in labels {
            layout.text(s, at: p, anchor: .middle, baseline: .middle, size: theme.cellValueSize, color: colour, tag: "cell-value")
        }
    }

    /// The whole plot.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) { occupancy.mark(context.plot) }
}

extension HeatmapMark {
    /// "heatmap of values over N rows and M columns; lowest ..., highest ...; K missing".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        typealias F = Figure
        var text = "heatmap of \(context.colorBarLabel ?? "values") over \(rows) \(context.yLabel) rows and \(columns) \(context.xLabel) columns"
        var cells: [(Int, Int, Double)] = []
        for r in 0..<rows { for c in 0..<columns where value(r, c).isFinite { cells.append((r, c, value(r, c))) } }
        if let low = cells.min(by: { $0.2 < $1.2 }), let high = cells.max(by: { $0.2 < $1.2 }) {
            func at(_ v: (Int, Int, Double)) -> String {
                "\(F.describe(v.2)) (\(context.yName) \(rowName(v.0)), \(context.xName) \(columnName(v.1)))"
            }
            text += "; lowest \(at(low)), highest \(at(high))"
        }
        let missing = rows * columns - cells.count
        if missing > 0 { text += "; \(missing) \(missingLabel)" }
        return .part(text, rank: 2)
    }

    /// One row per cell: its column as x, its row as y, the cell as value.
    func tableRows(_ table: inout FigureTable) {
        for r in 0..<rows {
            for c in 0..<columns {
                table.row("heatmap", table.colorBarLabel, FigureTable.field(columnName(c)), FigureTable.field(rowName(r)),
                          FigureTable.number(value(r, c)))
            }
        }
    }

    /// The name of row `r` in words and tables: its label, else its y position, else its number.
    func rowName(_ r: Int) -> String {
        if let rowLabels, r < rowLabels.count { return rowLabels[r] }
        if let yRange, rows > 1 {
            return Figure.describe(yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(r) / Double(rows - 1))
        }
        return String(r + 1)
    }

    /// The name of column `c`: its label, else its x position, else its number.
    func columnName(_ c: Int) -> String {
        if let columnLabels, c < columnLabels.count { return columnLabels[c] }
        if let xRange, columns > 1 {
            return Figure.describe(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(c) / Double(columns - 1))
        }
        return String(c + 1)
    }
}
