import Foundation
import Testing
@testable import Plot

@Test func sameFigureGivesSameBytes() throws {
    let figure = twoSeriesFigure()
    let svg1 = try figure.svgData(), png1 = try figure.pngData()
    _ = try Gallery.items[0].figure.svgData()   // moves Cairo's process-wide id counters
    #expect(try figure.svgData() == svg1)
    #expect(try figure.pngData() == png1)
}

@Test func galleryRendersToValidPNGAndSVG() throws {
    for item in Gallery.items {
        let png = try item.figure.pngData(scale: 1)
        let image = try #require(decodePNG(png), "\(item.name) PNG does not decode")
        #expect(image.width == Int(item.figure.width.rounded()))
        let counts = try #require(svgElementCounts(try item.figure.svgData()), "\(item.name) SVG is not XML")
        #expect(counts["svg"] == 1)
    }
}

@Test func pngHasTheRequestedScaleAndColours() throws {
    let blue = Color(hex: 0x0072B2)
    let figure = Figure(width: 200, height: 150, panel: Panel(marks: [.bars(BarsMark(categories: ["a"], values: [1], color: blue))]))
    let list = try figure.layout()
    let bar = try #require(list.paths(tagged: "mark:bars 1 of panel 1").first)
    guard case .rect(let r) = bar.elements[0] else { Issue.record("bar is not a rectangle"); return }
    let image = try #require(decodePNG(try figure.pngData(scale: 2)))
    #expect(image.width == 400 && image.height == 300)
    let (red, green, b) = image.rgb(Int(r.midX * 2), Int(r.midY * 2))
    #expect(abs(red - 0x00) <= 2 && abs(green - 0x72) <= 2 && abs(b - 0xB2) <= 2)
    let corner = image.rgb(1, 1)
    #expect(corner == (255, 255, 255))
}

@Test func smallHeatmapsAreRectanglesInSVG() throws {
    let values = (0..<6).map { r in (0..<5).map { Double(r * 5 + $0) } }
    let figure = Figure(panel: Panel(marks: [.heatmap(HeatmapMark(values: values))]))
    let counts = try #require(svgElementCounts(try figure.svgData()))
    #expect(counts["image"] == 1)   // the colour bar only
    #expect((counts["path"] ?? 0) >= 30)
}

@Test func largeHeatmapsAreImagesInSVG() throws {
    let values = (0..<100).map { r in (0..<100).map { Double(r + $0) } }
    let counts = try #require(svgElementCounts(try Figure(panel: Panel(marks: [.heatmap(HeatmapMark(values: values))])).svgData()))
    #expect(counts["image"] == 2)
}

@Test func svgIdsAreRenumberedInOrder() {
    let svg = Data(##"<g id="glyph7-3"/><use xlink:href="#glyph7-3"/><g id="clip12"/><g clip-path="url(#clip12)"/><g id="glyph7-1"/>"##.utf8)
    let out = String(decoding: SVGIds.renumber([UInt8](svg)), as: UTF8.self)
    #expect(out == ##"<g id="glyph1"/><use xlink:href="#glyph1"/><g id="clip1"/><g clip-path="url(#clip1)"/><g id="glyph2"/>"##)
}

@Test func svgIdRenumberingKeepsEveryOtherByte() {
    // Text between ids, a `#` that starts no id, an id="..." Cairo did not number and an
    // id at the very end all come through untouched; a repeated id keeps its new number.
    let svg = ##"<svg fill="#ff0000"><g id="main"/><path d="M 1 2 Z"/><use href="#surface40"/><a href="#surface40">#</a>#clip9"##
    let out = String(decoding: SVGIds.renumber(Array(svg.utf8)), as: UTF8.self)
    #expect(out == ##"<svg fill="#ff0000"><g id="main"/><path d="M 1 2 Z"/><use href="#surface1"/><a href="#surface1">#</a>#clip1"##)
    #expect(SVGIds.renumber([]).isEmpty)
}

@Test func writeChoosesTheFormatByExtension() throws {
    let folder = try TemporaryFolder()
    let figure = twoSeriesFigure()
    for ext in ["png", "svg", "pdf"] {
        let url = folder.url.appendingPathComponent("f." + ext)
        try figure.write(to: url)
        let head = try Data(contentsOf: url).prefix(5)
        switch ext {
        case "png": #expect(head.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        case "svg": #expect(String(decoding: head, as: UTF8.self).hasPrefix("<?xml"))
        default: #expect(String(decoding: head, as: UTF8.self) == "%PDF-")
        }
    }
    #expect(try figure.pdfData() == figure.pdfData())
}

@Test func unicodeLabelsRender() throws {
    let figure = Figure(title: "η × β₁", panel: Panel(x: Axis(label: "learning rate η"), y: Axis(label: "β₁ × 10"),
                                                     marks: [.line(LineMark(x: [0, 1], y: [0, 1], label: "β₂ = 0.999"))]))
    let list = try figure.layout()
    #expect(list.texts(tagged: "title").first?.string == "η × β₁")
    // The title is drawn: the band of pixels at the top, where it sits, has dark ink.
    let png = try #require(decodePNG(try figure.pngData()))
    let title = try #require(list.texts(tagged: "title").first)
    let row = Int(title.at.y * Double(png.height) / figure.height)
    let ink = (0..<png.width).filter { x in
        (max(0, row - 20)...min(png.height - 1, row + 20)).contains { y in png.rgb(x, y).0 < 100 }
    }
    #expect(ink.count > 10)
}
