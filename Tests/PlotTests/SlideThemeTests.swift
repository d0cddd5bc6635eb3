import Foundation
import Testing
@testable import Plot

/// The slide themes: every gallery figure laid out again for a slide passes the checks
/// the page figures pass, with type and lines sized for a projector (a 960 × 540 point
/// slide shown at 1920 × 1080 pixels: 2 pixels a point).
@Suite struct SlideThemeTests {
    static let pixelsPerPoint = 1080 / SlideGeometry.pageHeight

    @Test(arguments: ["slides", "slides-dark"])
    func galleryFiguresOnSlidesKeepTheirLabelsApartInsideAndLargeEnough(_ name: String) throws {
        let theme = try #require(Theme.named(name))
        for item in Gallery.items {
            let figure = item.figure.forSlide(theme: theme)
            let box = SlideGeometry.figureBox(aspect: item.figure.width / item.figure.height)
            #expect(figure.width <= box.width + 0.5 && figure.height <= box.height + 0.5, "\(item.name)")
            let list = try figure.layout()
            var depth = 0
            for p in list.primitives {
                if case .pushClip = p { depth += 1 }
                if case .popClip = p { depth -= 1 }
            }
            #expect(depth == 0, "\(item.name)")
            var rows: [Int: [Rect]] = [:]
            for b in list.texts(tagged: "x.tick-label").map(\.bounds) { rows[Int(b.y.rounded()), default: []].append(b) }
            for (_, row) in rows { #expect(!overlapping(row), "\(item.name): x tick labels overlap") }
            var columns: [Int: [Rect]] = [:]
            for b in list.texts(tagged: "y.tick-label").map(\.bounds) { columns[Int(b.maxX.rounded()), default: []].append(b) }
            for (_, column) in columns { #expect(!overlapping(column), "\(item.name): y tick labels overlap") }
            for t in list.texts() {
                #expect(t.bounds.x >= -1 && t.bounds.maxX <= list.width + 1, "\(item.name): '\(t.string)' leaves the figure")
                #expect(t.bounds.y >= -1 && t.bounds.maxY <= list.height + 1, "\(item.name): '\(t.string)' leaves the figure")
                #expect(t.size * Self.pixelsPerPoint >= 18, "\(item.name): '\(t.string)' is \(t.size * Self.pixelsPerPoint) px")
            }
            #expect(list.fontFamily == theme.fontFamily)
        }
    }

    @Test func slideLinesAreAtLeastThreePixelsAndTheDarkThemeIsDark() throws {
        for theme in [Theme.slides, Theme.slidesDark] {
            let list = try twoSeriesFigure().forSlide(theme: theme).layout()
            for path in list.paths() where path.tag.hasPrefix("mark:") {
                #expect(path.lineWidth * Self.pixelsPerPoint >= 3)
            }
        }
        let png = try twoSeriesFigure().forSlide(theme: .slidesDark).pngData(scale: 2)
        let image = try #require(decodePNG(png))
        let (r, g, b) = image.rgb(2, 2)
        #expect(r + g + b < 120)
    }

    @Test func aSlideFigureIs1920PixelsWideAtItsScale() throws {
        let figure = twoSeriesFigure().forSlide(theme: .slides)
        let image = try #require(decodePNG(try figure.pngData(scale: Figure.scale(forWidth: figure.width))))
        #expect(image.width == 1920)
    }

    @Test func theFontFamilyOfTheThemeReachesCairo() throws {
        var theme = Theme.standard
        theme.fontFamily = "DejaVu Serif"
        var figure = twoSeriesFigure()
        let sans = try figure.svgData()
        figure.theme = theme
        let list = try figure.layout()
        #expect(list.fontFamily == "DejaVu Serif")
        let serif = String(decoding: try figure.pdfData(), as: UTF8.self)
        #expect(serif.contains("DejaVuSerif"))
        #expect(!String(decoding: try twoSeriesFigure().pdfData(), as: UTF8.self).contains("DejaVuSerif"))
        // Serif text is measured in serif: other widths, so another layout.
        #expect(try figure.svgData() != sans)
    }

    @Test func aSlidePageWrapsTextInsideItsBoxAndDrawsAsOnePDFPagePerList() throws {
        var page = SlidePage(theme: .slides)
        page.heading("A heading")
        let used = page.paragraph(String(repeating: "many words here ", count: 40), in: Rect(x: 36, y: 100, width: 300, height: 60), size: 16)
        #expect(used <= 60)
        for t in page.list.texts(tagged: "text") { #expect(t.bounds.maxX <= 336.5) }
        #expect(page.list.texts(tagged: "text").last?.string.hasSuffix("…") == true)
        let pdf = try DisplayList.pdfDocument(pages: [page.list, page.list, page.list])
        let text = String(decoding: pdf, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
        #expect(pages == 3)
    }
}
