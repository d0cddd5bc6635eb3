/// Where a panel's legend goes.
public enum LegendPlacement: Sendable, Equatable {
    /// Inside the plot area, in the corner that covers the least data; outside on the right
    /// when every corner would cover data.
    case auto
    /// In that corner of the plot area, whatever it covers.
    case topLeft, topRight, bottomLeft, bottomRight
    /// Outside the plot area, to the right.
    case outside
    /// No legend (a figure whose title or caption names the series).
    case none
}

/// One plot area with its two axes, marks and legend.
public struct Panel: Sendable {
    /// The panel's title, written above it and used in the alt text; nil for none.
    public var title: String?
    /// The horizontal axis: its label, scale, limits and tick format.
    public var x: Axis
    /// The vertical axis: its label, scale, limits and tick format.
    public var y: Axis
    /// What is drawn, in order: a later mark covers an earlier one.
    public var marks: [Mark]
    /// Where the legend of the labelled marks goes; `.auto` finds a corner without data.
    public var legend: LegendPlacement
    /// One data unit spans the same length on both axes (points on a plane, warped grids).
    public var equalAspect: Bool
    /// Label beside the colour bar of a heatmap or region mark.
    public var colorBarLabel: String?

    /// A panel with its axes and marks; every argument but the marks has a default, so a
    /// quick plot is one line:
    ///
    ///     Panel(x: Axis(label: "epoch"), y: Axis(label: "loss", scale: .log10),
    ///           marks: [.line(LineMark(y: train, label: "train")), .line(LineMark(y: validation, label: "validation"))])
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
