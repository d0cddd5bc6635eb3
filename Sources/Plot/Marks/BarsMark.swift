/// Bars over named categories; several series give grouped bars side by side.
public struct BarsMark: Sendable {
    /// One series of bar heights, one value per category.
    public struct Series: Sendable {
        public var label: String?
        public var values: [Double]
        public var color: Color?
        public init(label: String? = nil, values: [Double], color: Color? = nil) {
            self.label = label; self.values = values; self.color = color
        }
    }

    public var categories: [String]
    public var series: [Series]
    /// Fraction of each category's slot taken by its group of bars.
    public var groupWidth: Double
    /// Write each bar's value above it.
    public var showValues: Bool

    public init(categories: [String], series: [Series], groupWidth: Double = 0.8, showValues: Bool = false) {
        self.categories = categories; self.series = series
        self.groupWidth = groupWidth; self.showValues = showValues
    }

    /// A single series of bars.
    public init(categories: [String], values: [Double], label: String? = nil, color: Color? = nil, showValues: Bool = false) {
        self.init(categories: categories, series: [Series(label: label, values: values, color: color)], showValues: showValues)
    }
}
