/// Where a panel's legend goes.
public enum LegendPlacement: Sendable, Equatable {
    /// Inside the plot area, in the corner that covers the least data; outside on the right
    /// when every corner would cover data.
    case auto
    case topLeft, topRight, bottomLeft, bottomRight
    /// Outside the plot area, to the right.
    case outside
    case none
}

/// One plot area with its two axes, marks and legend.
public struct Panel: Sendable {
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]
    public var legend: LegendPlacement
    /// One data unit spans the same length on both axes (points on a plane, warped grids).
    public var equalAspect: Bool
    /// Label beside the colour bar of a heatmap or region mark.
    public var colorBarLabel: String?

    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), legend: LegendPlacement = .auto,
                equalAspect: Bool = false, colorBarLabel: String? = nil, marks: [Mark] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.legend = legend
        self.equalAspect = equalAspect
        self.colorBarLabel = colorBarLabel
    }

    /// Appends a mark, drawn above the earlier ones.
    public mutating func add(_ mark: Mark) { marks.append(mark) }
}
