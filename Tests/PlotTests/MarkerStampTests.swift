import CCairo
import Foundation
import Testing
@testable import Plot

/// A white background under `items`, as every figure's layout paints first.
private func page(width: Double, height: Double, _ items: [Primitive]) -> DisplayList {
    let background = PathItem(elements: [.rect(Rect(x: 0, y: 0, width: width, height: height))], fill: .white, stroke: nil,
                              lineWidth: 0, dash: [], round: false, tag: "background")
    return DisplayList(width: width, height: height, primitives: [.path(background)] + items, warnings: [])
}

/// A white page with one markers item of every shape (two with rings), clipped to a box
/// that cuts through some markers, at a scale that puts centres between pixels.
private func markerPage() -> DisplayList {
    let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond]
    var primitives: [Primitive] = [.pushClip(Rect(x: 10, y: 10, width: 180, height: 100))]
    for (row, shape) in shapes.enumerated() {
        let points = (0..<12).map { Point(8 + 15.3 * Double($0), 20 + 25.7 * Double(row)) }
        let ring = row % 2 == 0
        primitives.append(.markers(MarkersItem(points: points, shape: shape, size: 7, fill: Color(hex: 0x1F77B4, alpha: row == 1 ? 0.6 : 1),
                                               outline: ring ? .white : nil, outlineWidth: ring ? 0.8 : 0, tag: "mark")))
    }
    primitives.append(.popClip)
    return page(width: 200, height: 120, primitives)
}

@Test func stampedMarkersLookLikeCairosPaths() throws {
    let list = markerPage()
    let paths = try CairoCanvas.raster(list, scale: 1.37, markers: .paths)
    let stamps = try CairoCanvas.raster(list, scale: 1.37, markers: .stamps)
    #expect(paths.width == stamps.width && paths.height == stamps.height)
    var total = 0, worst = 0
    for (p, q) in zip(paths.pixels, stamps.pixels) {
        for shift in [0, 8, 16] as [UInt32] {
            let d = abs(Int((p >> shift) & 0xFF) - Int((q >> shift) & 0xFF))
            total += d
            worst = max(worst, d)
        }
    }
    let mean = Double(total) / Double(3 * paths.pixels.count)
    // Only rims differ (centres move by at most an eighth of a pixel), never a whole marker.
    #expect(mean < 1.5, "mean change \(mean)")
    #expect(worst < 160, "largest change \(worst)")
    // Nothing is drawn outside the clip box.
    let clipRight = Int((190 * 1.37).rounded(.up)) + 1
    for y in 0..<stamps.height {
        for x in clipRight..<stamps.width where stamps.pixels[y * stamps.width + x] != 0x00FF_FFFF {
            Issue.record("pixel \(x), \(y) outside the clip is drawn")
        }
    }
}

@Test func stampsPutEveryMarkerCentreInItsColour() throws {
    let points = (0..<20).map { Point(5.5 + 9.1 * Double($0), 10.25 + 3.3 * Double($0 % 7)) }
    let list = page(width: 200, height: 40, [.markers(MarkersItem(points: points, shape: .circle, size: 4, fill: Color(hex: 0xD62728), tag: "mark"))])
    let image = try CairoCanvas.raster(list, scale: 2, markers: .stamps)
    for p in points {
        let pixel = image.pixels[Int(p.y * 2) * image.width + Int(p.x * 2)]
        #expect(pixel == 0xD62728, "centre of \(p) is \(String(pixel, radix: 16))")
    }
}

@Test func markersOffTheSurfaceAreSkippedAndEdgeMarkersCut() throws {
    let stamps = MarkerStamps(radius: 3, scaleX: 1, scaleY: 1) { cr in
        CairoCanvas.addMarker(cr, shape: .circle, x: 0, y: 0, radius: 3)
        CairoCanvas.paintDiscs(cr, width: 6, preserve: false)
    }
    #expect(stamps.mask(at: [(x: -50, y: 5), (x: 5, y: 500), (x: .nan, y: 1)], width: 40, height: 30) == nil)
    let edge = try #require(stamps.mask(at: [(x: 0.3, y: 29.9)], width: 40, height: 30))
    defer { cairo_surface_destroy(edge.surface) }
    #expect(edge.x == 0 && edge.y + Int(cairo_image_surface_get_height(edge.surface)) == 30)
}

@Test func circleMarkersAreOnePointSubpathsInSVGAndDotsInPNG() throws {
    let points = (0..<30).map { Point(10 + 6 * Double($0), 20) }
    let list = page(width: 200, height: 40, [.markers(MarkersItem(points: points, shape: .circle, size: 3, fill: .black, tag: "mark"))])
    let svg = String(decoding: try list.svgData(), as: UTF8.self)
    let marks = try #require(svg.components(separatedBy: "d=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        .first { $0.filter { $0 == "Z" }.count == points.count })
    #expect(!marks.contains("L"), "\(marks.prefix(80))")
    // Cairo strokes such a subpath as a round dot, on the path route as on the stamps.
    let image = try CairoCanvas.raster(list, scale: 1, markers: .paths)
    for p in points { #expect(image.pixels[Int(p.y) * image.width + Int(p.x)] == 0) }
}
