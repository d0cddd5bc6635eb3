/// A series drawn as a connected line; non-finite points break the line and are counted
/// in the figure's warnings.
public struct LineMark: Sendable {
    public var x: [Double]
    public var y: [Double]
    /// Legend entry; nil keeps the series out of the legend.
    public var label: String?
    public var color: Color?
    /// Stroke width in points; nil uses the theme's.
    public var width: Double?
    /// Dash pattern in points (on, off, ...); empty is solid.
    public var dash: [Double]
    /// A marker at every vertex.
    public var marker: MarkerShape?

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, width: Double? = nil,
                dash: [Double] = [], marker: MarkerShape? = nil) {
        self.x = x; self.y = y; self.label = label; self.color = color
        self.width = width; self.dash = dash; self.marker = marker
    }

    /// A line over x = 0, 1, 2, ... (epochs, steps).
    public init(y: [Double], label: String? = nil, color: Color? = nil) {
        self.init(x: y.indices.map(Double.init), y: y, label: label, color: color)
    }
}
