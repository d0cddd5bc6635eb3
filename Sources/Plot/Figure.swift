import Foundation

/// How the panels of a grid share their axes. Shared axes have one range for all panels,
/// and only the outer panels (bottom row for x, left column for y) label them.
public enum AxisSharing: Sendable, Equatable {
    /// Each panel its own ranges (`independent`), or one shared x range, y range or both.
    case independent, x, y, both
    var sharesX: Bool { self == .x || self == .both }
    var sharesY: Bool { self == .y || self == .both }
}

/// A figure: a value describing panels, marks, axes and legends. Layout turns it into a
/// display list; a canvas draws that list to PNG, SVG or PDF.
///
/// Panels fill a grid of `columns` columns, row by row (small multiples). Sizes are in
/// points (1/72 inch); a PNG has `scale` pixels per point.
public struct Figure: Sendable {
    /// The figure title, also used as alt text in reports.
    public var title: String?
    /// Size in points (1/72 inch).
    public var width: Double
    /// Height in points; with `width`, the whole figure, titles and legends included.
    public var height: Double
    /// Panels in reading order (left to right, then top to bottom).
    public var panels: [Panel]
    /// Number of grid columns; rows follow from the panel count.
    public var columns: Int
    /// Which axes the panels of the grid share (`AxisSharing`); `.independent` gives each
    /// panel ranges of its own.
    public var sharing: AxisSharing
    /// Fonts, sizes, colours and line widths (`Theme.standard` for a page, `Theme.slides` for
    /// a lecture slide); layout measures text with the theme's measurer.
    public var theme: Theme

    /// A figure of several panels in a grid of `columns` columns, for small multiples that
    /// compare runs side by side:
    ///
    ///     let figure = Figure(title: "Loss per optimiser", columns: 2, sharing: .y, panels: [
    ///         Panel(title: "SGD", marks: [.line(LineMark(y: sgd))]),
    ///         Panel(title: "Adam", marks: [.line(LineMark(y: adam))]),
    ///     ])
    ///     try figure.write(to: [pngURL, svgURL])
    public init(title: String? = nil, width: Double = 576, height: Double = 360, columns: Int = 1,
                sharing: AxisSharing = .independent, theme: Theme = .standard, panels: [Panel] = []) {
        self.title = title
        self.width = width
        self.height = height
        self.panels = panels
        self.columns = columns
        self.sharing = sharing
        self.theme = theme
    }

    /// A one-panel figure.
    public init(title: String? = nil, width: Double = 576, height: Double = 360, theme: Theme = .standard, panel: Panel) {
        self.init(title: title, width: width, height: height, theme: theme, panels: [panel])
    }

    /// Lays the figure out into primitives in points (what the canvas draws, what tests inspect).
    public func layout() throws -> DisplayList {
        try FigureLayout(figure: self, measurer: theme.textMeasurer).run()
    }

    /// Data problems that were skipped rather than drawn, one sentence each (non-finite
    /// values per series, empty series, panels without data).
    public var warnings: [String] { DataCheck.warnings(for: self) }

    /// The figure as PNG bytes, `scale` pixels per point (2 gives sharp slides).
    public func pngData(scale: Double = 2) throws -> Data { try layout().pngData(scale: scale) }

    /// The figure as SVG bytes with the canvas's ids renumbered, so equal figures give equal bytes.
    public func svgData() throws -> Data { try layout().svgData() }

    /// The figure as PDF bytes.
    public func pdfData() throws -> Data { try layout().pdfData() }

    /// Draws the figure to `url`; PNG at `scale` pixels per point, SVG or PDF by extension.
    public func write(to url: URL, scale: Double = 2) throws {
        guard ["png", "svg", "pdf"].contains(url.pathExtension.lowercased()) else { throw PlotError.unsupportedFormat(path: url.path) }
        try layout().write(to: url, scale: scale)
    }

    /// Lays the figure out once and writes it to each of `urls` (format by extension).
    public func write(to urls: [URL], scale: Double = 2) throws {
        let list = try layout()
        for url in urls { try list.write(to: url, scale: scale) }
    }
}
