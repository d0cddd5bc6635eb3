import Foundation
import Testing
@testable import Plot

/// Layout tests on the recording canvas: what was drawn, in which order, under which
/// clip, without reading pixels.
@Suite struct CanvasTests {
    @Test func theCanvasGetsEveryPrimitiveInOrderInTheThemesFamily() throws {
        let canvas = RecordingCanvas()
        var theme = Theme.standard
        theme.fontFamily = "DejaVu Serif"
        var figure = twoSeriesFigure()
        figure.theme = theme
        let list = try canvas.draw(figure)
        #expect(canvas.calls.count == list.primitives.count)
        #expect(canvas.families == ["DejaVu Serif"])
        guard case .path(let background) = canvas.calls.first else { Issue.record("first call is not a path"); return }
        #expect(background.tag == "background")
        #expect(zip(canvas.calls, list.primitives).allSatisfy { call, primitive in
            switch (call, primitive) {
            case (.path, .path), (.markers, .markers), (.text, .text), (.image, .image), (.pushClip, .pushClip), (.popClip, .popClip): true
            default: false
            }
        })
    }

    @Test func layoutMeasuresTextWithTheCanvasItIsGiven() throws {
        let canvas = RecordingCanvas()
        let list = try canvas.draw(twoSeriesFigure())
        let title = try #require(list.texts(tagged: "title").first)
        #expect(title.bounds.width == Double("Loss".count) * title.size * RecordingCanvas.characterWidth)
    }

    @Test func marksAreDrawnInsideTheirPlotsClipAndAnnotationsOverTheAxes() throws {
        let x = (0..<20).map(Double.init)
        let figure = Figure(panel: Panel(marks: [
            .line(LineMark(x: x, y: x.map { $0 * $0 }, label: "square")),
            .annotation(AnnotationMark("steep", at: Point(15, 225), arrowTo: Point(18, 324))),
            .rule(RuleMark(.horizontal, at: 100, label: "budget")),
        ]))
        let canvas = RecordingCanvas()
        try canvas.draw(figure)
        let clips = canvas.clips
        func clip(of tag: String) -> [Rect?] {
            canvas.calls.indices.filter { RecordingCanvas.tag(canvas.calls[$0]) == tag }.map { clips[$0] }
        }
        let line = clip(of: "mark:square"), rule = clip(of: "mark:budget"), annotation = clip(of: "annotation")
        #expect(line.count == 1 && rule.count == 1 && annotation.count == 1)
        let plot = try #require(line.first ?? nil)
        #expect(rule == [plot])
        #expect(annotation == [nil])
        #expect(clip(of: "annotation.arrow").count == 2)
        // The annotation comes after its panel's clip is closed.
        let annotationAt = try #require(canvas.calls.firstIndex { RecordingCanvas.tag($0) == "annotation" })
        let closeAt = try #require(canvas.calls.firstIndex { if case .popClip = $0 { true } else { false } })
        #expect(closeAt < annotationAt)
    }

    @Test func markersGetRingsOnlyOverAColouredBackground() throws {
        let points = ScatterMark(x: [-0.5, 0, 0.5], y: [0.2, -0.3, 0.1], label: "points")
        let regions = RegionMark(xRange: -1...1, yRange: -1...1, resolution: 8) { x, y in x * y > 0 ? 1 : 0 }
        func outlines(_ marks: [Mark]) throws -> [Color?] {
            let canvas = RecordingCanvas()
            try canvas.draw(Figure(panel: Panel(marks: marks)))
            let markers = canvas.calls.compactMap { call -> MarkersItem? in
                if case .markers(let m) = call, m.tag == "mark:points" { return m } else { return nil }
            }
            return markers.map(\.outline)
        }
        #expect(try outlines([.scatter(points)]) == [nil])
        #expect(try outlines([.regions(regions), .scatter(points)]) == [Theme.standard.markerOutline])
        #expect(try outlines([.scatter(points), .regions(regions)]) == [nil])
    }

    @Test func everyGalleryFigureDrawsOnTheRecordingCanvasWithBalancedClips() throws {
        for item in Gallery.items {
            let canvas = RecordingCanvas()
            let list = try canvas.draw(item.figure)
            #expect(canvas.calls.count == list.primitives.count, "\(item.name)")
            let pushes = canvas.calls.filter { if case .pushClip = $0 { true } else { false } }.count
            let pops = canvas.calls.filter { if case .popClip = $0 { true } else { false } }.count
            #expect(pushes == pops && pushes >= item.figure.panels.count, "\(item.name)")
        }
    }

    @Test func theCairoCanvasMeasuresAsLayoutDoes() throws {
        let canvas = try CairoCanvas(width: 100, height: 100, format: .svg)
        canvas.fontFamily = Theme.standard.fontFamily
        let layout = Theme.standard.textMeasurer
        for (text, size, bold) in [("loss", 10.0, false), ("Width against depth", 14, true)] {
            #expect(canvas.width(text, size: size, bold: bold) == layout.width(text, size: size, bold: bold))
            #expect(canvas.width(text, size: size, bold: bold) > 0)
        }
    }
}
