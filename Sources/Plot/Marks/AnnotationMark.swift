import Foundation

/// Text at a point in data coordinates, optionally with an arrow to another data point.
public struct AnnotationMark: Sendable {
    /// The words written, one line.
    public var text: String
    /// Where the text is centred, data units.
    public var at: Point
    /// Where the arrow points, data units; nil draws no arrow.
    public var arrowTo: Point?
    /// Colour of the text and arrow; nil uses the theme's text colour.
    public var color: Color?

    /// Text centred at a data point, with an arrow to another when `arrowTo` is given, to
    /// point a reader at one feature of the data:
    ///
    ///     .annotation(AnnotationMark("interpolation threshold", at: Point(120, 0.8), arrowTo: Point(100, 0.3)))
    public init(_ text: String, at: Point, arrowTo: Point? = nil, color: Color? = nil) {
        self.text = text; self.at = at; self.arrowTo = arrowTo; self.color = color
    }
}

extension AnnotationMark: MarkElement {
    var kindName: String { "annotation" }
    var name: String? { text }
    var nonFiniteCount: Int { at.x.isFinite && at.y.isFinite ? 0 : 1 }
    var isEmpty: Bool { false }
    var drawsOverAxes: Bool { true }

    /// The text's point and the arrow's target join the extents, where the axes can show them.
    func resolve(_ panel: inout MarkResolution, name: String) throws {
        panel.colors.color = color ?? panel.theme.textColor
        for p in [at] + (arrowTo.map { [$0] } ?? []) where p.x.isFinite && p.y.isFinite {
            if (panel.xScale.isLog && p.x <= 0) || (panel.yScale.isLog && p.y <= 0) { continue }
            panel.xs.add(p.x); panel.ys.add(p.y)
        }
    }

    /// The text on a halo, and an arrow from the edge of its box to the target. Drawn over
    /// the axes, unclipped, with the tag `annotation` (and `annotation.arrow`).
    func draw(_ context: MarkContext) {
        let layout = context.layout, theme = context.theme, xm = context.x, ym = context.y
        let color = context.colors.color ?? theme.textColor
        let p = Point(xm.position(at.x), ym.position(at.y))
        guard p.x.isFinite, p.y.isFinite else { return }
        layout.halo(text, at: p, anchor: .middle, baseline: .middle)
        layout.text(text, at: p, anchor: .middle, baseline: .middle, size: theme.annotationSize, color: color, tag: "annotation")
        guard let target = arrowTo else { return }
        let q = Point(xm.position(target.x), ym.position(target.y))
        guard q.x.isFinite, q.y.isFinite else { return }
        let hw = layout.measurer.width(text, size: theme.annotationSize, bold: false) / 2 + 3
        let hh = theme.annotationSize * 0.6 + 3
        let dx = q.x - p.x, dy = q.y - p.y
        let t = min(dx == 0 ? .infinity : hw / abs(dx), dy == 0 ? .infinity : hh / abs(dy))
        guard t < 1 else { return }
        let start = Point(p.x + dx * t, p.y + dy * t)
        let length = hypot(q.x - start.x, q.y - start.y)
        guard length > 2 else { return }
        let ux = (q.x - start.x) / length, uy = (q.y - start.y) / length
        let head = min(7.0, length * 0.5), half = head * 0.45
        let base = Point(q.x - ux * head, q.y - uy * head)
        layout.stroke([.move(start), .line(base)], color: color, width: 1, round: true, tag: "annotation.arrow")
        layout.fill([.move(q), .line(Point(base.x - uy * half, base.y + ux * half)), .line(Point(base.x + uy * half, base.y - ux * half)), .close],
                    color: color, tag: "annotation.arrow")
    }

    /// The text's box and the arrow.
    func ink(_ occupancy: inout Occupancy, _ context: MarkContext) {
        let xm = FastMap(context.x), ym = FastMap(context.y), theme = context.theme
        let p = Point(xm(at.x), ym(at.y))
        let w = context.layout.measurer.width(text, size: theme.annotationSize, bold: false)
        occupancy.mark(Rect(x: p.x - w / 2, y: p.y - theme.annotationSize, width: w, height: theme.annotationSize * 2))
        if let to = arrowTo { occupancy.mark(from: p, to: Point(xm(to.x), ym(to.y))) }
    }
}

extension AnnotationMark {
    /// Listed with the panel's other annotations: "marked “a” and “b”".
    func words(_ context: MarkWords.Context) -> MarkWords? {
        .shared(.init(rank: 7, count: 1, texts: [text]) { _, texts in
            texts.isEmpty ? nil : "marked " + Figure.list(texts.map { "“\($0)”" })
        })
    }
}
