/// A legend row: a swatch and its text.
struct LegendEntry {
    enum Swatch {
        case line(Color, width: Double, dash: [Double], marker: MarkerShape?)
        case marker(Color, MarkerShape)
        case patch(Color)
        case hatch(Color)
    }
    var label: String
    var swatch: Swatch
}

/// A colour bar beside a panel.
struct ColorBarSpec {
    var map: ColorMap
    var lo: Double
    var hi: Double
    var label: String?
}

/// Ticks of one axis: majors with labels (nil where thinned away) and unlabelled minors.
struct TickSet {
    var major: [Double] = []
    var labels: [String] = []
    var minor: [Double] = []
}

/// A panel between resolving its data and drawing it.
struct PanelState {
    var panel: Panel
    var index: Int
    var row: Int
    var column: Int
    var xScale: Scale
    var yScale: Scale
    var xData: ClosedRange<Double>?
    var yData: ClosedRange<Double>?
    var xDomain: (Double, Double) = (0, 1)
    var yDomain: (Double, Double) = (0, 1)
    var exactX = false
    var exactY = false
    var barsBaseline = false
    var hasData = false
    var showXTickLabels = true
    var showYTickLabels = true
    var showXLabel = true
    var showYLabel = true
    /// The colours each mark resolved, by mark index.
    var colors: [MarkColors] = []
    var legend: [LegendEntry] = []
    var colorBar: ColorBarSpec?
    var legendOutside = false
    var legendSize = (width: 0.0, height: 0.0)
    var names: [String] = []
}
