/// A mark's share of its panel's alt text (`Figure.altText`), from its `MarkElement`
/// conformance, so a new mark tells itself in words in its own file. A panel's text is
/// one sentence of y against x for all its curves and points, then the other marks' parts
/// in order of `rank` (bars 1, heatmaps 2, image grids 3, regions 4, grid lines 5,
/// reference lines 6, annotations 7), marks of one rank in the panel's order.
enum MarkWords {
    /// Curves or points, told together with the panel's others: their ranges, series,
    /// shape and extremes.
    case curves([Curve])
    /// A shaded spread, noted after the curves ("shaded bands show the spread").
    case spread
    /// A part of its own ("bars of accuracy for ...").
    case part(String, rank: Int)
    /// A part that all marks of its rank share (grid lines are counted, annotations listed).
    case shared(Shared)

    /// One series of points (`line` when they are joined).
    struct Curve {
        var label: String?
        var x: [Double]
        var y: [Double]
        var line: Bool
    }

    /// One mark's contribution to a shared part: a count and texts, which `phrase` turns,
    /// summed and joined over the marks of the rank, into the part (nil for none).
    struct Shared {
        var rank: Int
        var count: Int
        var texts: [String]
        var phrase: @Sendable (_ count: Int, _ texts: [String]) -> String?
    }

    /// What a mark may use of its panel to tell itself: the axes' labels ("x" and "y"
    /// when unset), the same without a trailing note in parentheses (`xName`, for "at
    /// epoch 3"), and the colour bar's label.
    struct Context {
        var xLabel: String
        var yLabel: String
        var xName: String
        var yName: String
        var colorBarLabel: String?
    }
}
