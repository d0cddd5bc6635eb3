import Foundation

/// What layout produces and a canvas draws: primitives in points, y down, in drawing order.
/// Every primitive carries a `tag` naming its role (`title`, `x.tick-label`, `mark:train`,
/// `legend`, ...) so tests can assert a figure's structure.
public struct DisplayList: Sendable {
    public var width: Double
    public var height: Double
    public var primitives: [Primitive]
    /// Data problems skipped while laying out (see `Figure.warnings`).
    public var warnings: [String]
    /// The font family every text is drawn in (the figure theme's `fontFamily`), the one
    /// layout measured with, so drawn text takes the room layout gave it.
    public var fontFamily: String

    public init(width: Double, height: Double, primitives: [Primitive], warnings: [String] = [],
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
    public func texts(tagged tag: String? = nil) -> [TextItem] {
        primitives.compactMap { if case .text(let t) = $0, tag == nil || t.tag == tag { return t } else { return nil } }
    }
    /// Path primitives, optionally only those whose tag is `tag`.
    public func paths(tagged tag: String? = nil) -> [PathItem] {
        primitives.compactMap { if case .path(let p) = $0, tag == nil || p.tag == tag { return p } else { return nil } }
    }
    /// Marker primitives, optionally only those whose tag is `tag`.
    public func markers(tagged tag: String? = nil) -> [MarkersItem] {
        primitives.compactMap { if case .markers(let m) = $0, tag == nil || m.tag == tag { return m } else { return nil } }
    }
    /// Image primitives.
    public var images: [ImageItem] {
        primitives.compactMap { if case .image(let i) = $0 { return i } else { return nil } }
    }
}

/// One drawing instruction.
public enum Primitive: Sendable {
    case path(PathItem)
    case markers(MarkersItem)
    case text(TextItem)
    case image(ImageItem)
    /// Restricts drawing to a rectangle until the matching `popClip`.
    case pushClip(Rect)
    case popClip
}

/// One step of a path.
public enum PathElement: Sendable, Equatable {
    case move(Point)
    case line(Point)
    case close
    case rect(Rect)
}

/// A path, filled and/or stroked.
public struct PathItem: Sendable {
    public var elements: [PathElement]
    public var fill: Color?
    public var stroke: Color?
    public var lineWidth: Double
    public var dash: [Double]
    /// Round caps and joins (lines, contours) rather than butt and miter (frames, ticks).
    public var round: Bool
    public var tag: String
}

/// The same marker at many points (a scatter series, line markers).
public struct MarkersItem: Sendable {
    public var points: [Point]
    public var shape: MarkerShape
    /// Diameter, points.
    public var size: Double
    public var fill: Color
    /// A ring drawn around each marker so it reads on a background of its own colour
    /// (scatter points on their class's region); nil for none.
    public var outline: Color?
    /// Width of the ring outside the marker, points.
    public var outlineWidth: Double
    public var tag: String

    public init(points: [Point], shape: MarkerShape, size: Double, fill: Color, outline: Color? = nil,
                outlineWidth: Double = 0, tag: String) {
        self.points = points; self.shape = shape; self.size = size; self.fill = fill
        self.outline = outline; self.outlineWidth = outlineWidth; self.tag = tag
    }
}

/// Horizontal anchor of a text.
public enum TextAnchor: Sendable { case start, middle, end }
/// Vertical anchor of a text: its baseline, the middle or top of its capitals, or its descent.
public enum TextBaseline: Sendable { case baseline, middle, top, bottom }

/// A line of text.
public struct TextItem: Sendable {
    public var string: String
    public var at: Point
    public var anchor: TextAnchor
    public var baseline: TextBaseline
    /// Font size, points.
    public var size: Double
    public var bold: Bool
    public var color: Color
    /// Rotation in degrees, counter-clockwise (90 for a y-axis label).
    public var rotation: Double
    public var tag: String
    /// The box the text occupies, as layout measured it (unrotated text only).
    public var bounds: Rect
}

/// A raster of RGBA pixels (row 0 at the top) drawn into `rect`.
public struct ImageItem: Sendable {
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Straight-alpha RGBA bytes, row-major, 4 per pixel.
    public var rgba: [UInt8]
    public var rect: Rect
    /// Smooth interpolation (a sampled plane) or crisp cells (a heatmap, an image of
    /// digits). SVG and PDF embed a crisp image once, as a PNG scaled by its nearest pixel
    /// (`image-rendering: pixelated` in SVG), unless it asks for `cellRectangles`.
    public var smooth: Bool
    public var tag: String
    /// Whether SVG and PDF draw each pixel as a filled rectangle instead (a heatmap's few
    /// cells, which every viewer then shows crisp), for grids of at most `vectorCellLimit`
    /// cells. An image grid leaves it off: hundreds of pictures of 784 pixels each as
    /// rectangles made SVG files of many megabytes.
    var cellRectangles = false

    static let vectorCellLimit = 4096
}
