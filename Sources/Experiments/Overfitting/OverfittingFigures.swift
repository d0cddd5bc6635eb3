import Foundation
import Plot

/// Figure pieces the overfitting lesson's network kinds share.
enum OverfittingFigures {
    static let trainColor = Palette.okabeIto[4]
    static let validationColor = Palette.okabeIto[5]
    static let testColor = Palette.okabeIto[2]
    static let shadeColor = Palette.okabeIto[1]

    /// Mean curves over seeds (see `OptimizerFigures.meanCurve`).
    static func mean(_ curves: [[Double]]) -> [Double] { OptimizerFigures.meanCurve(curves).mean }

    /// The epoch of the lowest value of a curve (the first of equals).
    static func argmin(_ curve: [Double]) -> Int {
        var best = 0
        for (e, v) in curve.enumerated() where v < curve[best] { best = e }
        return best
    }

    /// Shades the epochs after `best` up to `last` over the range `low...high` of a panel:
    /// the overfitting region, where the validation loss only rises from its minimum.
    static func shadeOverfitting(_ panel: inout Panel, best: Int, last: Int, low: Double, high: Double, label: String?) {
        guard last > best else { return }
        panel.add(.band(BandMark(x: [Double(best), Double(last)], lower: [low, low], upper: [high, high], label: label,
                                 color: shadeColor, alpha: 0.14)))
    }

    /// The training and validation curves of one network: loss (log scale) on the left,
    /// accuracy on the right, the best validation epoch as a dashed line and the epochs
    /// after it shaded.
    static func learningCurves(title: String, trainLoss: [Double], validationLoss: [Double], trainAccuracy: [Double],
                               validationAccuracy: [Double], testAccuracy: [Double]) -> Figure {
        let best = argmin(validationLoss)
        let last = validationLoss.count - 1
        let epochs = validationLoss.indices.map(Double.init)
        let losses = (trainLoss + validationLoss).filter { $0.isFinite && $0 > 0 }
        let lossLow = (losses.min() ?? 1e-3) * 0.7, lossHigh = (losses.max() ?? 3) * 1.3
        var loss = Panel(title: "loss", x: Axis(label: "epoch"), y: Axis(label: "cross-entropy loss (log scale)", scale: .log10,
                                                                          limits: lossLow...lossHigh), legend: .bottomLeft)
        shadeOverfitting(&loss, best: best, last: last, low: lossLow, high: lossHigh, label: "after the best epoch: overfitting")
        loss.add(.line(LineMark(x: epochs, y: trainLoss, label: "training", color: trainColor, width: 1.8)))
        loss.add(.line(LineMark(x: epochs, y: validationLoss, label: "validation", color: validationColor, width: 1.8)))
        loss.add(.rule(RuleMark(.vertical, at: Double(best), label: "best epoch \(best)", color: Palette.okabeIto[7])))
        loss.add(.scatter(ScatterMark(x: [Double(best)], y: [validationLoss[best]], color: validationColor, size: 9, alpha: 1)))
        var accuracy = Panel(title: "accuracy", x: Axis(label: "epoch"), y: Axis(label: "accuracy", limits: 0...1, format: .percent),
                             legend: .bottomRight)
        shadeOverfitting(&accuracy, best: best, last: last, low: 0, high: 1, label: nil)
        accuracy.add(.line(LineMark(x: epochs, y: trainAccuracy, label: "training", color: trainColor, width: 1.8)))
        accuracy.add(.line(LineMark(x: epochs, y: validationAccuracy, label: "validation", color: validationColor, width: 1.8)))
        accuracy.add(.line(LineMark(x: epochs, y: testAccuracy, label: "test", color: testColor, width: 1.2, dash: [5, 3])))
        accuracy.add(.rule(RuleMark(.vertical, at: Double(best), color: Palette.okabeIto[7])))
        return Figure(title: title, width: 980, height: 400, columns: 2, panels: [loss, accuracy])
    }

    /// Rounds to 3 decimals for tables.
    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
