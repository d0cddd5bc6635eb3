import Foundation
import Notebook
import Plot

/// The figures of the batch-size lesson. Colours are the same in every figure: the
/// experiment in blue, the noisy quadratic model in vermillion, reference lines in grey.
enum BatchSizeFigures {
    static let experimentColor = Palette.okabeIto[0]
    static let theoryColor = Palette.okabeIto[3]
    static let referenceColor = Color.gray
    static let smallBatchColor = Palette.okabeIto[1]
    static let largeBatchColor = Palette.okabeIto[0]

    // MARK: Panels shared by the experiment and the theory

    /// Best learning rate against batch size (log-log) with a slope-1 line through the
    /// smallest batch size and, when given, the stability limit.
    static func bestRatePanel(title: String?, batchSizes: [Int], rates: [Double?], color: Color, label: String,
                              stabilityLimit: Double? = nil) -> Panel {
        let known = batchSizes.indices.filter { rates[$0] != nil }
        let x = known.map { Double(batchSizes[$0]) }
        let y = known.map { rates[$0]! }
        var panel = Panel(title: title, x: Axis(label: "batch size B", scale: .log2),
                          y: Axis(label: "best learning rate", scale: .log10), legend: .topLeft)
        if let x0 = x.first, let y0 = y.first, let x1 = batchSizes.last.map(Double.init) {
            var top = y.max() ?? y0
            if let s = stabilityLimit { top = max(top, s) }
            // The reference stops where it leaves the data's range, so it does not stretch the axis.
            let end = min(x1, x0 * 2 * top / y0)
            panel.add(.line(LineMark(x: [x0, end], y: [y0, y0 * end / x0], label: "slope 1 (rate ∝ B)",
                                     color: referenceColor, width: 1.2, dash: [5, 3])))
        }
        if let s = stabilityLimit {
            panel.add(.rule(RuleMark(.horizontal, at: s, label: "stability limit 2/h₁", color: referenceColor)))
        }
        panel.add(.line(LineMark(x: x, y: y, label: label, color: color, width: 2, marker: .circle)))
        return panel
    }

    /// Steps to target against batch size (log-log) with the perfect-scaling line, the
    /// fitted S_min (1 + B_crit / B) and the three regimes labelled.
    static func stepsPanel(title: String?, batchSizes: [Int], steps: [Double?], color: Color, label: String) -> Panel {
        let known = batchSizes.indices.filter { steps[$0] != nil }
        let x = known.map { Double(batchSizes[$0]) }
        let y = known.map { steps[$0]! }
        var panel = Panel(title: title, x: Axis(label: "batch size B", scale: .log2),
                          y: Axis(label: "steps to target", scale: .log10), legend: .bottomLeft)
        guard let x0 = x.first, let y0 = y.first, let xEnd = x.last, let yMin = y.min() else { return panel }
        // Perfect scaling: steps halve with every doubling of the batch, drawn down to the
        // fewest steps measured so the axis is not stretched.
        let perfectEnd = min(xEnd, x0 * y0 / (yMin * 0.55))
        panel.add(.line(LineMark(x: [x0, perfectEnd], y: [y0, y0 * x0 / perfectEnd], label: "perfect scaling (steps ∝ 1/B)",
                                 color: referenceColor, width: 1.2, dash: [5, 3])))
        if let fit = ScalingFit.fit(batchSizes: batchSizes, steps: steps) {
            let grid = (0...60).map { x0 * Foundation.pow(xEnd / x0, Double($0) / 60) }
            panel.add(.line(LineMark(x: grid, y: grid.map(fit.steps),
                                     label: String(format: "fit S_min (1 + B_crit/B), B_crit ≈ %.0f", fit.criticalBatch),
                                     color: color, width: 1, dash: [2, 2])))
            // Regimes: perfect scaling below B_crit / 2 (steps within 1.5x of the
            // perfect line), no further gain above 4 B_crit (within 1.25x of S_min).
            let lower = fit.criticalBatch / 2, upper = 4 * fit.criticalBatch
            func mid(_ a: Double, _ b: Double) -> Double { (a * b).squareRoot() }
            let octaves = Foundation.log2(xEnd / x0)
            // Keep a label's centre this far (in factors of the batch) from the panel's edges.
            let margin = Foundation.pow(2, octaves * 0.1)
            func clamp(_ v: Double) -> Double { min(max(v, x0 * margin), xEnd / margin) }
            if lower > x0 {
                panel.add(.rule(RuleMark(.vertical, at: lower, color: referenceColor, width: 0.8, dash: [1, 3])))
                panel.add(.annotation(AnnotationMark("perfect scaling", at: Point(clamp(mid(x0, lower)), y0 * 1.3))))
            }
            if upper < xEnd {
                panel.add(.rule(RuleMark(.vertical, at: upper, color: referenceColor, width: 0.8, dash: [1, 3])))
                panel.add(.annotation(AnnotationMark("no further gain", at: Point(clamp(mid(upper, xEnd)), yMin * 0.62))))
            }
            let middle = clamp(mid(max(lower, x0), min(upper, xEnd)))
            panel.add(.annotation(AnnotationMark("diminishing returns", at: Point(middle, fit.steps(middle) * 2.4))))
        }
        panel.add(.line(LineMark(x: x, y: y, label: label, color: color, width: 2, marker: .circle)))
        return panel
    }

