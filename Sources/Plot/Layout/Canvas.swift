/// Where a display list is drawn: the backend contract between layout and a drawing
/// library, in the spirit of matplotlib's `RendererBase`. Layout never draws; it produces
/// a `DisplayList`, and `DisplayList.draw(on:)` hands its primitives, in order, to a
/// canvas. The Cairo canvas in `Plot/Cairo` (the only folder that names Cairo) draws
/// PNG, SVG and PDF; the tests' recording canvas keeps the calls, so a test can assert
/// what was drawn without reading pixels.
///
/// A canvas also measures text (`TextMeasuring`) in the family it draws, so text takes
/// the room layout gave it.
protocol Canvas: TextMeasuring {
    /// The family every following text is drawn in; a display list sets its own
    /// (`DisplayList.fontFamily`) before its first primitive.
    var fontFamily: String { get set }
    /// Fills and/or strokes a path.
    func drawPath(_ path: PathItem)
    /// Draws the same marker at every point.
    func drawMarkers(_ markers: MarkersItem)
    /// Draws one line of text at its anchor.
    func drawText(_ text: TextItem)
    /// Draws a raster of RGBA pixels into its rectangle.
    func drawImage(_ image: ImageItem)
    /// Restricts drawing to `rect` until the matching `popClip`.
    func pushClip(_ rect: Rect)
    /// Ends the innermost clip.
    func popClip()
}

extension DisplayList {
    /// Draws the primitives in order on `canvas`, in the list's font family.
    func draw(on canvas: some Canvas) {
        canvas.fontFamily = fontFamily
        for primitive in primitives {
            switch primitive {
            case .path(let p): canvas.drawPath(p)
            case .markers(let m): canvas.drawMarkers(m)
            case .text(let t): canvas.drawText(t)
            case .image(let i): canvas.drawImage(i)
            case .pushClip(let r): canvas.pushClip(r)
            case .popClip: canvas.popClip()
            }
        }
    }
}
