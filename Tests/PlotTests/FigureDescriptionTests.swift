import Foundation
import Testing
@testable import Plot

@Test(arguments: [(0.4213, "0.421"), (2.2e-3, "0.0022"), (2.2e-4, "2.2e-4"), (1234.5, "1230"), (123456, "1.23e5"),
                  (0, "0"), (-0.5, "-0.5"), (1, "1"), (9.996e-5, "1e-4")])
func numbersInAltTextHaveThreeSignificantDigits(_ value: Double, _ text: String) {
    #expect(Figure.describe(value) == text)
}

@Test func altTextNamesAxesSeriesRangesAndTheRealExtremes() {
    let rates = [1e-4, 1e-3, 2.2e-3, 1e-2, 1e-1]
    let figure = Figure(title: "Final validation loss", panel: Panel(
        x: Axis(label: "learning rate", scale: .log10), y: Axis(label: "validation loss"),
        marks: [.line(LineMark(x: rates, y: [2.1, 0.9, 0.61, 0.8, 2.3], label: "SGD")),
                .line(LineMark(x: rates, y: [1.5, 0.5, 0.4213, 0.7, 1.9], label: "Adam"))]))
    let alt = figure.altText
    #expect(alt.hasPrefix("Final validation loss. Validation loss against learning rate"), "\(alt)")
    #expect(alt.contains("for SGD and Adam"), "\(alt)")
    #expect(alt.contains("x from 1e-4 to 0.1, y from 0.421 to 2.3"), "\(alt)")
    #expect(alt.contains("each curve falls, then rises"), "\(alt)")
    #expect(alt.contains("lowest 0.421 (Adam at learning rate 0.0022)"), "\(alt)")
    #expect(alt.contains("highest 2.3 (SGD at learning rate 0.1)"), "\(alt)")
}

@Test func barsAndHeatmapsAreDescribedByTheirCategoriesAndCells() {
    let figure = Figure(title: "Grid", panels: [
        Panel(title: "Best", y: Axis(label: "accuracy"),
              marks: [.bars(BarsMark(categories: ["small", "large"], values: [0.8, 0.93]))]),
        Panel(title: "Loss", x: Axis(label: "batch"), y: Axis(label: "rate"), colorBarLabel: "loss",
              marks: [.heatmap(HeatmapMark(values: [[1, 2], [3, .nan]], rowLabels: ["a", "b"], columnLabels: ["16", "32"]))]),
    ])
    let alt = figure.altText
    #expect(alt.contains("Best: bars of accuracy for small and large; lowest 0.8 (small), highest 0.93 (large)."), "\(alt)")
    #expect(alt.contains("heatmap of loss over 2 rate rows and 2 batch columns; lowest 1 (rate a, batch 16), highest 3 (rate b, batch 16); 1 missing"), "\(alt)")
}

@Test func theDataCSVHoldsEveryPlottedPoint() {
    let figure = Figure(panel: Panel(marks: [.line(LineMark(x: [0, 1], y: [0.5, 0.25], label: "train, seed 1")),
                                             .band(BandMark(x: [0], lower: [0.1], upper: [0.2]))]))
    #expect(figure.dataCSV == """
    panel,mark,series,x,y,value
    1,line,"train, seed 1",0,0.5,
    1,line,"train, seed 1",1,0.25,
    1,band lower,,0,0.1,
    1,band upper,,0,0.2,

    """)
}
