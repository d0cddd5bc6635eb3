/// Where things go on a 16:9 slide, in points: the page, the heading band, and the box a
/// figure gets. One place decides it, so a figure is laid out (`Figure.forSlide`) at
/// exactly the size the slide later draws it (`SlidePage`), and nothing is scaled.
///
/// A figure at most `sideAspect` times as wide as tall goes left with the claims in a
/// column to its right; a wider one spans the slide with the claims below it. Either way
/// it fills its box.
public enum SlideGeometry {
    /// The page: 960 × 540 points (13.33 × 7.5 inches, the 16:9 size of presentation
    /// programs), which a 1920 × 1080 projector shows at 2 pixels a point.
    static let pageWidth = 960.0
    /// The page's height, points (see `pageWidth`).
    static let pageHeight = 540.0
    /// The margin around everything.
    public static let margin = 36.0
    /// The baseline band of the heading: its text sits between `margin` and `contentTop`.
    static let headingSize = 26.0
    /// Where content (figure, claims, text) starts below the heading.
    static let contentTop = 92.0
    /// The bottom of the content (the slide number sits below it).
    static let contentBottom = 510.0
    /// Width of the claims column beside a narrow figure.
    static let claimsColumn = 290.0
    /// Height of the claims band below a wide figure.
    static let claimsBand = 92.0
    /// Gap between figure and claims.
    public static let gap = 16.0
    /// Width-to-height ratio up to which the claims go beside the figure.
    static let sideAspect = 1.75

    /// Where a figure's claims go, by the figure's shape.
    public enum ClaimsPlacement: Sendable { case beside, below }

    /// Beside for a figure at most `sideAspect` times as wide as tall, else below.
    public static func placement(aspect: Double) -> ClaimsPlacement { aspect <= sideAspect ? .beside : .below }

    /// The box a figure of `aspect` (width / height) may fill: beside or above its claims,
    /// or, with none, the whole content area.
    public static func figureBox(aspect: Double, claims: Bool = true) -> (width: Double, height: Double) {
        let fullWidth = pageWidth - 2 * margin, fullHeight = contentBottom - contentTop
        guard claims else { return (fullWidth, fullHeight) }
        switch placement(aspect: aspect) {
        case .beside: return (fullWidth - claimsColumn - gap, fullHeight)
        case .below: return (fullWidth, fullHeight - claimsBand - gap)
        }
    }

    /// The size of a figure of `aspect` on a slide: its whole box. The figure is laid out
    /// again at that size, so it need not keep the page's proportions; keeping them left
    /// wide figures with several panels too small for slide-sized type, and every figure
    /// smaller than the room the slide has for it. A figure of the box's own proportions
    /// gets the same box again, so the size is stable.
    public static func figureSize(aspect: Double, claims: Bool = true) -> (width: Double, height: Double) {
        let box = figureBox(aspect: aspect.isFinite && aspect > 0 ? aspect : 1.6, claims: claims)
        return (box.width.rounded(), box.height.rounded())
    }
}
