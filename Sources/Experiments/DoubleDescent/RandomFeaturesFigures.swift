import Foundation
import Notebook
import Plot

/// The figures of `random-features`. Colours are fixed by meaning across figures: test in
/// blue, training in orange, ridge penalties and noise levels in the palette's order.
struct RandomFeaturesFigures {
    var summary: RandomFeaturesSummary
    var testLoss: (median: [Double], low: [Double], high: [Double])
    var trainLoss: (median: [Double], low: [Double], high: [Double])
    var testError: (median: [Double], low: [Double], high: [Double])
    var norm: (median: [Double], low: [Double], high: [Double])

    static let testColor = Palette.okabeIto[0]
    static let trainColor = Palette.okabeIto[1]
    static let sequence = [Palette.okabeIto[7], Palette.okabeIto[0], Palette.okabeIto[2], Palette.okabeIto[3],
                           Palette.okabeIto[4], Palette.okabeIto[5]]

    var x: [Double] { summary.x }
    var n: Double { Double(summary.n) }
    var featureName: String { summary.config.features == .relu ? "ReLU" : "Fourier" }
    var seeds: Int { summary.results.count }

    var threshold: Mark { .rule(RuleMark(.vertical, at: n, label: "interpolation threshold", color: .black)) }
    var xAxis: Axis { Axis(label: "random \(featureName) features p (log scale)", scale: .log10) }

    func all() -> [NamedFigure] {
        var figures = [lossFigure(), normFigure()]
        if summary.penalties.count > 1 { figures.append(ridgeFigure()) }
        if summary.levels.count > 1 { figures.append(noiseFigure()) }
        return figures
    }

    /// Test and training squared loss (linear scale, clipped so the descents stay legible;
    /// the peak's height is written on the panel), and the test classification error.
    func lossFigure() -> NamedFigure {
        let reference = [testLoss.median.first ?? 1, testLoss.median.last ?? 1, trainLoss.median.first ?? 1].filter(\.isFinite).max() ?? 1
        let cap = niceCeiling(3 * reference)
        let clip = { (v: [Double]) in v.map { Swift.min($0, cap * 1.5) } }
        let peak = summary.argmax(testLoss.median)
        var lossMarks: [Mark] = [
            .band(BandMark(x: x, lower: clip(testLoss.low), upper: clip(testLoss.high), color: Self.testColor)),
            .line(LineMark(x: x, y: clip(testLoss.median), label: "test", color: Self.testColor, marker: .circle)),
            .line(LineMark(x: x, y: trainLoss.median, label: "training", color: Self.trainColor, marker: .circle)),
            threshold,
        ]
        if testLoss.median[peak] > cap {
            // Two short lines, so the text stays inside the panel left of the threshold.
            lossMarks.append(.annotation(AnnotationMark("peak off the scale at p = \(DoubleDescentText.grouped(summary.grid[peak])):",
                                                        at: Point(n / 4, cap * 0.70))))
            lossMarks.append(.annotation(AnnotationMark("median \(format(testLoss.median[peak])), seeds \(format(testLoss.low[peak]))–\(format(testLoss.high[peak]))",
                                                        at: Point(n / 4, cap * 0.62))))
        }
        let lossPanel = Panel(title: "squared loss", x: xAxis, y: Axis(label: "squared loss per example", limits: 0...cap),
                              legend: .topLeft, marks: lossMarks)
        let errorPanel = Panel(title: "test classification error", x: xAxis, y: Axis(label: "fraction misclassified", limits: 0...1),
                               legend: .none,
                               marks: [
                                   .band(BandMark(x: x, lower: testError.low, upper: testError.high, color: Self.testColor)),
                                   .line(LineMark(x: x, y: testError.median, label: "test (median, band: min–max)", color: Self.testColor, marker: .circle)),
                                   .rule(RuleMark(.horizontal, at: 1 - 1 / Double(summary.task.classCount), label: "chance", color: Palette.okabeIto[7])),
                                   threshold,
                               ])
        let figure = Figure(title: "Double descent: \(featureName) random features, minimum-norm fit on \(summary.task.name)",
                            width: 840, height: 360, columns: 2, panels: [lossPanel, errorPanel])
        return NamedFigure(name: "loss", caption:
            "Test and training loss against the number of random features p for n = \(DoubleDescentText.grouped(summary.n)) training examples. Lines are medians over \(seeds) seeds of the features, bands run from the lowest to the highest seed; the vertical line marks p = n, where the model can first fit every training example exactly.",
            figure: figure)
    }

