import CCairo
import Foundation

/// The `Canvas` the plotter draws with: Cairo onto a PNG image, an SVG or a PDF surface.
/// Owns its surface and context; nothing outside `Plot/Cairo` sees Cairo.
final class CairoCanvas: Canvas {
    enum Format: Equatable {
        case png(scale: Double)
        case svg
        case pdf
    }

    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let sink = ByteSink()
    private let format: Format
    /// How markers are drawn on an image surface (`MarkerStamps` says why stamps).
    private let markerRasterization: MarkerRasterization
    private var fontKey = ""
    /// The family of the list being drawn (`DisplayList.fontFamily`); a new one selects
    /// the font again at the next text.
    var fontFamily = Theme.standard.fontFamily {
        didSet { fontKey = "" }
    }
    /// For each image embedded in an SVG or PDF, in drawing order, whether it is crisp
    /// (`SVGImageRendering` marks those so browsers scale them by the nearest pixel).
    private var embeddedImages: [Bool] = []
    /// An image surface's pixel memory (from `PixelBufferPool`), returned when the canvas goes.
    private var pixels: (memory: UnsafeMutableRawPointer, bytes: Int)?

    /// Draws `list` and returns the encoded file.
    static func render(_ list: DisplayList, format: Format) throws -> Data {
        let canvas = try CairoCanvas(width: list.width, height: list.height, format: format)
        list.draw(on: canvas)
        return try canvas.finish()
    }

    /// Draws each list as one page of a PDF document (page size from the list).
    static func renderPDF(pages: [DisplayList]) throws -> Data {
        guard let first = pages.first else { throw PlotError.invalidSize("a PDF document needs at least one page") }
        let canvas = try CairoCanvas(width: first.width, height: first.height, format: .pdf)
        for (index, page) in pages.enumerated() {
            if index > 0 {
                cairo_show_page(canvas.cr)
                cairo_pdf_surface_set_size(canvas.surface, page.width, page.height)
                canvas.fontKey = ""
            }
            page.draw(on: canvas)
        }
        return try canvas.finish()
    }

