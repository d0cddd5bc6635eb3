import Foundation
import Testing
@testable import Plot

func renders(_ figure: Figure) throws -> DisplayList {
    let list = try figure.layout()
    _ = try figure.pngData(scale: 1)
    _ = try figure.svgData()
    return list
}

@Test func emptySeriesSaysNoData() throws {
    let figure = Figure(panel: Panel(marks: [.line(LineMark(x: [], y: [], label: "none"))]))
    let list = try renders(figure)
    #expect(list.texts(tagged: "no-data").count == 1)
    #expect(figure.warnings.contains { $0.contains("none") })
}

@Test func panelWithoutMarksSaysNoData() throws {
    let list = try renders(Figure(panel: Panel()))
    #expect(list.texts(tagged: "no-data").count == 1)
}

@Test func figureWithoutPanelsSaysSo() throws {
    let list = try renders(Figure(title: "nothing"))
    #expect(list.texts(tagged: "no-data").count == 1)
}

@Test func onePointIsDrawnAsAMarkerWithARange() throws {
    let list = try renders(Figure(panel: Panel(marks: [.line(LineMark(x: [3], y: [0.7], label: "one"))])))
    #expect(list.markers(tagged: "mark:one").first?.points.count == 1)
    #expect(list.texts(tagged: "x.tick-label").count >= 2)
    #expect(list.texts(tagged: "y.tick-label").count >= 2)
}

@Test func constantSeriesGetsARange() throws {
    let list = try renders(Figure(panel: Panel(marks: [.line(LineMark(x: [0, 1, 2], y: [5, 5, 5]))])))
    #expect(list.texts(tagged: "y.tick-label").map(\.string).contains("5.0"))
}

@Test func zeroValuesConstantSeriesGetsARange() throws {
    let list = try renders(Figure(panel: Panel(marks: [.line(LineMark(x: [1, 1], y: [0, 0]))])))
    #expect(list.texts(tagged: "y.tick-label").count >= 2)
}

@Test func nonFiniteValuesAreSkippedAndCounted() throws {
    let figure = Figure(panel: Panel(marks: [.line(LineMark(x: [0, 1, 2, 3, 4], y: [1, .nan, 3, .infinity, 5], label: "gappy"))]))
    let list = try renders(figure)
    #expect(figure.warnings == ["gappy: skipped 2 non-finite values (NaN or infinity)"])
    #expect(list.warnings == figure.warnings)
    // Three separate runs, each a move.
    let moves = list.paths(tagged: "mark:gappy")[0].elements.filter { if case .move = $0 { return true } else { return false } }
    #expect(moves.count == 3)
}

@Test func allNonFiniteScatterDoesNotCrash() throws {
    let figure = Figure(panel: Panel(x: Axis(scale: .log10), marks: [.scatter(ScatterMark(x: [.nan, .infinity], y: [.nan, 1]))]))
    _ = try renders(figure)
    #expect(figure.warnings.count == 1)
}

@Test func zeroWidthLogRangeDoesNotCrash() throws {
    let list = try renders(Figure(panel: Panel(x: Axis(scale: .log2), y: Axis(scale: .log10), marks: [.line(LineMark(x: [8, 8], y: [1e-3, 1e-3]))])))
    #expect(list.texts(tagged: "x.tick-label").count >= 2)
    #expect(list.texts(tagged: "y.tick-label").count >= 2)
}

@Test func emptyHeatmapsAndTinyRegionsDrawWhatTheyCan() throws {
    let empty = Figure(panel: Panel(marks: [.heatmap(HeatmapMark(values: [])), .heatmap(HeatmapMark(values: [[]]))]))
    let emptyList = try renders(empty)
    #expect(empty.warnings.contains { $0.contains("no data to draw") }, "\(empty.warnings)")
    #expect(emptyList.texts(tagged: "cell-value").isEmpty)
    let single = Figure(panel: Panel(marks: [.regions(RegionMark(values: [[0.2]], xRange: 0...1, yRange: 0...1))]))
    _ = try renders(single)
    #expect(single.warnings.isEmpty, "\(single.warnings)")
    let labelled = try renders(Figure(panel: Panel(marks: [.heatmap(HeatmapMark(values: [[1, 1], [1, 1]], showValues: true))])))
    #expect(labelled.texts(tagged: "cell-value").count == 4)
    let missing = try renders(Figure(panel: Panel(marks: [.heatmap(HeatmapMark(values: [[.nan, .nan]]))])))
    #expect(!missing.paths(tagged: "missing").isEmpty)
}

@Test func tinyFigureIsAnErrorNotACrash() {
    #expect(throws: PlotError.self) { try Figure(width: 10, height: 10, panel: Panel()).layout() }
    #expect(throws: PlotError.self) { try Figure(width: 80, height: 60, columns: 4, panels: Array(repeating: Panel(x: Axis(label: "x")), count: 16)).layout() }
    #expect(throws: PlotError.self) { try twoSeriesFigure().pngData(scale: 0) }
}
