/// Fonts, sizes (points), colours and line widths shared by every part of a figure.
public struct Theme: Sendable {
    /// Font family for all text; DejaVu Sans covers Greek, subscripts and the multiplication sign.
    public var fontFamily = "DejaVu Sans"
    /// Type size of the figure's title, points.
    public var titleSize = 13.0
    /// Type size of a panel's title, points.
    public var panelTitleSize = 11.0
    /// Type size of the axis labels, points.
    public var axisLabelSize = 10.0
    /// Type size of the tick labels and of the values written above bars, points.
    public var tickLabelSize = 8.5
    /// Type size of the legend entries, points.
    public var legendSize = 8.5
    /// Type size of annotations and of the labels along reference lines, points.
    public var annotationSize = 8.5
    /// Type size of the values written in heatmap cells, points.
    public var cellValueSize = 8.0
    /// Colour of titles, labels and annotations.
    public var textColor = Color(hex: 0x222222)
    /// Colour of the axes' lines and ticks, and of reference lines without a colour.
    public var axisColor = Color(hex: 0x444444)
    /// Colour of the grid lines and of the thin frames around images.
    public var gridColor = Color(hex: 0xE3E3E3)
    /// Colour behind the whole figure.
    public var background = Color.white
    /// Colour of missing heatmap cells (diverged runs) under their hatch.
    public var missingColor = Color(hex: 0xD9D9D9)
    /// Stroke width of line marks without a width of their own, points.
    public var lineWidth = 1.75
    /// Stroke width of the axes' lines and ticks, points.
    public var axisLineWidth = 0.8
    /// Stroke width of the grid lines, points.
    public var gridLineWidth = 0.6
    /// Length of a tick mark, points.
    public var tickLength = 3.5
    /// Scatter marker diameter, points.
    public var markerSize = 4.0
    /// Ring around scatter markers drawn over a region or heatmap mark, so points stay
    /// visible on a background of their own colour (on a plain panel it would not show);
    /// nil draws none.
    public var markerOutline: Color? = .white
    /// Width of that ring, points.
    public var markerOutlineWidth = 0.6
    /// Factor on the line widths and marker sizes a mark sets itself (marks without one
    /// take the theme's): 1 for a page, larger on slides so a thin reference line stays
    /// visible from the back of the room.
    public var markScale = 1.0
    /// Whether a figure or panel title wider than its room is set in smaller type (down to
    /// the tick labels' size) and then cut with an ellipsis; off for pages, whose titles
    /// are written to fit, on for slides, whose larger type leaves less room.
    public var fitsTitles = false
    /// Whether a legend placed in a corner by the figure goes outside the plot, to the
    /// right, when that corner holds data (on slides, where type is larger); `.auto`
    /// legends avoid data with any theme.
    public var legendsAvoidData = false
    /// Series colours in order; marks without a colour take the next one.
    public var palette: [Color] = Palette.okabeIto
    /// Space around the figure and between its parts, points.
    public var padding = 8.0
    /// Whether panels draw light grid lines at the major ticks.
    public var showGrid = true
    /// Default colour map for heatmaps.
    public var colorMap = ColorMap.viridis

    /// The standard theme's values; change a copy's members for a variant:
    ///
    ///     var theme = Theme.standard
    ///     theme.showGrid = false
    ///     let figure = Figure(title: "Weights", theme: theme, panel: panel)
    public init() {}

    /// The default theme: figures sized for a page (a report read on a screen or printed).
    public static let standard = Theme()

    /// Figures for a 16:9 lecture slide read from the back of a room. Sizes are points on
    /// a 960 × 540 point slide (`SlideGeometry`), which a projector shows at 1920 × 1080
    /// pixels, 2 pixels a point: tick labels 12 points (24 pixels), lines 2.5 points
    /// (5 pixels), markers 7 points. A figure takes this theme through
    /// `Figure.forSlide(theme:)`, which lays it out again at the size it has on the slide.
    public static let slides: Theme = {
        var theme = Theme()
        theme.titleSize = 16
        theme.panelTitleSize = 14
        theme.axisLabelSize = 14
        theme.tickLabelSize = 12
        theme.legendSize = 13
        theme.annotationSize = 12
        theme.cellValueSize = 11
        theme.lineWidth = 2.5
        theme.axisLineWidth = 1.2
        theme.gridLineWidth = 0.8
        theme.tickLength = 5
        theme.markerSize = 7
        theme.markerOutlineWidth = 1
        theme.markScale = 1.5
        theme.fitsTitles = true
        theme.legendsAvoidData = true
        theme.padding = 10
        return theme
    }()

    /// `slides` for a dark lecture room: light text and lines on a near-black background.
    /// The palette keeps Okabe and Ito's colours but puts light grey where black was.
    static let slidesDark: Theme = {
        var theme = Theme.slides
        theme.textColor = Color(hex: 0xEEEEEE)
        theme.axisColor = Color(hex: 0xBBBBBB)
        theme.gridColor = Color(hex: 0x3A3A3A)
        theme.background = Color(hex: 0x161616)
        theme.missingColor = Color(hex: 0x555555)
        theme.markerOutline = Color(hex: 0x161616)
        theme.palette = [Color(hex: 0x56B4E9), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
                         Color(hex: 0xCC79A7), Color(hex: 0xF0E442), Color(hex: 0x0072B2), Color(hex: 0xDDDDDD)]
        return theme
    }()

    /// The themes `--theme` names, in the order help lists them.
    public static let names = ["standard", "slides", "slides-dark"]

    /// The theme `--theme NAME` chooses; nil for an unknown name.
    public static func named(_ name: String) -> Theme? {
        switch name {
        case "standard": return .standard
        case "slides": return .slides
        case "slides-dark": return .slidesDark
        default: return nil
        }
    }
}
