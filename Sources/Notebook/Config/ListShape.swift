/// What a list parameter needs besides the range of its items: how many items, whether
/// they must differ, whether they must be in ascending order.
///
///     .wholes("widths", \.widths, 1..., .ascending(atLeast: 2), "Hidden widths swept, smallest first."),
public struct ListShape: Sendable, Equatable {
    /// The fewest items accepted (0: the empty list too).
    public var minCount: Int
    /// The most items accepted; nil for no limit.
    public var maxCount: Int?
    /// Whether no two items may be equal.
    public var distinct: Bool
    /// Whether each item must be at least the one before it (with `distinct`: strictly larger).
    public var ascending: Bool

    /// A shape from its four constraints; the defaults accept any list. The named shapes below cover most parameters.
    public init(minCount: Int = 0, maxCount: Int? = nil, distinct: Bool = false, ascending: Bool = false) {
        self.minCount = minCount
        self.maxCount = maxCount
        self.distinct = distinct
        self.ascending = ascending
    }

    /// Any number of items, none included.
    public static let anyLength = ListShape()
    /// At least one item.
    public static let nonEmpty = ListShape(minCount: 1)
    /// At least one item, no two alike.
    public static let distinct = ListShape(minCount: 1, distinct: true)
    /// Exactly two items.
    public static let pair = ListShape(minCount: 2, maxCount: 2)
    /// At least `count` distinct items, smallest first (the points of a sweep).
    public static func ascending(atLeast count: Int) -> ListShape {
        ListShape(minCount: count, distinct: true, ascending: true)
    }

    /// Whether `items` has this shape.
    func admits<T: Comparable & Hashable>(_ items: [T]) -> Bool {
        if items.count < minCount { return false }
        if let maxCount, items.count > maxCount { return false }
        if distinct && Set(items).count != items.count { return false }
        if ascending && items != items.sorted() { return false }
        return true
    }

    /// The list in words around the words for its items (`positive whole numbers`).
    func words(items: String) -> String {
        var text = "a "
        if let maxCount, maxCount == minCount { text += "list of exactly \(minCount) " }
        else if minCount > 1 { text += "list of at least \(minCount) " }
        else if minCount == 1 { text += "non-empty list of " }
        else { text += "list of " }
        if distinct { text += "distinct " }
        text += items
        if ascending { text += ", smallest first" }
        return text
    }

    /// JSON Schema keywords for the shape.
    var schema: [String: ConfigValue] {
        var keywords: [String: ConfigValue] = [:]
        if minCount > 0 { keywords["minItems"] = .int(minCount) }
        if let maxCount { keywords["maxItems"] = .int(maxCount) }
        if distinct { keywords["uniqueItems"] = .bool(true) }
        return keywords
    }
}
