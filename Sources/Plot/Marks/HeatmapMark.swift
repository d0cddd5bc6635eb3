import Foundation

/// A grid of values drawn as coloured cells with a colour bar. Non-finite values are missing
/// cells (a diverged run), drawn hatched with a legend entry named `missingLabel`.
public struct HeatmapMark: Sendable {
    /// `values[row][column]`; rows may not be ragged (short rows are padded as missing).
    public var values: [[Double]]
    /// Row names (y axis) and column names (x axis); when given the axes become categorical.
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    /// The data rectangle covered when the grid samples a continuous plane (no labels).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Whether row 0 is drawn at the top (a table) or at the bottom (an image of a plane).
    public var firstRowAtTop: Bool
    public var colorMap: ColorMap?
    /// Colour limits; nil uses the finite data range.
    public var colorLimits: ClosedRange<Double>?
    /// Write each cell's value in it, formatted by `valueFormat` (printf style).
    public var showValues: Bool
    public var valueFormat: String
    public var missingLabel: String

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
        layout.out.append(.image(ImageItem(pixelWidth: cols, pixelHeight: rows, rgba: pixels, rect: rect, smooth: false, tag: context.tag)))
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
