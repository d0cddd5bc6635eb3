/// One panel's data while its marks are resolved in order: the extents and scales they
/// build up, the palette colours they take, and the colours of the mark at hand.
struct MarkResolution {
    let theme: Theme
    /// The label of the panel's colour bar (`Panel.colorBarLabel`).
    let colorBarLabel: String?
    var xScale: Scale
    var yScale: Scale
    var xs = Extent()
    var ys = Extent()
    /// No margin around the data on that axis (images, categories).
    var exactX = false
    var exactY = false
    /// Bars stand on zero: the y margin does not cross it.
    var barsBaseline = false
    var colorBar: ColorBarSpec?
    /// The colours of the mark being resolved.
    var colors = MarkColors()
    /// The colour a line took, which an uncoloured band right after it shares.
    var lineColor: Color?
    /// The colour of the line just before the mark being resolved, if that was a line.
    private(set) var previousLineColor: Color?
    /// Whether the band just before took the next palette colour without taking it, for
    /// the line after it; a band sets it and `keepsBandPeek`.
    var bandPeeked = false
    var keepsBandPeek = false
    private var paletteIndex = 0

    init(theme: Theme, colorBarLabel: String?, xScale: Scale, yScale: Scale) {
        self.theme = theme
        self.colorBarLabel = colorBarLabel
        self.xScale = xScale
        self.yScale = yScale
    }

    /// Takes the palette's next colour.
    mutating func nextColor() -> Color {
        defer { paletteIndex += 1 }
        return theme.palette[paletteIndex % theme.palette.count]
    }

    /// The colour `nextColor` would take, without taking it.
    func peekColor() -> Color { theme.palette[paletteIndex % theme.palette.count] }

    mutating func beginMark() {
        colors = MarkColors()
        lineColor = nil
        keepsBandPeek = false
    }

    mutating func endMark() {
        previousLineColor = lineColor
        if !keepsBandPeek { bandPeeked = false }
    }

    /// Adds paired values to the extents (`Extent.add`), checking log axes.
    mutating func add(_ x: [Double], _ y: [Double], name: String) throws {
        try xs.add(x, ys: &ys, y, name: name, xScale: xScale, yScale: yScale)
    }
}
