/// Small images in rows and columns, such as handwritten digits or pieces of clothing:
/// each image a raster of values drawn through a colour map (grey by default, white for
/// the lowest value, black for the highest, like ink on paper), with optional names for
/// the rows and columns on the axes, and a colour bar or none. The panel's axes become
/// categorical (column names on x, row names on y, row 0 at the top).
public struct ImageGridMark: Sendable {
    /// `images[row][column]` is one image's values, `pixelWidth × pixelHeight` of them,
    /// row by row from its top; a missing image (a short row) leaves its cell empty.
    public var images: [[[Double]]]
    /// Width of every image, pixels; an image with another number of values is left out.
    public var pixelWidth: Int
    /// Height of every image, pixels.
    public var pixelHeight: Int
    /// Names of the rows (y axis) and columns (x axis); nil leaves that axis without labels.
    public var rowLabels: [String]?
    /// Names of the columns (x axis); nil leaves that axis without labels.
    public var columnLabels: [String]?
    /// The colour map from the lowest value (0) to the highest (1).
    public var colorMap: ColorMap
    /// Colour limits; nil uses the finite data range of all images.
    public var colorLimits: ClosedRange<Double>?
    /// Whether a colour bar (labelled with the panel's `colorBarLabel`) shows the scale.
    public var showsColorBar: Bool
    /// Blank space around each image, as a share of a cell's width (0 to 0.4).
    public var gap: Double

    /// Images in a grid, such as a few digits and their reconstructions:
    ///
    ///     .imageGrid(ImageGridMark(images: [originals, rebuilt], pixelWidth: 28, pixelHeight: 28,
    ///                              rowLabels: ["original", "rebuilt"]))
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

extension ImageGridMark: MarkElement {
    var kindName: String { "image grid" }
    var name: String? { nil }
    var nonFiniteCount: Int { images.reduce(0) { $0 + $1.reduce(0) { $0 + $1.filter { !$0.isFinite }.count } } }
    var isEmpty: Bool { rows == 0 || columns == 0 }
    var fillsPlot: Bool { true }

    /// Categorical axes carry the names; without names a category is blank, so no tick
    /// labels show. Row 0 is at the top.
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        guard rows > 0, columns > 0 else { return }
        func padded(_ labels: [String]?, _ count: Int) -> [String] {
            labels.map { Array($0.prefix(count)) + Array(repeating: "", count: max(0, count - $0.count)) } ?? Array(repeating: "", count: count)
        }
        panel.xScale = .categorical(padded(columnLabels, columns))
        panel.yScale = .categorical(padded(rowLabels, rows).reversed())
        panel.xs.add(-0.5); panel.xs.add(Double(columns) - 0.5); panel.ys.add(-0.5); panel.ys.add(Double(rows) - 0.5)
        panel.exactX = true; panel.exactY = true
        if showsColorBar {
            let (lo, hi) = valueRange
            panel.colorBar = ColorBarSpec(map: colorMap, lo: lo, hi: hi, label: panel.colorBarLabel)
        }
    }

    /// One raster per image, each in its cell less the gap; values outside the colour
    /// range take the end colours, non-finite pixels the missing colour.
    func draw(_ context: MarkContext) {
        let layout = context.layout, theme = context.theme, xm = context.x, ym = context.y
        let (lo, hi) = valueRange
        let w = pixelWidth, h = pixelHeight
        guard w > 0, h > 0 else { return }
        for r in 0..<rows {
            // Row 0 at the top: the y axis runs from the last row (at 0) up to the first.
            let yCentre = Double(rows - 1 - r)
            for c in 0..<columns {
                guard let values = image(r, c) else { continue }
                let x0 = xm.position(Double(c) - 0.5 + gap), x1 = xm.position(Double(c) + 0.5 - gap)
                let yTop = ym.position(yCentre + 0.5 - gap), yBottom = ym.position(yCentre - 0.5 + gap)
                var cellWidth = abs(x1 - x0), cellHeight = abs(yBottom - yTop)
                // Keep the images' own proportions: shrink the longer side around the centre.
                let aspect = Double(w) / Double(h)
                if cellWidth / cellHeight > aspect { cellWidth = cellHeight * aspect } else { cellHeight = cellWidth / aspect }
                let rect = Rect(x: (x0 + x1) / 2 - cellWidth / 2, y: (yTop + yBottom) / 2 - cellHeight / 2,
                                width: cellWidth, height: cellHeight)
                var pixels = [UInt8](repeating: 0, count: w * h * 4)
                for i in 0..<(w * h) {
                    let v = values[i]
                    let colour = v.isFinite ? colorMap.color(at: min(max((v - lo) / (hi - lo), 0), 1)) : theme.missingColor
                    FigureLayout.rgba(colour, into: &pixels, at: i)
                }
                layout.out.append(.image(ImageItem(pixelWidth: w, pixelHeight: h, rgba: pixels, rect: rect, smooth: false, tag: context.tag)))
                layout.stroke([.rect(rect)], color: theme.gridColor, width: 0.5, round: false, tag: "image-frame")
            }
        }
    }

    /// The whole plot.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) { occupancy.mark(context.plot) }
}

extension ImageGridMark {
    /// "N images of W × H pixels in R rows and C columns; rows: ...; columns: ...".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        let count = (0..<rows).reduce(0) { n, r in n + (0..<columns).filter { image(r, $0) != nil }.count }
        func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var text = "\(counted(count, "image")) of \(pixelWidth) × \(pixelHeight) pixels in \(counted(rows, "row")) and \(counted(columns, "column"))"
        if let rowLabels, !rowLabels.isEmpty { text += "; rows: " + Figure.list(rowLabels) }
        if let columnLabels, !columnLabels.isEmpty { text += "; columns: " + Figure.list(columnLabels) }
        return .part(text, rank: 3)
    }

    /// One row per image: its grid position, and its mean value.
    func tableRows(_ table: inout FigureTable) {
        for r in 0..<rows {
            for c in 0..<columns {
                guard let image = image(r, c) else { continue }
                let finite = image.filter(\.isFinite)
                table.row("image", table.colorBarLabel ?? "mean value",
                          FigureTable.field(columnLabels.flatMap { c < $0.count ? $0[c] : nil } ?? "column \(c + 1)"),
                          FigureTable.field(rowLabels.flatMap { r < $0.count ? $0[r] : nil } ?? "row \(r + 1)"),
                          FigureTable.number(finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)))
            }
        }
    }
}
