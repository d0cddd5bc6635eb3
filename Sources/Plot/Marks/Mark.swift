/// Something drawn in a panel's data coordinates. Each case wraps a value type with the
/// mark's data and style; colours left nil take the theme palette's next colour.
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

/// Marker shapes for line vertices and scatter points.
public enum MarkerShape: Sendable, Hashable {
    case circle, square, triangle, diamond
}
