import Foundation
import Notebook
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

extension OverfittingFigures {
    /// The figures of a `noisy-teacher` cell: the error curves of every ratio and the
    /// optimal stopping time against the ratio.
    static func noisyTeacher(_ config: NoisyTeacherExperiment.Config, _ ratios: [NoisyTeacherExperiment.RatioResult],
                             law: MarchenkoPastur) -> [NamedFigure] {
        [
            NamedFigure(name: "curves",
                        caption: "Test error E|w − w*|² / N (above the noise floor) of a linear student trained by gradient descent from w = 0 on n = \(config.examples) noisy examples in N = \(config.dimensions) dimensions (α = \(String(format: "%.2g", config.alpha))), step \(String(format: "%g", config.rate)), against training time (step × steps, log scale). Circles: simulation, mean over \(config.draws) teachers and noise draws. Dashed: the exact expected error for the sampled inputs. Solid: the large-N theory (Marchenko–Pastur). Large rings: each curve's minimum, the optimal stopping time.",
                        figure: teacherCurves(ratios, recorded: NoisyTeacherExperiment.recordedSteps(config.steps), rate: config.rate)),
            NamedFigure(name: "stopping",
                        caption: "Left: optimal stopping time against the signal-to-noise ratio (log–log). Line: large-N theory on a fine grid of ratios; dashed diamonds: exact formula for the sampled inputs; squares: simulation. Right: the simulated test error at the optimal stopping time and at the end of training (\(String(format: "%g", config.time)) time units), with the theory as lines.",
                        figure: teacherStopping(ratios, law: law, config: config)),
        ]
    }

    static func teacherColor(_ i: Int) -> Color { Palette.okabeIto[[5, 0, 2, 1, 4, 6, 3, 7][i % 8]] }

    static func teacherCurves(_ ratios: [NoisyTeacherExperiment.RatioResult], recorded: [Int], rate: Double) -> Figure {
        var panel = Panel(x: Axis(label: "training time (step size × steps, log scale)", scale: .log10),
                          y: Axis(label: "test error E|w − w*|² / N (log scale)", scale: .log10), legend: .outside)
        let shown = recorded.filter { $0 >= 1 }
        let times = shown.map { Double($0) * rate }
        let marks = shown.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        for (i, r) in ratios.enumerated() {
            let color = teacherColor(i)
            let name = "SNR \(String(format: "%g", r.snr))"
            panel.add(.line(LineMark(x: times, y: shown.map { r.limit[$0] }, label: "\(name), theory", color: color, width: 1.8)))
            panel.add(.line(LineMark(x: times, y: shown.map { r.exact[$0] }, color: color, width: 1.2, dash: [5, 3])))
            panel.add(.scatter(ScatterMark(x: marks.map { Double($0) * rate }, y: marks.map { r.simulation.mean[$0] },
                                           label: "\(name), simulation", color: color, size: 4, alpha: 0.9)))
            let b = r.bestSimulation
            if b.step >= 1 {
                panel.add(.scatter(ScatterMark(x: [Double(b.step) * rate], y: [b.error], color: color, size: 11, alpha: 0.35)))
            }
        }
        return Figure(title: "A noisy linear teacher: test error over training time", width: 900, height: 440, panel: panel)
    }

