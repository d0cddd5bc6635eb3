/// Fonts, sizes (points), colours and line widths shared by every part of a figure.
public struct Theme: Sendable {
    /// Font family for all text; DejaVu Sans covers Greek, subscripts and the multiplication sign.
    public var fontFamily = "DejaVu Sans"
    public var titleSize = 13.0
    public var panelTitleSize = 11.0
    public var axisLabelSize = 10.0
    public var tickLabelSize = 8.5
    public var legendSize = 8.5
    public var annotationSize = 8.5
    public var cellValueSize = 8.0
    public var textColor = Color(hex: 0x222222)
    public var axisColor = Color(hex: 0x444444)
    public var gridColor = Color(hex: 0xE3E3E3)
    public var background = Color.white
    /// Colour of missing heatmap cells (diverged runs) under their hatch.
    public var missingColor = Color(hex: 0xD9D9D9)
    public var lineWidth = 1.75
    public var axisLineWidth = 0.8
    public var gridLineWidth = 0.6
    public var tickLength = 3.5
    /// Scatter marker diameter, points.
    public var markerSize = 4.0
    /// Ring around scatter markers drawn over a region or heatmap mark, so points stay
    /// visible on a background of their own colour (on a plain panel it would not show);
    /// nil draws none.
    public var markerOutline: Color? = .white
    /// Width of that ring, points.
    public var markerOutlineWidth = 0.6
    /// Series colours in order; marks without a colour take the next one.
    public var palette: [Color] = Palette.okabeIto
    /// Space around the figure and between its parts, points.
    public var padding = 8.0
    /// Whether panels draw light grid lines at the major ticks.
    public var showGrid = true
    /// Default colour map for heatmaps.
    public var colorMap = ColorMap.viridis

    public init() {}

    /// The default theme.
    public static let standard = Theme()
}