    // MARK: Theory (noisy-quadratic)

    static func theory(outcome: NoisyQuadraticExperiment.Outcome, curves: [(batch: Int, rate: Double, loss: [Double])],
                       config: NoisyQuadraticExperiment.Config, metrics: [String: Double]) -> [NamedFigure] {
        let rate = bestRatePanel(title: nil, batchSizes: outcome.batchSizes, rates: outcome.bestRates,
                                 color: theoryColor, label: "best rate (theory)", stabilityLimit: outcome.stabilityLimit)
        let steps = stepsPanel(title: nil, batchSizes: outcome.batchSizes, steps: outcome.bestSteps,
                               color: theoryColor, label: "steps at the best rate (theory)")
        var curvePanel = Panel(x: Axis(label: "step", scale: .log10), y: Axis(label: "expected loss", scale: .log10),
                               legend: .bottomLeft)
        for (k, c) in curves.enumerated() {
            let points = c.loss.indices.dropFirst().filter { $0 < 30 || $0 % max(1, c.loss.count / 400) == 0 }
            curvePanel.add(.line(LineMark(x: points.map(Double.init), y: points.map { c.loss[$0] },
                                          label: String(format: "B = %d, rate %.3g", c.batch, c.rate),
                                          color: [Palette.okabeIto[1], Palette.okabeIto[2], Palette.okabeIto[5], Palette.okabeIto[4]][k % 4], width: 1.6)))
        }
        curvePanel.add(.rule(RuleMark(.horizontal, at: config.target, label: "target", color: referenceColor, dash: [4, 3])))
        return [
            NamedFigure(name: "best-rate",
                        caption: "Noisy quadratic model: the learning rate that reaches the target fastest grows in proportion to the batch size, then stops at the stability limit.",
                        figure: Figure(title: "Best learning rate against batch size (theory)", width: 480, height: 340, panel: rate)),
            NamedFigure(name: "steps",
                        caption: "Noisy quadratic model: steps to the target at the best learning rate. They halve with every doubling of the batch, then level off.",
                        figure: Figure(title: "Steps to target against batch size (theory)", width: 480, height: 340, panel: steps)),
            NamedFigure(name: "curves",
                        caption: "Expected loss of the noisy quadratic model per step, each batch size at its best learning rate.",
                        figure: Figure(title: "Expected loss per step (theory)", width: 480, height: 320, panel: curvePanel)),
        ]
    }

    // MARK: Experiment (batch-lr-grid)

    static func rateLabel(_ r: Double) -> String { String(format: "%.3g", r) }

