import Foundation
import Testing
@testable import Plot

/// Two rows of three 2 × 2 images; image (r, c) is filled with the value 3r + c.
func imageGridFigure(rowLabels: [String]? = ["top", "bottom"], colorBar: Bool = false) -> Figure {
    let images = (0..<2).map { r in (0..<3).map { c in [Double](repeating: Double(3 * r + c), count: 4) } }
    return Figure(title: "Grid", panel: Panel(colorBarLabel: colorBar ? "value" : nil, marks: [
        .imageGrid(ImageGridMark(images: images, pixelWidth: 2, pixelHeight: 2, rowLabels: rowLabels,
                                 columnLabels: ["a", "b", "c"], showsColorBar: colorBar)),
    ]))
}

@Test func imageGridDrawsOneRasterPerImageWithRowZeroAtTheTop() throws {
    let list = try imageGridFigure().layout()
    let images = list.images.filter { $0.tag.hasPrefix("mark:") }
    #expect(images.count == 6)
    #expect(images.allSatisfy { $0.pixelWidth == 2 && $0.pixelHeight == 2 && !$0.smooth })
    // Drawn row by row: the first row's images lie above the second's, columns left to right.
    #expect(images[0].rect.y < images[3].rect.y)
    #expect(images[0].rect.x < images[1].rect.x && images[1].rect.x < images[2].rect.x)
    // Square pixels keep square images, whatever the cell's shape.
    #expect(abs(images[0].rect.width - images[0].rect.height) < 1e-9)
    // Grey scale: the lowest value white, the highest black.
    #expect(Array(images[0].rgba.prefix(3)) == [255, 255, 255])
    #expect(Array(images[5].rgba.prefix(3)) == [0, 0, 0])
    #expect(list.texts(tagged: "x.tick-label").map(\.string) == ["a", "b", "c"])
    #expect(list.texts(tagged: "y.tick-label").map(\.string).sorted() == ["bottom", "top"])
    #expect(list.images.filter { $0.tag == "colorbar" }.isEmpty)
    #expect(list.warnings.isEmpty)
}

@Test func imageGridShowsAColourBarOnlyWhenAskedAndNoLabelsWhenNoneAreGiven() throws {
    let list = try imageGridFigure(rowLabels: nil, colorBar: true).layout()
    #expect(list.images.filter { $0.tag == "colorbar" }.count == 1)
    #expect(list.texts(tagged: "y.tick-label").allSatisfy { $0.string.isEmpty })
}

@Test func imageGridLeavesMissingOrMisshapenImagesOut() throws {
    let images: [[[Double]]] = [[[0, 1, 2, 3], [0, 1]], [[1, 1, 1, 1]]]
    let list = try Figure(panel: Panel(marks: [.imageGrid(ImageGridMark(images: images, pixelWidth: 2, pixelHeight: 2))])).layout()
    #expect(list.images.filter { $0.tag.hasPrefix("mark:") }.count == 2)
}

@Test func imageGridIsDescribedInAltTextAndItsCSV() throws {
    let figure = imageGridFigure()
    #expect(figure.altText.contains("6 images of 2 × 2 pixels in 2 rows and 3 columns"))
    let csv = figure.dataCSV.split(separator: "\n")
    #expect(csv.filter { $0.contains(",image,") }.count == 6)
    #expect(csv.contains { $0.contains(",c,bottom,5") })
}

@Test func imageGridRendersToPNGWithInkWhereTheValuesAreHigh() throws {
    let list = try imageGridFigure().layout()
    let png = try list.image(scale: 1)
    #expect(png.width == 576 && png.height == 360)
    let darkest = list.images.filter { $0.tag.hasPrefix("mark:") }[5].rect
    let centre = png[Int(darkest.midX), Int(darkest.midY)]
    #expect(centre & 0xFF_FFFF < 0x0A_0A0A, "ARGB \(String(centre, radix: 16))")
}

@Test func imageGridEmbedsEachImageOnceInSVGScaledByTheNearestPixel() throws {
    let list = try imageGridFigure().layout()
    let svg = String(decoding: try list.svgData(), as: UTF8.self)
    // One embedded PNG per image, marked for crisp scaling, instead of a rectangle per pixel.
    #expect(svg.components(separatedBy: "<image ").count - 1 == 6)
    #expect(svg.components(separatedBy: "<image style=\"image-rendering:pixelated\" ").count - 1 == 6)
    #expect(svg.components(separatedBy: "data:image/png;base64,").count - 1 == 6)
    // A colour bar's smooth gradient is left to the viewer's smoothing.
    let barred = String(decoding: try imageGridFigure(colorBar: true).layout().svgData(), as: UTF8.self)
    #expect(barred.components(separatedBy: "<image ").count - 1 == 7)
    #expect(barred.components(separatedBy: "image-rendering:pixelated").count - 1 == 6)
}