    static func teacherStopping(_ ratios: [NoisyTeacherExperiment.RatioResult], law: MarchenkoPastur, config: NoisyTeacherExperiment.Config) -> Figure {
        let lo = log10(config.snrs.first!) - 0.3, hi = log10(config.snrs.last!) + 0.3
        let grid = (0...40).map { pow(10, lo + (hi - lo) * Double($0) / 40) }
        let steps = config.steps
        var theoryTimes: [Double] = [], theoryBest: [Double] = [], theoryEnd: [Double] = []
        for snr in grid {
            let b = NoisyTeacher.bestStep(coarse: NoisyTeacherExperiment.recordedSteps(steps)) {
                law.expectedError(rate: config.rate, steps: Double($0), signal: 1, noise: 1 / snr)
            }
            theoryTimes.append(Double(max(b.step, 1)) * config.rate)
            theoryBest.append(b.error)
            theoryEnd.append(law.expectedError(rate: config.rate, steps: Double(steps), signal: 1, noise: 1 / snr))
        }
        let snrs = ratios.map(\.snr)
        var left = Panel(title: "optimal stopping time", x: Axis(label: "signal-to-noise ratio (log scale)", scale: .log10),
                         y: Axis(label: "optimal stopping time (log scale)", scale: .log10), legend: .topLeft)
        left.add(.line(LineMark(x: grid, y: theoryTimes, label: "theory (large N)", color: Palette.okabeIto[7], width: 1.8)))
        left.add(.line(LineMark(x: snrs, y: ratios.map { Double(max($0.bestExact.step, 1)) * config.rate },
                                label: "exact for the sampled X", color: Palette.okabeIto[0], width: 1.2, dash: [5, 3],
                                marker: .diamond)))
        left.add(.scatter(ScatterMark(x: snrs, y: ratios.map { Double(max($0.bestSimulation.step, 1)) * config.rate },
                                      label: "simulation", color: Palette.okabeIto[5], size: 6, alpha: 1, shape: .square)))
        var right = Panel(title: "test error at the stop and at the end", x: Axis(label: "signal-to-noise ratio (log scale)", scale: .log10),
                          y: Axis(label: "test error (log scale)", scale: .log10), legend: .topRight)
        right.add(.line(LineMark(x: grid, y: theoryEnd, label: "end of training, theory", color: Palette.okabeIto[5], width: 1.5)))
        right.add(.line(LineMark(x: grid, y: theoryBest, label: "optimal stop, theory", color: Palette.okabeIto[2], width: 1.5)))
        right.add(.scatter(ScatterMark(x: snrs, y: ratios.map { $0.simulation.mean[steps] }, label: "end, simulation",
                                       color: Palette.okabeIto[5], size: 6, alpha: 1, shape: .square)))
        right.add(.scatter(ScatterMark(x: snrs, y: ratios.map(\.bestSimulation.error), label: "optimal stop, simulation",
                                       color: Palette.okabeIto[2], size: 6, alpha: 1, shape: .square)))
        return Figure(title: "Where to stop, and what stopping buys, against the signal-to-noise ratio", width: 980, height: 400,
                      columns: 2, panels: [left, right])
    }
}

extension OverfittingFigures {
    /// The figures of a `label-noise` cell: validation loss and test error per noise
    /// level, and what the network fits of the clean and the corrupted examples.
    static func labelNoise(_ config: LabelNoiseExperiment.Config, _ levels: [LabelNoiseExperiment.Level]) -> [NamedFigure] {
        let seedsText = config.seeds == 1 ? "one run per level" : "mean of \(config.seeds) runs per level"
        return [
            NamedFigure(name: "validation",
                        caption: "Validation loss after every epoch (its labels corrupted at the same rate as the training labels; \(seedsText)) and the clean test error, for each share of corrupted labels. Rings: the epoch of lowest validation loss, where early stopping keeps the weights.",
                        figure: noiseValidation(levels)),
            NamedFigure(name: "memorisation",
                        caption: "For each noise level: accuracy on the training examples whose labels are intact, the share of corrupted examples the network predicts as their wrong label (memorised) or as their true label, and the clean test accuracy. The dashed line is the best epoch.",
                        figure: noiseMemorisation(levels)),
        ]
    }

    static func noiseColor(_ i: Int) -> Color { Palette.okabeIto[[2, 0, 1, 5, 4, 6, 3, 7][i % 8]] }

    static func noiseValidation(_ levels: [LabelNoiseExperiment.Level]) -> Figure {
        var loss = Panel(title: "validation loss", x: Axis(label: "epoch"), y: Axis(label: "cross-entropy loss"), legend: .topLeft)
        var test = Panel(title: "clean test error", x: Axis(label: "epoch"), y: Axis(label: "test error", format: .percent),
                         legend: .none)
        for (i, l) in levels.enumerated() {
            let color = noiseColor(i)
            let label = String(format: "%.0f%% corrupted", 100 * l.noise)
            let epochs = l.validationLoss.indices.map(Double.init)
            loss.add(.line(LineMark(x: epochs, y: l.validationLoss, label: label, color: color, width: 1.8)))
            loss.add(.scatter(ScatterMark(x: [Double(l.best)], y: [l.validationLoss[l.best]], color: color, size: 11, alpha: 0.45)))
            let error = l.testAccuracy.map { 1 - $0 }
            test.add(.line(LineMark(x: epochs, y: error, label: label, color: color, width: 1.8)))
            test.add(.scatter(ScatterMark(x: [Double(l.best)], y: [error[l.best]], color: color, size: 11, alpha: 0.45)))
        }
        return Figure(title: "Corrupted labels: when to stop", width: 980, height: 400, columns: 2, panels: [loss, test])
    }

