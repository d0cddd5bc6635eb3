import Foundation
import Plot

extension SlideDeck {
    /// The deck as a PDF of 16:9 pages (960 × 540 points), drawn with Cairo: text as text,
    /// each figure the slide PNG laid out for its place on the page (`Figure.forSlide`).
    public func pdfData() throws -> Data {
        try DisplayList.pdfDocument(pages: pages())
    }

    /// One display list per slide (also what tests and the README's screenshot draw).
    public func pages() throws -> [DisplayList] {
        try slides.enumerated().map { index, slide in try page(slide, number: index + 1) }
    }

    /// The colour of a verdict's mark on this deck's background.
    func color(of verdict: ClaimVerdict) -> Color {
        let dark = themeName == "slides-dark"
        switch verdict {
        case .holds: return Color(hex: dark ? 0x66BB6A : 0x2E7D32)
        case .fails: return Color(hex: dark ? 0xEF5350 : 0xC62828)
        case .undecided: return Color(hex: dark ? 0xFFB300 : 0xA15C00)
        }
    }

    func page(_ slide: Slide, number: Int) throws -> DisplayList {
        var page = SlidePage(theme: theme)
        let content = page.content
        switch slide.content {
        case .title(let summary):
            let top = content.y + 40
            let used = page.paragraph(Self.plain(title), in: Rect(x: content.x, y: top, width: content.width, height: 110),
                                      size: 36, bold: true, tag: "title")
            var y = top + used + 16
            y += page.paragraph(Self.plain(summary), in: Rect(x: content.x, y: y, width: content.width, height: 120),
                                size: 20, color: theme.axisColor, tag: "summary") + 28
            y += page.paragraph(claimCounts, in: Rect(x: content.x, y: y, width: content.width, height: 30), size: 18,
                                bold: true, tag: "claims-summary") + 8
            claimItems(slide.claims, into: &page, in: Rect(x: content.x, y: y, width: content.width, height: content.maxY - y),
                       largest: 16, smallest: 11)
        case .figure(_, _, _, _, let png):
            page.heading(Self.plain(slide.heading))
            let image = try PNGImage(contentsOf: png)
            let aspect = Double(image.width) / Double(max(1, image.height))
            // The figure was laid out for this place; fitting it in again only matters for
            // one drawn before its cell's claims changed.
            let size = SlideGeometry.figureSize(aspect: aspect, claims: !slide.claims.isEmpty)
            if slide.claims.isEmpty {
                page.image(image, in: Rect(x: content.midX - size.width / 2, y: content.y + (content.height - size.height) / 2,
                                           width: size.width, height: size.height))
            } else if SlideGeometry.placement(aspect: aspect) == .beside {
                page.image(image, in: Rect(x: content.x, y: content.y, width: size.width, height: size.height))
                let x = content.x + SlideGeometry.figureBox(aspect: aspect).width + SlideGeometry.gap
                let column = Rect(x: x, y: content.y + 8, width: content.maxX - x, height: content.height - 8)
                claimItems(slide.claims, into: &page, in: column, largest: 16, smallest: 10)
            } else {
                page.image(image, in: Rect(x: content.midX - size.width / 2, y: content.y, width: size.width, height: size.height))
                let y = content.y + size.height + SlideGeometry.gap
                claimItems(slide.claims, into: &page, in: Rect(x: content.x, y: y, width: content.width, height: content.maxY - y),
                           largest: 15, smallest: 10)
            }
        case .text(let text):
            page.heading(Self.plain(slide.heading))
            page.paragraph(Self.plain(text), in: Rect(x: content.x, y: content.y + 10, width: content.width, height: content.height - 10),
                           size: 24, tag: "text")
        case .closing:
            page.heading(slide.heading)
            let used = page.paragraph(claimCounts, in: Rect(x: content.x, y: content.y, width: content.width, height: 30),
                                      size: 18, bold: true, tag: "claims-summary")
            let y = content.y + used + 10
            claimItems(slide.claims, into: &page, in: Rect(x: content.x, y: y, width: content.width, height: content.maxY - y),
                       largest: 16, smallest: 9)
        }
        page.footer(left: Self.plain(title), right: "\(number) / \(slides.count)")
        return page.list
    }

    /// Claims as marked items in `rect`, in the largest type from `largest` down to
    /// `smallest` at which all fit; what still does not fit is counted in a last line.
    func claimItems(_ claims: [ClaimResult], into page: inout SlidePage, in rect: Rect, largest: Double, smallest: Double) {
        guard !claims.isEmpty else { return }
        func height(_ size: Double) -> Double {
            claims.reduce(0) { total, claim in
                total + Double(page.wrap(Self.claimLine(claim), size: size, width: rect.width - size * 1.4).count) * size * 1.3 + size * 0.4
            }
        }
        var size = largest
        while size > smallest, height(size) > rect.height { size -= 1 }
        var y = rect.y
        for (index, claim) in claims.enumerated() {
            let lines = Double(page.wrap(Self.claimLine(claim), size: size, width: rect.width - size * 1.4).count)
            let needed = lines * size * 1.3
            let roomForMore = index < claims.count - 1 ? size * 1.7 : 0
            if y + needed + roomForMore > rect.maxY, index < claims.count - 1 {
                page.paragraph("… and \(claims.count - index) more claims (see the report)",
                               in: Rect(x: rect.x, y: y, width: rect.width, height: size * 1.4), size: size,
                               color: theme.axisColor, tag: "claims-more")
                return
            }
            y += page.item(mark: claim.verdict.mark, markColor: color(of: claim.verdict), text: Self.claimLine(claim),
                           in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), size: size, tag: "claim")
            y += size * 0.4
        }
    }
}
