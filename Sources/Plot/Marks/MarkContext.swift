/// What a mark draws with: the layout that collects the primitives (and its text, stroke
/// and fill helpers), the panel's axis maps and plot area, and the colours and colour
/// bar its panel resolved.
struct MarkContext {
    let layout: FigureLayout
    let x: AxisMap
    let y: AxisMap
    let plot: Rect
    let colors: MarkColors
    /// The panel's colour bar, whose map and limits colour a heatmap.
    let colorBar: ColorBarSpec?
    /// Whether an earlier mark coloured the background (markers then get rings).
    let onColouredBackground: Bool
    /// The tag of the mark's primitives, `mark:<name>`.
    let tag: String

    var theme: Theme { layout.theme }
}