    static func noiseMemorisation(_ levels: [LabelNoiseExperiment.Level]) -> Figure {
        let noisy = levels.filter { !$0.memorised.isEmpty }
        var panels: [Panel] = []
        // Every panel has the same entries, so the figure shows one legend for all.
        for l in noisy {
            var panel = Panel(title: String(format: "%.0f%% of labels corrupted", 100 * l.noise), x: Axis(label: "epoch"),
                              y: Axis(label: "share of examples", limits: 0...1, format: .percent))
            let epochs = l.clean.indices.map(Double.init)
            panel.add(.line(LineMark(x: epochs, y: l.clean, label: "clean training examples: correct", color: Palette.okabeIto[4], width: 1.8)))
            panel.add(.line(LineMark(x: epochs, y: l.memorised, label: "corrupted examples: wrong label memorised", color: Palette.okabeIto[5], width: 1.8)))
            panel.add(.line(LineMark(x: epochs, y: l.corruptedTrue, label: "corrupted examples: true class predicted", color: Palette.okabeIto[0], width: 1.4, dash: [5, 3])))
            panel.add(.line(LineMark(x: epochs, y: l.testAccuracy, label: "clean test images: correct", color: Palette.okabeIto[2], width: 1.4)))
            panel.add(.rule(RuleMark(.vertical, at: Double(l.best), color: Palette.okabeIto[7])))
            panels.append(panel)
        }
        return Figure(title: "Clean examples are fitted first, corrupted ones memorised later", width: 980,
                      height: 420, columns: max(noisy.count, 1), panels: panels)
    }
}

extension OverfittingFigures {
    /// The figures of a `regularization` cell: the width-by-dropout grid and the weight
    /// decay curve.
    static func regularization(_ config: RegularizationExperiment.Config, grid: [[RegularizationExperiment.Setting]],
                               decays: [RegularizationExperiment.Setting]) -> [NamedFigure] {
        let seedsText = config.seeds == 1 ? "one run each" : "mean of \(config.seeds) runs each"
        return [
            NamedFigure(name: "dropout",
                        caption: "Validation accuracy after the last of \(config.training.epochs) epochs (left) and at the epoch of lowest validation loss (right) for each hidden width and dropout rate (\(seedsText)). The printed values are the accuracies in percent.",
                        figure: dropoutGrid(config, final: grid.map { $0.map(\.final) }, best: grid.map { $0.map(\.best) })),
            NamedFigure(name: "weight-decay",
                        caption: "Validation accuracy after the last epoch and at the best epoch against the weight decay, at \(config.decayWidth) hidden units without dropout (\(seedsText)); no weight decay is drawn at the left edge, as a dashed line across.",
                        figure: weightDecay(config, decays: decays)),
        ]
    }

    static func dropoutGrid(_ c: RegularizationExperiment.Config, final: [[Double]], best: [[Double]]) -> Figure {
        // At least ten points of accuracy from one end of the colour bar to the other, so
        // that differences of a point (the size sampling alone produces) look as small as they are.
        let all = (final + best).flatMap { $0 }.filter(\.isFinite)
        let low = all.min() ?? 0, high = all.max() ?? 1
        let centre = (low + high) / 2, half = max((high - low) / 2, 0.05)
        let limits = max(centre - half, 0)...min(centre + half, 1)
        let columns = c.dropouts.map { String(format: "%g", $0) }
        let rows = c.widths.map(String.init)
        func panel(_ title: String, _ values: [[Double]]) -> Panel {
            Panel(title: title, x: Axis(label: "dropout rate"), y: Axis(label: "hidden units"),
                  colorBarLabel: "validation accuracy",
                  marks: [.heatmap(HeatmapMark(values: values.map { $0.map { 100 * $0 } }, rowLabels: rows, columnLabels: columns,
                                               firstRowAtTop: false, colorMap: .viridis,
                                               colorLimits: (100 * limits.lowerBound)...(100 * limits.upperBound),
                                               showValues: true, valueFormat: "%.1f"))])
        }
        return Figure(title: "Validation accuracy (%) by width and dropout rate", width: 900, height: 420, columns: 2,
                      panels: [panel("after the last epoch", final), panel("at the best epoch", best)])
    }

    static func weightDecay(_ c: RegularizationExperiment.Config, decays: [RegularizationExperiment.Setting]) -> Figure {
        let positive = c.weightDecays.indices.filter { c.weightDecays[$0] > 0 }
        var panel = Panel(x: Axis(label: "weight decay (log scale)", scale: .log10),
                          y: Axis(label: "validation accuracy", format: .percent), legend: .outside)
        let x = positive.map { c.weightDecays[$0] }
        panel.add(.line(LineMark(x: x, y: positive.map { decays[$0].final }, label: "after the last epoch",
                                 color: validationColor, width: 1.8, marker: .circle)))
        panel.add(.line(LineMark(x: x, y: positive.map { decays[$0].best }, label: "at the best epoch",
                                 color: testColor, width: 1.8, marker: .square)))
        panel.add(.rule(RuleMark(.horizontal, at: decays[0].final, label: "no decay, last epoch",
                                 color: validationColor)))
        panel.add(.rule(RuleMark(.horizontal, at: decays[0].best, label: "no decay, best epoch", color: testColor)))
        return Figure(title: "Validation accuracy against weight decay, \(c.decayWidth) hidden units", width: 820, height: 380,
                      panel: panel)
    }
}
