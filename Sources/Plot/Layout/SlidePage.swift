import Foundation

/// One slide as a display list: a heading, wrapped text, marked items (claims with their
/// verdicts), figure images and a footer, placed by `SlideGeometry`. Text is measured
/// with the same measurer figures use, so wrapped lines fit where they are put.
/// `DisplayList.pdfDocument(pages:)` draws pages into one PDF; `pngData` draws one page.
///
///     var page = SlidePage(theme: .slides)
///     page.heading("Width against depth")
///     _ = page.paragraph("A deep network needs far fewer units.", in: page.content, size: 20)
///     let pdf = try DisplayList.pdfDocument(pages: [page.list])
public struct SlidePage {
    /// The theme whose sizes and colours the page's text and marks use (`Theme.slides`).
    public let theme: Theme
    /// What has been drawn so far: give it to `DisplayList.pdfDocument(pages:)` or draw it as PNG.
    public private(set) var list: DisplayList
    private let measurer: any TextMeasuring

    /// The content area below the heading.
    public var content: Rect {
        Rect(x: SlideGeometry.margin, y: SlideGeometry.contentTop, width: SlideGeometry.pageWidth - 2 * SlideGeometry.margin,
             height: SlideGeometry.contentBottom - SlideGeometry.contentTop)
    }

    /// An empty 960 × 540 point page (`SlideGeometry`) in the theme's background colour.
    public init(theme: Theme) {
        self.theme = theme
        measurer = theme.textMeasurer
        let page = Rect(x: 0, y: 0, width: SlideGeometry.pageWidth, height: SlideGeometry.pageHeight)
        list = DisplayList(width: page.width, height: page.height,
                           primitives: [.path(PathItem(elements: [.rect(page)], fill: theme.background, stroke: nil,
                                                       lineWidth: 0, dash: [], round: false, tag: "background"))],
                           fontFamily: theme.fontFamily)
    }

    /// Width of `text` at `size` points in the theme's font.
    public func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        measurer.width(text, size: size, bold: bold)
    }

    /// The slide's heading, on one line, in smaller type when a long one needs it.
    public mutating func heading(_ text: String) {
        let available = SlideGeometry.pageWidth - 2 * SlideGeometry.margin
        var size = SlideGeometry.headingSize
        while size > 16, width(text, size: size, bold: true) > available { size -= 1 }
        let fitted = fit(text, size: size, bold: true, width: available)
        add(fitted, x: SlideGeometry.margin, y: SlideGeometry.margin + 6, size: size, bold: true, color: theme.textColor,
            tag: "heading")
        let rule = Rect(x: SlideGeometry.margin, y: SlideGeometry.contentTop - 14, width: available, height: 2)
        list.primitives.append(.path(PathItem(elements: [.rect(rule)], fill: theme.palette[0], stroke: nil, lineWidth: 0,
                                              dash: [], round: false, tag: "heading-rule")))
    }

    /// `text` wrapped into `rect` at `size` points (top down); lines that do not fit end
    /// in an ellipsis. Returns the height used.
    @discardableResult
    public mutating func paragraph(_ text: String, in rect: Rect, size: Double, bold: Bool = false, color: Color? = nil,
                                   anchor: TextAnchor = .start, tag: String = "text") -> Double {
        let lineHeight = size * 1.3
        let lines = wrap(text, size: size, bold: bold, width: rect.width)
        let fitting = max(1, Int(rect.height / lineHeight))
        var shown = Array(lines.prefix(fitting))
        if lines.count > fitting, let last = shown.last {
            shown[shown.count - 1] = fit(last + " …", size: size, bold: bold, width: rect.width)
        }
        for (index, line) in shown.enumerated() {
            let x = anchor == .start ? rect.x : anchor == .middle ? rect.midX : rect.maxX
            add(line, x: x, y: rect.y + Double(index) * lineHeight, size: size, bold: bold, color: color ?? theme.textColor,
                anchor: anchor, tag: tag)
        }
        return Double(shown.count) * lineHeight
    }

    /// A marked item: `mark` in `markColor`, then `text` wrapped beside it. Returns the
    /// height used.
    @discardableResult
    public mutating func item(mark: String, markColor: Color, text: String, in rect: Rect, size: Double,
                              tag: String = "item") -> Double {
        let indent = size * 1.4
        add(mark, x: rect.x, y: rect.y, size: size, bold: true, color: markColor, tag: tag + ".mark")
        return paragraph(text, in: Rect(x: rect.x + indent, y: rect.y, width: rect.width - indent, height: rect.height),
                         size: size, tag: tag)
    }

    /// A figure image (its pixels, straight RGBA) drawn into `rect`.
    public mutating func image(_ png: PNGImage, in rect: Rect) {
        var rgba = [UInt8](repeating: 255, count: png.width * png.height * 4)
        for (index, pixel) in png.pixels.enumerated() {
            // Figures are opaque, so premultiplied and straight colours are the same.
            rgba[4 * index] = UInt8((pixel >> 16) & 0xFF)
            rgba[4 * index + 1] = UInt8((pixel >> 8) & 0xFF)
            rgba[4 * index + 2] = UInt8(pixel & 0xFF)
        }
        list.primitives.append(.image(ImageItem(pixelWidth: png.width, pixelHeight: png.height, rgba: rgba, rect: rect,
                                                smooth: true, tag: "figure")))
    }

    /// A small line at the foot of the slide (lesson title, slide number).
    public mutating func footer(left: String, right: String) {
        let y = SlideGeometry.pageHeight - 22
        let size = 11.0, color = theme.axisColor
        add(fit(left, size: size, bold: false, width: SlideGeometry.pageWidth * 0.7), x: SlideGeometry.margin, y: y,
            size: size, bold: false, color: color, tag: "footer")
        add(right, x: SlideGeometry.pageWidth - SlideGeometry.margin, y: y, size: size, bold: false, color: color,
            anchor: .end, tag: "footer")
    }

    /// `text` broken into lines no wider than `width` (at spaces; a word longer than the
    /// line stands alone).
    public func wrap(_ text: String, size: Double, bold: Bool = false, width: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if line.isEmpty || self.width(candidate, size: size, bold: bold) <= width {
                    line = candidate
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// `text` cut to fit `width`, ending in an ellipsis when cut.
    func fit(_ text: String, size: Double, bold: Bool, width: Double) -> String {
        guard self.width(text, size: size, bold: bold) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, self.width(String(characters) + "…", size: size, bold: bold) > width {
            characters.removeLast()
        }
        return String(characters) + "…"
    }

    private mutating func add(_ text: String, x: Double, y: Double, size: Double, bold: Bool, color: Color,
                              anchor: TextAnchor = .start, tag: String) {
        let w = width(text, size: size, bold: bold)
        let left = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
        list.primitives.append(.text(TextItem(string: text, at: Point(x, y), anchor: anchor, baseline: .top, size: size,
                                              bold: bold, color: color, rotation: 0, tag: tag,
                                              bounds: Rect(x: left, y: y, width: w, height: size * FontMetrics.lineHeight))))
    }
}