    /// Draws `list` at `scale` pixels per point and returns its opaque pixels as
    /// `0x00RRGGBB` words, row by row from the top (frames of an animation).
    static func raster(_ list: DisplayList, scale: Double, markers: MarkerRasterization = .standard) throws -> RasterImage {
        let canvas = try CairoCanvas(width: list.width, height: list.height, format: .png(scale: scale), markers: markers)
        list.draw(on: canvas)
        let status = cairo_status(canvas.cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo(String(cString: cairo_status_to_string(status))) }
        cairo_surface_flush(canvas.surface)
        guard let data = cairo_image_surface_get_data(canvas.surface) else { throw PlotError.cairo("image surface has no pixels") }
        let width = Int(cairo_image_surface_get_width(canvas.surface)), height = Int(cairo_image_surface_get_height(canvas.surface))
        let stride = Int(cairo_image_surface_get_stride(canvas.surface))
        var pixels = [UInt32](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                // RGB24 leaves the top byte undefined: clear it so equal colours compare equal.
                for x in 0..<width { out[y * width + x] = row[x] & 0x00FF_FFFF }
            }
        }
        return RasterImage(width: width, height: height, pixels: pixels)
    }

    init(width: Double, height: Double, format: Format, markers: MarkerRasterization = .standard) throws {
        self.format = format
        self.markerRasterization = markers
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .png(let scale):
            guard scale.isFinite, scale > 0, width * scale <= 32_000, height * scale <= 32_000 else {
                throw PlotError.invalidSize("PNG scale \(scale) cannot be drawn: expected a positive number of pixels per point giving at most 32000 pixels a side")
            }
            let pw = Int32(max(1, (width * scale).rounded())), ph = Int32(max(1, (height * scale).rounded()))
            let stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, pw)
            let bytes = Int(stride) * Int(ph)
            let memory = PixelBufferPool.shared.take(bytes: bytes)
            pixels = (memory, bytes)
            surface = cairo_image_surface_create_for_data(memory.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_RGB24,
                                                          pw, ph, stride)
        case .svg:
            surface = cairo_svg_surface_create_for_stream(ByteSink.write, closure, width, height)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(ByteSink.write, closure, width, height)
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            if let pixels { PixelBufferPool.shared.recycle(pixels.memory, bytes: pixels.bytes) }
            throw PlotError.cairo(String(cString: cairo_status_to_string(status)))
        }
        if format == .pdf {
            // A fixed creation date keeps PDF bytes reproducible.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Lessonbook")
        }
        cr = cairo_create(surface)
        if case .png(let scale) = format {
            cairo_scale(cr, scale * Double(cairo_image_surface_get_width(surface)) / (width * scale),
                        scale * Double(cairo_image_surface_get_height(surface)) / (height * scale))
        }
        Self.configureFonts(cr)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
        if let pixels { PixelBufferPool.shared.recycle(pixels.memory, bytes: pixels.bytes) }
    }

    /// Grey antialiasing and unhinted metrics: text widths then do not depend on the
    /// surface or scale, so layout measurements hold everywhere.
    static func configureFonts(_ cr: OpaquePointer) {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    func finish() throws -> Data {
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo(String(cString: cairo_status_to_string(status))) }
        switch format {
        case .png:
            cairo_surface_flush(surface)
            guard let pixels = cairo_image_surface_get_data(surface) else { throw PlotError.cairo("image surface has no pixels") }
            let png = PNGEncoder.encode(width: Int(cairo_image_surface_get_width(surface)), height: Int(cairo_image_surface_get_height(surface)),
                                        stride: Int(cairo_image_surface_get_stride(surface)), pixels: UnsafeRawPointer(pixels))
            return Data(png)
        case .svg:
            cairo_surface_finish(surface)
            return SVGIds.renumber(SVGImageRendering.pixelated(sink.bytes, crisp: embeddedImages))
        case .pdf:
            cairo_surface_finish(surface)
            return Data(sink.bytes)
        }
    }

    /// Widths as layout measured them: the same family, size and weight give the same
    /// advance on every surface and scale (`configureFonts`).
    func width(_ string: String, size: Double, bold: Bool) -> Double {
        CairoTextMeasurer(family: fontFamily).width(string, size: size, bold: bold)
    }

    func pushClip(_ r: Rect) {
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
    }

    func popClip() {
        cairo_restore(cr)
        fontKey = ""
    }

    private func setColor(_ c: Color) {
        if c.alpha >= 1 { cairo_set_source_rgb(cr, c.red, c.green, c.blue) } else { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    }

    func drawPath(_ p: PathItem) {
        guard !p.elements.isEmpty else { return }
        cairo_new_path(cr)
        for e in p.elements {
            switch e {
            case .move(let q): cairo_move_to(cr, q.x, q.y)
            case .line(let q): cairo_line_to(cr, q.x, q.y)
            case .close: cairo_close_path(cr)
            case .rect(let r): cairo_rectangle(cr, r.x, r.y, r.width, r.height)
            }
        }
        if let fill = p.fill {
            setColor(fill)
            if p.stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke = p.stroke {
            setColor(stroke)
            cairo_set_line_width(cr, p.lineWidth)
            cairo_set_line_cap(cr, p.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
            // Dense polylines (vertices closer than the line is wide) look the same with
            // bevel joins, which Cairo strokes several times faster than round ones.
            // (`CAIRO_ANTIALIAS_FAST` would be faster still, but Cairo 1.16's 4 × 4-sample
            // scan converter behind it corrupts the heap on some paths, so it is not used.)
            let dense = p.elements.count > 200
            cairo_set_line_join(cr, dense ? CAIRO_LINE_JOIN_BEVEL : p.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER)
            if p.dash.isEmpty { cairo_set_dash(cr, nil, 0, 0) } else { cairo_set_dash(cr, p.dash, Int32(p.dash.count), 0) }
            cairo_stroke(cr)
        }
    }

    func drawMarkers(_ m: MarkersItem) {
        guard !m.points.isEmpty else { return }
        if case .png = format, markerRasterization == .stamps {
            stampMarkers(m)
            return
        }
        cairo_new_path(cr)
        if m.shape == .circle {
            // A one-point subpath with round caps is a disc: much smaller in SVG and faster
            // to rasterise than four Bézier arcs.
            for p in m.points { Self.addMarker(cr, shape: .circle, x: p.x, y: p.y, radius: m.size / 2) }
            if let outline = m.outline, m.outlineWidth > 0 {
                // The ring is a wider disc under every point, so the points' own colours
                // stay untouched where they overlap.
                setColor(outline)
                Self.paintDiscs(cr, width: m.size + 2 * m.outlineWidth, preserve: true)
            }
            setColor(m.fill)
            Self.paintDiscs(cr, width: m.size, preserve: false)
            return
        }
        for p in m.points { Self.addMarker(cr, shape: m.shape, x: p.x, y: p.y, radius: m.size / 2) }
        setColor(m.fill)
        if let outline = m.outline, m.outlineWidth > 0 {
            cairo_fill_preserve(cr)
            setColor(outline)
            Self.strokeOutline(cr, width: m.outlineWidth)
        } else {
            cairo_fill(cr)
        }
    }

    /// Draws `m` on the image surface through `MarkerStamps`, layer by layer in the order
    /// the path route paints them (a circle's ring under its disc, another shape's outline
    /// over its fill).
    private func stampMarkers(_ m: MarkersItem) {
        var matrix = cairo_matrix_t()
        cairo_get_matrix(cr, &matrix)
        let sx = matrix.xx, sy = matrix.yy
        let device = m.points.map { (x: matrix.xx * $0.x + matrix.xy * $0.y + matrix.x0, y: matrix.yx * $0.x + matrix.yy * $0.y + matrix.y0) }
        // A circle's ring lies under its disc; another shape's outline over its fill.
        var layers: [(color: Color, part: MarkerStamps.Part)] = [(m.fill, .fill)]
        if let outline = m.outline, m.outlineWidth > 0 {
            if m.shape == .circle { layers.insert((outline, .outline), at: 0) } else { layers.append((outline, .outline)) }
        }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        for layer in layers {
            let stamps = MarkerStamps.shared(MarkerStamps.Key(shape: m.shape, part: layer.part, size: m.size,
                                                              outlineWidth: m.outlineWidth, scaleX: sx, scaleY: sy))
            guard let mask = stamps.mask(at: device, width: width, height: height) else { continue }
            cairo_save(cr)
            cairo_identity_matrix(cr)
            setColor(layer.color)
            cairo_mask_surface(cr, mask.surface, Double(mask.x), Double(mask.y))
            cairo_restore(cr)
            cairo_surface_destroy(mask.surface)
        }
    }

    /// Adds one marker of `shape` centred on `(x, y)` to the current path; `radius` is half
    /// the marker's size. A circle is a one-point closed subpath, painted by `paintDiscs`.
    static func addMarker(_ cr: OpaquePointer, shape: MarkerShape, x: Double, y: Double, radius r: Double) {
        switch shape {
        case .circle:
            // A closed subpath of one point, which Cairo (and SVG) stroke as a round dot:
            // SVG then carries `M x y Z`, two numbers a marker where `M x y L x y` took four.
            cairo_move_to(cr, x, y)
            cairo_close_path(cr)
        case .square:
            cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8)
        case .triangle:
            cairo_move_to(cr, x, y - r * 1.15)
            cairo_line_to(cr, x + r, y + r * 0.7)
            cairo_line_to(cr, x - r, y + r * 0.7)
            cairo_close_path(cr)
        case .diamond:
            cairo_move_to(cr, x, y - r * 1.2)
            cairo_line_to(cr, x + r, y)
            cairo_line_to(cr, x, y + r * 1.2)
            cairo_line_to(cr, x - r, y)
            cairo_close_path(cr)
        }
    }

    /// Strokes the one-point subpaths of circle markers with round caps: discs `width` across.
    static func paintDiscs(_ cr: OpaquePointer, width: Double, preserve: Bool) {
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_dash(cr, nil, 0, 0)
        cairo_set_line_width(cr, width)
        if preserve { cairo_stroke_preserve(cr) } else { cairo_stroke(cr) }
    }

    /// Strokes the outline of square, triangle and diamond markers.
    static func strokeOutline(_ cr: OpaquePointer, width: Double) {
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        cairo_set_dash(cr, nil, 0, 0)
        cairo_stroke(cr)
    }

    func drawText(_ t: TextItem) {
        let key = "\(t.size)|\(t.bold)"
        if key != fontKey {
            cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL, t.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, t.size)
            fontKey = key
        }
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, t.string, &extents)
        let w = extents.x_advance
        let dx: Double = t.anchor == .start ? 0 : t.anchor == .middle ? -w / 2 : -w
        let dy: Double
        switch t.baseline {
        case .baseline: dy = 0
        case .middle: dy = t.size * FontMetrics.capHeight / 2
        case .top: dy = t.size * FontMetrics.capHeight
        case .bottom: dy = -t.size * FontMetrics.descent
        }
        setColor(t.color)
        cairo_new_path(cr)
        if t.rotation != 0 {
            cairo_save(cr)
            cairo_translate(cr, t.at.x, t.at.y)
            cairo_rotate(cr, -t.rotation * .pi / 180)
            cairo_move_to(cr, dx, dy)
            cairo_show_text(cr, t.string)
            cairo_restore(cr)
        } else {
            cairo_move_to(cr, t.at.x + dx, t.at.y + dy)
            cairo_show_text(cr, t.string)
        }
    }

    func drawImage(_ item: ImageItem) {
        let w = item.pixelWidth, h = item.pixelHeight
        guard w > 0, h > 0, item.rgba.count >= w * h * 4, item.rect.width > 0, item.rect.height > 0 else { return }
        let vector: Bool
        if case .png = format { vector = false } else { vector = true }
        if vector && !item.smooth && item.cellRectangles && w * h <= ImageItem.vectorCellLimit {
            // Small grids as rectangles, so SVG and PDF viewers show crisp cells.
            let cw = item.rect.width / Double(w), ch = item.rect.height / Double(h)
            for r in 0..<h {
                for c in 0..<w {
                    let i = 4 * (r * w + c)
                    cairo_set_source_rgba(cr, Double(item.rgba[i]) / 255, Double(item.rgba[i + 1]) / 255,
                                          Double(item.rgba[i + 2]) / 255, Double(item.rgba[i + 3]) / 255)
                    cairo_rectangle(cr, item.rect.x + Double(c) * cw, item.rect.y + Double(r) * ch, cw, ch)
                    cairo_fill(cr)
                }
            }
            return
        }
        let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let base = cairo_image_surface_get_data(image) else { return }
        let stride = Int(cairo_image_surface_get_stride(image))
        item.rgba.withUnsafeBufferPointer { src in
            for r in 0..<h {
                let row = (base + r * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
                for c in 0..<w {
                    let i = 4 * (r * w + c)
                    let a = UInt32(src[i + 3])
                    // Cairo wants premultiplied, native-endian ARGB.
                    let red = UInt32(src[i]) * a / 255, green = UInt32(src[i + 1]) * a / 255, blue = UInt32(src[i + 2]) * a / 255
                    row[c] = (a << 24) | (red << 16) | (green << 8) | blue
                }
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_rectangle(cr, item.rect.x, item.rect.y, item.rect.width, item.rect.height)
        cairo_clip(cr)
        cairo_translate(cr, item.rect.x, item.rect.y)
        cairo_scale(cr, item.rect.width / Double(w), item.rect.height / Double(h))
        cairo_set_source_surface(cr, image, 0, 0)
        let pattern = cairo_get_source(cr)
        cairo_pattern_set_filter(pattern, item.smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
        // A crisp image in SVG or PDF fills its rectangle exactly, so it needs no padding,
        // and without it Cairo writes one `<use>` of the image rather than a pattern.
        cairo_pattern_set_extend(pattern, vector && !item.smooth ? CAIRO_EXTEND_NONE : CAIRO_EXTEND_PAD)
        if vector { embeddedImages.append(!item.smooth) }
        cairo_paint(cr)
        cairo_restore(cr)
        fontKey = ""
    }
}
