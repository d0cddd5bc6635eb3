/// A decision-region image: a grid of values (class-1 probabilities) sampled over a
/// rectangle of the plane, drawn as a smooth colour image, with contour lines at `levels`
/// (the decision boundary at 0.5) traced by marching squares.
public struct RegionMark: Sendable {
    /// `values[row][column]`, row 0 at y = yRange.lowerBound, column 0 at x = xRange.lowerBound;
    /// samples lie on the grid's corners (the first and last column at the range's ends).
    public var values: [[Double]]
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var colorMap: ColorMap
    /// Colour limits for the values.
    public var colorLimits: ClosedRange<Double>
    /// Contour levels to draw as lines.
    public var levels: [Double]
    public var boundaryColor: Color
    public var boundaryWidth: Double
    /// Legend entry for the boundary line.
    public var label: String?
    /// Whether the panel shows a colour bar for this mark.
    public var showsColorBar: Bool

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
