/// Something drawn in a panel's data coordinates. Each case wraps a value type with the
/// mark's data and style; colours left nil take the theme palette's next colour.
///
///     Panel(marks: [.line(LineMark(y: losses, label: "train")), .rule(RuleMark(.horizontal, at: 0.1))])
///
/// The enum is the front end figures are written with; what each mark does (extent,
/// checks, legend, drawing) is its value's `MarkElement` conformance, in its own file.
public enum Mark: Sendable {
    case line(LineMark)
    case scatter(ScatterMark)
    case bars(BarsMark)
    case band(BandMark)
    case rule(RuleMark)
    case annotation(AnnotationMark)
    case heatmap(HeatmapMark)
    case regions(RegionMark)
    case polylines(PolylineMark)
    case imageGrid(ImageGridMark)
}

extension Mark {
    /// The wrapped mark, as layout and the data checks use it.
    var element: any MarkElement {
        switch self {
        case .line(let m): m
        case .scatter(let m): m
        case .bars(let m): m
        case .band(let m): m
        case .rule(let m): m
        case .annotation(let m): m
        case .heatmap(let m): m
        case .regions(let m): m
        case .polylines(let m): m
        case .imageGrid(let m): m
        }
    }
}

/// Marker shapes for line vertices and scatter points.
public enum MarkerShape: Sendable, Hashable {
    case circle, square, triangle, diamond
}
