/// A decision-region image: a grid of values (class-1 probabilities) sampled over a
/// rectangle of the plane, drawn as a smooth colour image, with contour lines at `levels`
/// (the decision boundary at 0.5) traced by marching squares.
public struct RegionMark: Sendable {
    /// `values[row][column]`, row 0 at y = yRange.lowerBound, column 0 at x = xRange.lowerBound;
    /// samples lie on the grid's corners (the first and last column at the range's ends).
    public var values: [[Double]]
    /// The x side of the rectangle the samples cover, data units.
    public var xRange: ClosedRange<Double>
    /// The y side of the rectangle the samples cover, data units.
    public var yRange: ClosedRange<Double>
    /// The colour map over `colorLimits` (blue to orange for two classes).
    public var colorMap: ColorMap
    /// Colour limits for the values.
    public var colorLimits: ClosedRange<Double>
    /// Contour levels to draw as lines.
    public var levels: [Double]
    /// Colour of the contour lines.
    public var boundaryColor: Color
    /// Width of the contour lines, points.
    public var boundaryWidth: Double
    /// Legend entry for the boundary line.
    public var label: String?
    /// Whether the panel shows a colour bar for this mark.
    public var showsColorBar: Bool

    /// A network's class-1 probability over a square, with its decision boundary; draw the
    /// training points over it as a scatter with classes:
    ///
    ///     .regions(RegionMark(values: probabilities, xRange: -1...1, yRange: -1...1)),
    ///     .scatter(ScatterMark(x: xs, y: ys, classes: labels, classNames: ["blue", "orange"]))
    public init(values: [[Double]], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                colorMap: ColorMap = .blueOrange, colorLimits: ClosedRange<Double> = 0...1, levels: [Double] = [0.5],
                boundaryColor: Color = Color(hex: 0x222222), boundaryWidth: Double = 1.5,
                label: String? = "decision boundary", showsColorBar: Bool = false) {
        self.values = values; self.xRange = xRange; self.yRange = yRange; self.colorMap = colorMap
        self.colorLimits = colorLimits; self.levels = levels; self.boundaryColor = boundaryColor
        self.boundaryWidth = boundaryWidth; self.label = label; self.showsColorBar = showsColorBar
    }

    /// Samples `function(x, y)` on a `resolution` × `resolution` grid over the rectangle.
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int = 120,
                colorMap: ColorMap = .blueOrange, label: String? = "decision boundary",
                function: (Double, Double) -> Double) {
        let n = max(resolution, 2)
        let values = (0..<n).map { r -> [Double] in
            let y = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(r) / Double(n - 1)
            return (0..<n).map { c in
                function(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(c) / Double(n - 1), y)
            }
        }
        self.init(values: values, xRange: xRange, yRange: yRange, colorMap: colorMap, label: label)
    }
}

extension RegionMark: MarkElement {
    var kindName: String { "decision regions" }
    var name: String? { label }
    var nonFiniteCount: Int { values.reduce(0) { $0 + $1.filter { !$0.isFinite }.count } }
    var isEmpty: Bool { values.isEmpty }
    var fillsPlot: Bool { true }
    var coloursBackground: Bool { true }

    /// The sampled rectangle is the extent, exactly (no margin).
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        panel.xs.add(xRange.lowerBound); panel.xs.add(xRange.upperBound)
        panel.ys.add(yRange.lowerBound); panel.ys.add(yRange.upperBound)
        panel.exactX = true; panel.exactY = true
        if showsColorBar {
            panel.colorBar = ColorBarSpec(map: colorMap, lo: colorLimits.lowerBound, hi: colorLimits.upperBound, label: panel.colorBarLabel)
        }
    }

    func legendEntries(_ colors: MarkColors, theme: Theme) -> [LegendEntry] {
        guard let label else { return [] }
        return [LegendEntry(label: label, swatch: .line(boundaryColor, width: boundaryWidth, dash: [], marker: nil))]
    }

    /// A smooth image with each sample at the centre of its pixel, then the contours.
    func draw(_ context: MarkContext) {
        let layout = context.layout, theme = context.theme, xm = context.x, ym = context.y
        let rows = values.count, cols = values.map(\.count).min() ?? 0
        guard rows >= 1, cols >= 1 else { return }
        let dx = cols > 1 ? (xRange.upperBound - xRange.lowerBound) / Double(cols - 1) : 0
        let dy = rows > 1 ? (yRange.upperBound - yRange.lowerBound) / Double(rows - 1) : 0
        let x0 = xm.position(xRange.lowerBound - dx / 2), x1 = xm.position(xRange.upperBound + dx / 2)
        let yTop = ym.position(yRange.upperBound + dy / 2), yBottom = ym.position(yRange.lowerBound - dy / 2)
        var pixels = [UInt8](repeating: 0, count: rows * cols * 4)
        let span = colorLimits.upperBound - colorLimits.lowerBound
        for r in 0..<rows {
            for c in 0..<cols {
                let v = values[r][c]
                let colour = v.isFinite ? colorMap.color(at: span > 0 ? (v - colorLimits.lowerBound) / span : 0.5) : theme.missingColor
                FigureLayout.rgba(colour, into: &pixels, at: (rows - 1 - r) * cols + c)
            }
        }
        layout.out.append(.image(ImageItem(pixelWidth: cols, pixelHeight: rows, rgba: pixels,
                                           rect: Rect(x: min(x0, x1), y: min(yTop, yBottom), width: abs(x1 - x0), height: abs(yBottom - yTop)),
                                           smooth: true, tag: context.tag)))
        for level in levels {
            let lines = MarchingSquares.contour(values, level: level, x0: xRange.lowerBound, x1: xRange.upperBound,
                                                y0: yRange.lowerBound, y1: yRange.upperBound)
            var elements: [PathElement] = []
            for line in lines {
                for (i, p) in line.enumerated() {
                    let q = Point(xm.position(p.x), ym.position(p.y))
                    elements.append(i == 0 ? .move(q) : .line(q))
                }
            }
            if !elements.isEmpty {
                layout.stroke(elements, color: boundaryColor, width: boundaryWidth * theme.markScale, round: true, tag: "boundary")
            }
        }
    }

    /// The contour lines (the image itself is background).
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        let fx = FastMap(context.x), fy = FastMap(context.y)
        for level in levels {
            for line in MarchingSquares.contour(values, level: level, x0: xRange.lowerBound, x1: xRange.upperBound,
                                                y0: yRange.lowerBound, y1: yRange.upperBound) {
                occupancy.mark(polyline: line.map(\.x), line.map(\.y), fx, fy)
            }
        }
    }
}

extension RegionMark {
    /// "coloured regions over x from ... to ... and y from ... to ...".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        typealias F = Figure
        return .part("coloured regions over \(context.xLabel) from \(F.describe(xRange.lowerBound)) to \(F.describe(xRange.upperBound)) and \(context.yLabel) from \(F.describe(yRange.lowerBound)) to \(F.describe(yRange.upperBound))" + (label.map { ", with the \($0)" } ?? ""), rank: 4)
    }
}