    func normFigure() -> NamedFigure {
        let panel = Panel(x: xAxis, y: Axis(label: "norm of the fitted coefficients (log scale)", scale: .log10), legend: .topLeft, marks: [
            .band(BandMark(x: x, lower: norm.low, upper: norm.high, color: Self.testColor)),
            .line(LineMark(x: x, y: norm.median, label: "minimum-norm fit (median, band: min–max)", color: Self.testColor, marker: .circle)),
            threshold,
        ])
        return NamedFigure(name: "norm", caption:
            "Euclidean norm of the read-out coefficients (features scaled by 1/√p). Just below the threshold the least-squares fit needs huge coefficients to get close to every point; past it, more features give more ways to interpolate and the minimum-norm solution picks ever smaller ones.",
            figure: Figure(title: "Size of the fitted coefficients", width: 600, height: 360, panel: panel))
    }

    func ridgeFigure() -> NamedFigure {
        let curves = summary.penalties.enumerated().map { pi, lambda in
            (label: pi == 0 ? "λ = 0 (minimum norm)" : "λ = \(format(lambda))", y: summary.median(\.testLoss, penalty: pi))
        }
        return testLossFigure("ridge", title: "Ridge regression flattens the peak", curves: curves, caption:
            "Test loss for ridge penalties λ (on features scaled by 1/√p), median over \(seeds) seeds. The penalty caps the size of the coefficients, so the fit no longer chases every training point near p = n and the peak shrinks as λ grows.")
    }

    func noiseFigure() -> NamedFigure {
        let order = summary.levels.indices.sorted { summary.levels[$0] < summary.levels[$1] }
        let curves = order.map { level in
            (label: "\(Int((summary.levels[level] * 100).rounded()))% of training labels random",
             y: summary.median(\.testLoss, level: level))
        }
        return testLossFigure("noise", title: "Label noise raises the peak", curves: curves, caption:
            "Test loss (against the clean test labels) when a fraction of the training labels is replaced by random classes, median over \(seeds) seeds. Interpolating the noise costs most where the fit is most fragile: near p = n.")
    }

    /// Test loss against p, one line per curve in the sequence's colours, and the
    /// interpolation threshold: the ridge and label-noise figures.
    func testLossFigure(_ name: String, title: String, curves: [(label: String, y: [Double])], caption: String) -> NamedFigure {
        var marks: [Mark] = curves.enumerated().map { i, curve in
            .line(LineMark(x: x, y: curve.y, label: curve.label, color: Self.sequence[i % Self.sequence.count], marker: .circle))
        }
        marks.append(threshold)
        let panel = Panel(x: xAxis, y: Axis(label: "test squared loss (log scale)", scale: .log10), legend: .topLeft, marks: marks)
        return NamedFigure(name: name, caption: caption, figure: Figure(title: title, width: 600, height: 380, panel: panel))
    }

    func niceCeiling(_ v: Double) -> Double {
        guard v > 0, v.isFinite else { return 1 }
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(v)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= v { return step * magnitude }
        return 10 * magnitude
    }

    func format(_ v: Double) -> String {
        if v >= 100 { return DoubleDescentText.grouped(Int(v.rounded())) }
        if v >= 1 { return String(format: "%.1f", v) }
        return String(format: "%g", v)
    }
}