    /// Heatmap of a budget measurement (mean over seeds) over batch size by learning rate;
    /// cells where any seed failed (diverged or collapsed, see `FailureRule`) are hatched.
    static func heatmap(_ values: [[Double]], batchSizes: [Int], rates: [Double], title: String, barLabel: String,
                        limits: ClosedRange<Double>?, format: String) -> Figure {
        Figure(title: title, width: 720, height: 380, panel: Panel(
            x: Axis(label: "learning rate"), y: Axis(label: "batch size"), colorBarLabel: barLabel,
            marks: [.heatmap(HeatmapMark(values: values, rowLabels: batchSizes.map(String.init),
                                         columnLabels: rates.map(rateLabel), colorMap: .viridis, colorLimits: limits,
                                         showValues: true, valueFormat: format, missingLabel: "a seed failed"))]))
    }

    /// Minibatch training loss of every step and validation loss at the measured steps,
    /// against epochs, for the small and the large batch of the noise pair.
    static func noise(small: (batch: Int, rate: Double, trial: SGDTrial.Result),
                      large: (batch: Int, rate: Double, trial: SGDTrial.Result), examples: Int) -> Figure {
        var panel = Panel(x: Axis(label: "epochs"), y: Axis(label: "cross-entropy loss", limits: 0...2.6), legend: .topRight)
        for (run, color) in [(small, smallBatchColor), (large, largeBatchColor)] {
            let perEpoch = Double(examples) / Double(run.batch)
            let t = run.trial
            panel.add(.line(LineMark(x: t.stepLosses.indices.map { Double($0 + 1) / perEpoch }, y: t.stepLosses,
                                     label: "B = \(run.batch), rate \(rateLabel(run.rate)): training (each step)",
                                     color: color.opacity(0.6), width: run.batch == small.batch ? 0.6 : 1.2)))
        }
        for (run, color) in [(small, smallBatchColor), (large, largeBatchColor)] {
            let perEpoch = Double(examples) / Double(run.batch)
            let t = run.trial
            panel.add(.line(LineMark(x: t.steps.map { Double($0) / perEpoch }, y: t.validationLoss,
                                     label: "B = \(run.batch): validation", color: color, width: 2, dash: [6, 3],
                                     marker: .circle)))
        }
        return Figure(title: "Loss per step: a small batch with a high rate, a large batch with a low one", width: 720, height: 380,
                      panel: panel)
    }

    /// Examples per second against batch size, and what that makes of the time to the
    /// target: steps to target times batch size over examples per second.
    static func throughput(batchSizes: [Int], rates: [Double], bestSteps: [Double?]) -> Figure {
        let known = batchSizes.indices.filter { rates[$0].isFinite && rates[$0] > 0 }
        let top = (known.map { rates[$0] }.max() ?? 1) * 1.15
        let speed = Panel(title: "examples processed per second", x: Axis(label: "batch size B", scale: .log2),
                          y: Axis(label: "examples per second", limits: 0...top, format: .si), legend: .none,
                          marks: [.line(LineMark(x: known.map { Double(batchSizes[$0]) }, y: known.map { rates[$0] },
                                                 color: experimentColor, width: 2, marker: .circle))])
        let timed = known.filter { bestSteps[$0] != nil }
        let seconds = timed.map { bestSteps[$0]! * Double(batchSizes[$0]) / rates[$0] }
        let time = Panel(title: "time to target at that speed", x: Axis(label: "batch size B", scale: .log2),
                         y: Axis(label: "seconds on one core", limits: 0...((seconds.max() ?? 1) * 1.15)), legend: .none,
                         marks: [.line(LineMark(x: timed.map { Double(batchSizes[$0]) }, y: seconds,
                                                color: experimentColor, width: 2, marker: .circle))])
        return Figure(title: "Training speed against batch size (plain SGD, one core)", width: 760, height: 320, columns: 2,
                      panels: [speed, time])
    }
}
