extension Figure {
    /// The figure for a slide: `theme` (`.slides` or `.slidesDark`) at the size
    /// `SlideGeometry` gives a figure of its proportions, laid out again there. Layout
    /// decides tick counts, legend places and margins at the new size and type sizes, so
    /// this is a new figure, not the page figure scaled up. `claims` says whether the
    /// slide also lists claims (without, the figure takes the whole content area).
    public func forSlide(theme: Theme, claims: Bool = true) -> Figure {
        var figure = self
        let size = SlideGeometry.figureSize(aspect: width / height, claims: claims)
        figure.width = size.width
        figure.height = size.height
        figure.theme = theme
        return figure
    }

    /// The PNG scale that makes a slide figure `pixels` wide (1920 for a projector).
    public static func scale(forWidth width: Double, pixels: Double = 1920) -> Double { pixels / width }
}
