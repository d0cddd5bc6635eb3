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
