/// Points; either one colour, or one colour per class with `classes` (palette order) and
/// one legend entry per class name.
public struct ScatterMark: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var label: String?
    public var color: Color?
    /// Marker diameter in points; nil uses the theme's.
    public var size: Double?
    public var alpha: Double
    public var shape: MarkerShape
    /// Class index of each point (same count as x); colours come from the palette.
    public var classes: [Int]?
    /// Legend names of the classes, index by class.
    public var classNames: [String]

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, size: Double? = nil,
                alpha: Double = 0.85, shape: MarkerShape = .circle, classes: [Int]? = nil, classNames: [String] = []) {
        self.x = x; self.y = y; self.label = label; self.color = color; self.size = size
        self.alpha = alpha; self.shape = shape; self.classes = classes; self.classNames = classNames
    }
}
