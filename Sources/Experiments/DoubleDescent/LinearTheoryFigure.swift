import Foundation
import Notebook
import Plot

/// The figure of `linear-theory`: simulated means (with two standard errors) as points and
/// the exact formula as a line, on a log scale, with the threshold marked.
struct LinearTheoryFigure {
    var config: LinearTheoryExperiment.Config
    var grid: [Int]
    var points: [LinearTheoryExperiment.Point]
    var formula: [Double]

    func named() -> NamedFigure {
        let n = config.train
        // The formula on a fine grid, broken (NaN) where it is infinite.
        let fine = Array(1...config.maxFeatures)
        let curve = fine.map { p -> Double in
            let (sIn, sOut) = LinearTheoryExperiment.signalSplit(config: config, p: p)
            return LinearRegressionRisk.expected(n: n, p: p, signalInModel: sIn, signalOutside: sOut,
                                                 noiseVariance: config.noise * config.noise) ?? .nan
        }
        let x = grid.map(Double.init)
        let low = points.map { max($0.mean - 2 * $0.standardError, $0.mean * 0.05) }
        let high = points.map { $0.mean + 2 * $0.standardError }
        let left = grid.indices.filter { grid[$0] < n }, right = grid.indices.filter { grid[$0] > n }
        let blue = Palette.okabeIto[0], black = Palette.okabeIto[7]
        var marks: [Mark] = []
        for side in [left, right] {
            marks.append(.band(BandMark(x: side.map { x[$0] }, lower: side.map { low[$0] }, upper: side.map { high[$0] }, color: blue)))
        }
        marks.append(.line(LineMark(x: fine.map(Double.init), y: curve, label: "exact formula", color: black)))
        marks.append(.scatter(ScatterMark(x: x, y: points.map(\.mean),
                                          label: "simulated mean (band: ±2 standard errors)",
                                          color: blue)))
        marks.append(.rule(RuleMark(.vertical, at: Double(n), label: "p = n", color: black)))
        let panel = Panel(x: Axis(label: "features in the model p"), y: Axis(label: "E |b − β|² (log scale)", scale: .log10),
                          legend: .topRight, marks: marks)
        let setting = config.setting == .wellSpecified
            ? "every feature that carries signal is in the model"
            : "the model sees the first p of \(config.maxFeatures) equally weighted features"
        return NamedFigure(name: "theory", caption:
            "Squared error of the fitted coefficients for n = \(n) examples, simulated with \(DoubleDescentText.grouped(config.draws)) draws per p (\(DoubleDescentText.grouped(config.drawsHighVariance)) for p ≤ 5 and within 8 of n, where single draws vary most), σ = \(config.noise), |β|² = \(config.signal) (\(setting)). Least squares for p < n, minimum-norm least squares for p > n; the formula is Belkin, Hsu and Xu's (2019) and is infinite for n − 1 ≤ p ≤ n + 1.",
            figure: Figure(title: "Linear regression: simulation against the exact formula", width: 600, height: 380, panel: panel))
    }
}
