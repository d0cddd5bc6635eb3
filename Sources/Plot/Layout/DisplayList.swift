import Foundation

/// What layout produces and a canvas draws: primitives in points, y down, in drawing order.
/// Every primitive carries a `tag` naming its role (`title`, `x.tick-label`, `mark:train`,
/// `legend`, ...) so tests can assert a figure's structure.
public struct DisplayList: Sendable {
    /// Page width, points.
    public var width: Double
    /// Page height, points.
    public var height: Double
    var primitives: [Primitive]
    /// Data problems skipped while laying out (see `Figure.warnings`).
    public var warnings: [String]
    /// The font family every text is drawn in (the figure theme's `fontFamily`), the one
    /// layout measured with, so drawn text takes the room layout gave it.
    public var fontFamily: String

    init(width: Double, height: Double, primitives: [Primitive], warnings: [String] = [],
                fontFamily: String = Theme.standard.fontFamily) {
        self.width = width
        self.height = height
        self.primitives = primitives
        self.warnings = warnings
        self.fontFamily = fontFamily
    }

    /// The list drawn in the format a file extension names (`png`, `svg` or `pdf`, any
    /// case); `path` is only for the message when the extension names none.
    public func data(forExtension ext: String, scale: Double = 2, path: String) throws -> Data {
        switch ext.lowercased() {
        case "png": return try pngData(scale: scale)
        case "svg": return try svgData()
        case "pdf": return try pdfData()
        default: throw PlotError.unsupportedFormat(path: path)
        }
    }

    /// Draws the list to `url` as PNG, SVG or PDF by extension; lay a figure out once and
    /// write it in several formats.
    public func write(to url: URL, scale: Double = 2) throws {
        let data = try data(forExtension: url.pathExtension, scale: scale, path: url.path)
        do { try data.write(to: url) } catch {
            throw PlotError.io(path: url.path, message: error.localizedDescription)
        }
    }

    /// Text primitives, optionally only those whose tag is `tag`.
    func texts(tagged tag: String? = nil) -> [TextItem] {
        primitives.compactMap { if case .text(let t) = $0, tag == nil || t.tag == tag { return t } else { return nil } }
    }
    /// Path primitives, optionally only those whose tag is `tag`.
    func paths(tagged tag: String? = nil) -> [PathItem] {
        primitives.compactMap { if case .path(let p) = $0, tag == nil || p.tag == tag { return p } else { return nil } }
    }
    /// Marker primitives, optionally only those whose tag is `tag`.
    func markers(tagged tag: String? = nil) -> [MarkersItem] {
        primitives.compactMap { if case .markers(let m) = $0, tag == nil || m.tag == tag { return m } else { return nil } }
    }
    /// Image primitives.
    var images: [ImageItem] {
        primitives.compactMap { if case .image(let i) = $0 { return i } else { return nil } }
    }
}

/// One drawing instruction.
enum Primitive: Sendable {
    case path(PathItem)
    case markers(MarkersItem)
    case text(TextItem)
    case image(ImageItem)
    /// Restricts drawing to a rectangle until the matching `popClip`.
    case pushClip(Rect)
    case popClip
}

/// One step of a path.
enum PathElement: Sendable, Equatable {
    case move(Point)
    case line(Point)
    case close
    case rect(Rect)
}

/// A path, filled and/or stroked.
struct PathItem: Sendable {
    var elements: [PathElement]
    var fill: Color?
    var stroke: Color?
    var lineWidth: Double
    var dash: [Double]
    /// Round caps and joins (lines, contours) rather than butt and miter (frames, ticks).
    var round: Bool
    var tag: String
}

/// The same marker at many points (a scatter series, line markers).
struct MarkersItem: Sendable {
    var points: [Point]
    var shape: MarkerShape
    /// Diameter, points.
    var size: Double
    var fill: Color
    /// A ring drawn around each marker so it reads on a background of its own colour
    /// (scatter points on their class's region); nil for none.
    var outline: Color?
    /// Width of the ring outside the marker, points.
    var outlineWidth: Double
    var tag: String

    init(points: [Point], shape: MarkerShape, size: Double, fill: Color, outline: Color? = nil,
                outlineWidth: Double = 0, tag: String) {
        self.points = points; self.shape = shape; self.size = size; self.fill = fill
        self.outline = outline; self.outlineWidth = outlineWidth; self.tag = tag
    }
}

/// Horizontal anchor of a text: where its `at` point is, at the text's start, middle or
/// end; public because a slide page aligns its paragraphs with it (`SlidePage.paragraph`).
public enum TextAnchor: Sendable { case start, middle, end }
/// Vertical anchor of a text: its baseline, the middle or top of its capitals, or its descent.
enum TextBaseline: Sendable { case baseline, middle, top, bottom }

/// A line of text.
struct TextItem: Sendable {
    var string: String
    var at: Point
    var anchor: TextAnchor
    var baseline: TextBaseline
    /// Font size, points.
    var size: Double
    var bold: Bool
    var color: Color
    /// Rotation in degrees, counter-clockwise (90 for a y-axis label).
    var rotation: Double
    var tag: String
    /// The box the text occupies, as layout measured it (unrotated text only).
    var bounds: Rect
}

/// A raster of RGBA pixels (row 0 at the top) drawn into `rect`.
struct ImageItem: Sendable {
    var pixelWidth: Int
    var pixelHeight: Int
    /// Straight-alpha RGBA bytes, row-major, 4 per pixel.
    var rgba: [UInt8]
    var rect: Rect
    /// Smooth interpolation (a sampled plane) or crisp cells (a heatmap, an image of
    /// digits). SVG and PDF embed a crisp image once, as a PNG scaled by its nearest pixel
    /// (`image-rendering: pixelated` in SVG), unless it asks for `cellRectangles`.
    var smooth: Bool
    var tag: String
    /// Whether SVG and PDF draw each pixel as a filled rectangle instead (a heatmap's few
    /// cells, which every viewer then shows crisp), for grids of at most `vectorCellLimit`
    /// cells. An image grid leaves it off: hundreds of pictures of 784 pixels each as
    /// rectangles made SVG files of many megabytes.
    var cellRectangles = false

    static let vectorCellLimit = 4096
}
