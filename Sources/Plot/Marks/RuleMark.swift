/// A horizontal or vertical reference line across the whole panel (a baseline, the
/// interpolation threshold), with an optional label written along it.
public struct RuleMark: Sendable {
    public enum Orientation: Sendable { case horizontal, vertical }
    public var orientation: Orientation
    /// Position in data units (y for horizontal, x for vertical).
    public var value: Double
    public var label: String?
    public var color: Color?
    public var width: Double
    public var dash: [Double]

    public init(_ orientation: Orientation, at value: Double, label: String? = nil, color: Color? = nil,
                width: Double = 1, dash: [Double] = [4, 3]) {
        self.orientation = orientation; self.value = value; self.label = label
        self.color = color; self.width = width; self.dash = dash
    }
}
