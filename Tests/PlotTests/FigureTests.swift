import Foundation
import Testing
@testable import Plot

func twoSeriesFigure() -> Figure {
    let x = (0..<50).map(Double.init)
    return Figure(title: "Loss", panel: Panel(x: Axis(label: "epoch"), y: Axis(label: "loss"), marks: [
        .line(LineMark(x: x, y: x.map { exp(-$0 / 10) }, label: "train")),
        .line(LineMark(x: x, y: x.map { exp(-$0 / 20) + 0.1 }, label: "test")),
    ]))
}

@Test func lineChartHasTitleLegendAxesAndOneStrokePerSeries() throws {
    let list = try twoSeriesFigure().layout()
    #expect(list.texts(tagged: "title").map(\.string) == ["Loss"])
    #expect(list.texts(tagged: "legend.label").map(\.string) == ["train", "test"])
    #expect(list.texts(tagged: "x.label").map(\.string) == ["epoch"])
    #expect(list.texts(tagged: "y.label").map(\.string) == ["loss"])
    #expect(list.paths(tagged: "mark:train").count == 1)
    #expect(list.paths(tagged: "mark:test").count == 1)
    let moves = list.paths(tagged: "mark:train")[0].elements.filter { if case .move = $0 { return true } else { return false } }
    #expect(moves.count == 1)
    #expect(list.texts(tagged: "x.tick-label").count >= 3)
    #expect(list.texts(tagged: "y.tick-label").count >= 3)
    #expect(list.warnings.isEmpty)
}

