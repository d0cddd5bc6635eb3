import Testing
import Plot
@testable import Notebook

// A changed curve in a comparison is redrawn on the axes of the figure it came from.

@Test func aChangedCurveKeepsTheLogScalesItsSeriesDeclares() {
    let before = Series(x: [8, 16, 32, 64], y: [0.01, 0.02, 0.04, 0.08], xLabel: "batch size", yLabel: "best learning rate",
                        xScale: .log2, yScale: .log10)
    var after = before
    after.y = [0.01, 0.03, 0.05, 0.07]
    let figure = CurveFigure.figure(CurveRow(cell: "grid", name: "best_rate", series: [before, after]), legends: ["a", "b"])
    #expect(figure.panels[0].x.scale == .log2)
    #expect(figure.panels[0].y.scale == .log10)
}

@Test func aDeclaredLogScaleFallsBackToLinearWhenARunHasAZero() {
    let before = Series(x: [1, 2, 3], y: [1, 10, 100], xLabel: "step", yLabel: "loss", yScale: .log10)
    var after = before
    after.y = [1, 0, 100]
    let figure = CurveFigure.figure(CurveRow(cell: "c", name: "loss", series: [before, after]), legends: ["a", "b"])
    #expect(figure.panels[0].y.scale == .linear)
}

@Test func aSeriesWithoutDeclaredScalesIsDrawnByItsShape() {
    let before = Series(x: [1, 10, 1000], y: [5, 0.5, 0.001], xLabel: "features", yLabel: "test loss")
    var after = before
    after.y = [5, 0.6, 0.002]
    let figure = CurveFigure.figure(CurveRow(cell: "c", name: "test_loss", series: [before, after]), legends: ["a", "b"])
    #expect(figure.panels[0].x.scale == .log10)
    #expect(figure.panels[0].y.scale == .log10)
}
