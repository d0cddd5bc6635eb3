/// Small images in rows and columns, such as handwritten digits or pieces of clothing:
/// each image a raster of values drawn through a colour map (grey by default, white for
/// the lowest value, black for the highest, like ink on paper), with optional names for
/// the rows and columns on the axes, and a colour bar or none. The panel's axes become
/// categorical (column names on x, row names on y, row 0 at the top).
public struct ImageGridMark: Sendable {
    /// `images[row][column]` is one image's values, `pixelWidth × pixelHeight` of them,
    /// row by row from its top; a missing image (a short row) leaves its cell empty.
    public var images: [[[Double]]]
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Names of the rows (y axis) and columns (x axis); nil leaves that axis without labels.
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    public var colorMap: ColorMap
    /// Colour limits; nil uses the finite data range of all images.
    public var colorLimits: ClosedRange<Double>?
    /// Whether a colour bar (labelled with the panel's `colorBarLabel`) shows the scale.
    public var showsColorBar: Bool
    /// Blank space around each image, as a share of a cell's width (0 to 0.4).
    public var gap: Double

    public init(images: [[[Double]]], pixelWidth: Int, pixelHeight: Int, rowLabels: [String]? = nil,
                columnLabels: [String]? = nil, colorMap: ColorMap = .grays, colorLimits: ClosedRange<Double>? = nil,
                showsColorBar: Bool = false, gap: Double = 0.06) {
        self.images = images; self.pixelWidth = pixelWidth; self.pixelHeight = pixelHeight
        self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.colorMap = colorMap; self.colorLimits = colorLimits; self.showsColorBar = showsColorBar
        self.gap = min(max(gap, 0), 0.4)
    }

    var rows: Int { images.count }
    var columns: Int { images.map(\.count).max() ?? 0 }

    /// The image in row `r` and column `c`, or nil when that cell has none (or the wrong size).
    func image(_ r: Int, _ c: Int) -> [Double]? {
        guard r < images.count, c < images[r].count, images[r][c].count == pixelWidth * pixelHeight else { return nil }
        return images[r][c]
    }

    /// The colour range: the limits, or the finite values of every image (widened when flat).
    var valueRange: (lo: Double, hi: Double) {
        if let limits = colorLimits, limits.upperBound > limits.lowerBound { return (limits.lowerBound, limits.upperBound) }
        var lo = Double.infinity, hi = -Double.infinity
        for row in images { for image in row { for v in image where v.isFinite { lo = min(lo, v); hi = max(hi, v) } } }
        if !lo.isFinite { return (0, 1) }
        if hi <= lo { return (lo - 0.5, hi + 0.5) }
        return (lo, hi)
    }
}
