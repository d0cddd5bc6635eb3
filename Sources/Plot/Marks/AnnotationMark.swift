/// Text at a point in data coordinates, optionally with an arrow to another data point.
public struct AnnotationMark: Sendable {
    public var text: String
    /// Where the text is centred, data units.
    public var at: Point
    /// Where the arrow points, data units; nil draws no arrow.
    public var arrowTo: Point?
    public var color: Color?

    public init(_ text: String, at: Point, arrowTo: Point? = nil, color: Color? = nil) {
        self.text = text; self.at = at; self.arrowTo = arrowTo; self.color = color
    }
}