@Test func clipsAreBalanced() throws {
    for item in Gallery.items {
        var depth = 0
        for p in try item.figure.layout().primitives {
            if case .pushClip = p { depth += 1 }
            if case .popClip = p { depth -= 1; #expect(depth >= 0) }
        }
        #expect(depth == 0, "\(item.name)")
    }
}

@Test func galleryTickLabelsNeverOverlapAndStayInsideTheFigure() throws {
    for item in Gallery.items {
        let list = try item.figure.layout()
        // X tick labels of one panel share a baseline: group them by it and check each row.
        var rows: [Int: [Rect]] = [:]
        for b in list.texts(tagged: "x.tick-label").map(\.bounds) { rows[Int(b.y.rounded()), default: []].append(b) }
        for (_, row) in rows { #expect(!overlapping(row), "\(item.name): x tick labels overlap") }
        // Y tick labels of one panel share a right edge.
        var columns: [Int: [Rect]] = [:]
        for b in list.texts(tagged: "y.tick-label").map(\.bounds) { columns[Int(b.maxX.rounded()), default: []].append(b) }
        for (_, column) in columns { #expect(!overlapping(column), "\(item.name): y tick labels overlap") }
        for t in list.texts() {
            #expect(t.bounds.x >= -1 && t.bounds.maxX <= list.width + 1, "\(item.name): '\(t.string)' leaves the figure")
            #expect(t.bounds.y >= -1 && t.bounds.maxY <= list.height + 1, "\(item.name): '\(t.string)' leaves the figure")
        }
    }
}

@Test func legendAvoidsTheData() throws {
    let x = (0..<50).map { Double($0) / 49 }
    // Rising curves leave the top-left corner free.
    let figure = Figure(panel: Panel(marks: [
        .line(LineMark(x: x, y: x.map { $0 * $0 }, label: "square")),
        .line(LineMark(x: x, y: x.map { $0 * $0 * $0 }, label: "cube")),
    ]))
    let list = try figure.layout()
    let legend = try #require(list.paths(tagged: "legend").first)
    guard case .rect(let box) = legend.elements[0] else { Issue.record("legend is not a box"); return }
    for path in list.paths() where path.tag.hasPrefix("mark:") {
        for e in path.elements { if case .line(let p) = e { #expect(!box.contains(p)) } }
    }
}

@Test func logScaleRejectsNonPositiveDataNamingTheSeries() {
    let figure = Figure(panel: Panel(x: Axis(scale: .log10), marks: [.line(LineMark(x: [0, 1, 10], y: [1, 2, 3], label: "sweep"))]))
    #expect(throws: PlotError.nonPositiveOnLogScale(series: "sweep", axis: "x", value: 0, count: 1)) { try figure.layout() }
    do { _ = try figure.layout() } catch { #expect("\(error)".contains("sweep")) }
}

@Test func mismatchedLengthsAreReported() {
    let figure = Figure(panel: Panel(marks: [.line(LineMark(x: [0, 1], y: [1], label: "short"))]))
    #expect(throws: PlotError.self) { try figure.layout() }
}

@Test func unknownExtensionIsAnError() throws {
    let folder = try TemporaryFolder()
    #expect(throws: PlotError.unsupportedFormat(path: folder.url.appendingPathComponent("f.gif").path)) {
        try twoSeriesFigure().write(to: folder.url.appendingPathComponent("f.gif"))
    }
}

@Test func groupedBarsDrawOneRectanglePerValue() throws {
    let figure = Figure(panel: Panel(marks: [.bars(BarsMark(categories: ["a", "b", "c"], series: [
        .init(label: "one", values: [1, 2, 3]), .init(label: "two", values: [2, 1, 0.5]),
    ]))]))
    let list = try figure.layout()
    #expect(list.paths(tagged: "mark:one").first?.elements.count == 3)
    #expect(list.paths(tagged: "mark:two").first?.elements.count == 3)
    #expect(list.texts(tagged: "x.tick-label").map(\.string) == ["a", "b", "c"])
}

@Test func heatmapShowsValuesAndMarksMissingCells() throws {
    let figure = Figure(panel: Panel(marks: [.heatmap(HeatmapMark(values: [[0.1, .nan], [0.5, 0.9]], rowLabels: ["8", "32"],
                                                                 columnLabels: ["0.1", "1"], showValues: true, missingLabel: "diverged"))]))
    let list = try figure.layout()
    #expect(list.texts(tagged: "cell-value").map(\.string).sorted() == ["0.10", "0.50", "0.90"])
    #expect(list.texts(tagged: "legend.label").map(\.string) == ["diverged"])
    #expect(!list.paths(tagged: "missing").isEmpty)
    #expect(list.images.first?.pixelWidth == 2)
    #expect(list.texts(tagged: "y.tick-label").map(\.string).sorted() == ["32", "8"])
    #expect(!list.texts(tagged: "colorbar.tick-label").isEmpty)
}

@Test func sharedAxesLabelOnlyOuterPanels() throws {
    let panels = (0..<4).map { k in Panel(x: Axis(label: "x"), y: Axis(label: "y"),
                                          marks: [.scatter(ScatterMark(x: [0, Double(k)], y: [0, Double(k * k)]))]) }
    let list = try Figure(width: 400, height: 400, columns: 2, sharing: .both, panels: panels).layout()
    #expect(list.texts(tagged: "x.label").count == 2)
    #expect(list.texts(tagged: "y.label").count == 2)
    // All panels share one y range, so every labelled panel shows the same tick labels.
    let ys = list.texts(tagged: "y.tick-label").map(\.string)
    #expect(Set(ys).count * 2 == ys.count)
}

@Test func equalAspectGivesEqualUnits() throws {
    let figure = Figure(width: 500, height: 300, panel: Panel(equalAspect: true, marks: [.scatter(ScatterMark(x: [0, 10], y: [0, 2]))]))
    let list = try figure.layout()
    let pts = try #require(list.markers().first?.points)
    let dx = abs(pts[1].x - pts[0].x) / 10, dy = abs(pts[1].y - pts[0].y) / 2
    #expect(abs(dx - dy) < 1e-6)
}

@Test func decisionBoundaryFollowsTheHalfLevel() throws {
    let region = RegionMark(xRange: -1...1, yRange: -1...1, resolution: 41) { x, _ in 1 / (1 + exp(-8 * x)) }
    let list = try Figure(panel: Panel(marks: [.regions(region)])).layout()
    let boundary = try #require(list.paths(tagged: "boundary").first)
    let xs = boundary.elements.compactMap { e -> Double? in
        switch e { case .move(let p), .line(let p): return p.x; default: return nil }
    }
    #expect(xs.count >= 2)
    #expect((xs.max()! - xs.min()!) < 0.5)
}

@Test func marchingSquaresTracesACircle() {
    let n = 61
    let values = (0..<n).map { r in (0..<n).map { c -> Double in
        let x = -1 + 2 * Double(c) / Double(n - 1), y = -1 + 2 * Double(r) / Double(n - 1)
        return x * x + y * y
    } }
    let lines = MarchingSquares.contour(values, level: 0.25, x0: -1, x1: 1, y0: -1, y1: 1)
    #expect(lines.count == 1)
    let line = lines[0]
    #expect(line.first == line.last)
    for p in line { #expect(abs(sqrt(p.x * p.x + p.y * p.y) - 0.5) < 0.01) }
}

@Test func colorMapsMatchTheirPublishedEnds() {
    func hex(_ c: Color) -> Int { Int((c.red * 255).rounded()) << 16 | Int((c.green * 255).rounded()) << 8 | Int((c.blue * 255).rounded()) }
    #expect(hex(ColorMap.viridis.color(at: 0)) == 0x440154)
    #expect(hex(ColorMap.viridis.color(at: 1)) == 0xFDE725)
    #expect(hex(ColorMap.magma.color(at: 0)) == 0x000004)
    #expect(hex(ColorMap.blueRed.color(at: 0.5)) == 0xF7F7F7)
    #expect(Palette.okabeIto.count == 8)
}

@Test func bandsTakeTheColourOfTheirLine() throws {
    let x = [0.0, 1, 2]
    for order in [true, false] {
        var marks: [Mark] = []
        for k in 0..<2 {
            let band = Mark.band(BandMark(x: x, mean: x.map { $0 + Double(k) }, spread: [0.1, 0.1, 0.1], label: "band \(k)"))
            let line = Mark.line(LineMark(x: x, y: x.map { $0 + Double(k) }, label: "line \(k)"))
            marks += order ? [band, line] : [line, band]
        }
        let list = try Figure(panel: Panel(marks: marks)).layout()
        for k in 0..<2 {
            let band = try #require(list.paths(tagged: "mark:band \(k)").first?.fill)
            let line = try #require(list.paths(tagged: "mark:line \(k)").first?.stroke)
            #expect(band.opacity(1) == line, "order \(order), series \(k)")
        }
    }
}

@Test(arguments: [160.0, 320.0, 640.0])
func barValueLabelsStayInsideThePlotArea(height: Double) throws {
    let figure = Figure(width: 320, height: height, panel: Panel(marks: [
        .bars(BarsMark(categories: ["a", "b", "c"], values: [50_240, -1_200, 170], showValues: true)),
    ]))
    let list = try figure.layout()
    let plot = try #require(list.primitives.compactMap { p -> Rect? in
        if case .pushClip(let r) = p { return r } else { return nil }
    }.first)
    let labels = list.texts(tagged: "bar-value")
    #expect(labels.map(\.string) == ["50,240", "\u{2212}1200", "170"])
    for label in labels {
        #expect(label.bounds.y >= plot.y && label.bounds.maxY <= plot.maxY, "\(label.string) at \(label.bounds), plot \(plot)")
    }
}

@Test func scatterMarkersOverARegionCarryTheThemeOutline() throws {
    let scatter: Mark = .scatter(ScatterMark(x: [0, 1], y: [0, 1], classes: [0, 1]))
    let region: Mark = .regions(RegionMark(xRange: -1...2, yRange: -1...2, resolution: 8) { x, _ in x > 0.5 ? 1 : 0 })
    let list = try Figure(panel: Panel(marks: [region, scatter])).layout()
    let points = list.markers().filter { $0.tag.hasPrefix("mark:") }
    #expect(points.count == 2)
    #expect(points.allSatisfy { $0.outline == .white && $0.outlineWidth > 0 })
    // On a plain panel the white ring would not show, so none is drawn.
    let plainPanel = try Figure(panel: Panel(marks: [scatter])).layout()
    #expect(plainPanel.markers().filter { $0.tag.hasPrefix("mark:") }.allSatisfy { $0.outline == nil })
    var plain = Theme.standard
    plain.markerOutline = nil
    let bare = try Figure(theme: plain, panel: Panel(marks: [region, scatter])).layout()
    #expect(bare.markers().filter { $0.tag.hasPrefix("mark:") }.allSatisfy { $0.outline == nil })
}
