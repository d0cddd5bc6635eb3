/// A point in figure coordinates (points, y down) or data coordinates, depending on use.
public struct Point: Sendable, Hashable {
    /// Horizontal position: points from the left in a display list, data units in a mark.
    public var x: Double
    /// Vertical position: points from the top in a display list, data units in a mark.
    public var y: Double
    /// The point `(x, y)`.
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned rectangle; `x`, `y` is the top-left corner in points (y grows down).
public struct Rect: Sendable, Hashable {
    /// The left edge, points.
    public var x: Double
    /// The top edge, points from the top.
    public var y: Double
    /// Width, points.
    public var width: Double
    /// Height, points (downwards from `y`).
    public var height: Double
    /// The rectangle with top-left corner `(x, y)` and the given size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    /// The right edge.
    public var maxX: Double { x + width }
    /// The bottom edge.
    public var maxY: Double { y + height }
    /// The horizontal centre.
    public var midX: Double { x + width / 2 }
    /// The vertical centre.
    public var midY: Double { y + height / 2 }

    /// Whether `p` lies inside or on the edge.
    public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
    /// Whether the two rectangles overlap in an area (touching edges do not count).
    public func intersects(_ r: Rect) -> Bool { x < r.maxX && r.x < maxX && y < r.maxY && r.y < maxY }
    func inset(by d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}
