import Foundation
import Learning
import Notebook
import Plot

/// The figures of the optimiser sweep. Each optimiser keeps its colour in every figure of
/// the lesson.
enum OptimizerFigures {
    static let referenceColor = Color.gray

    /// The colour of a named optimiser (Okabe–Ito, in `OptimizerChoice.names` order).
    static func color(_ name: String) -> Color {
        let order = ["sgd", "momentum", "rmsprop", "adam", "adamw", "nesterov"]
        return Palette.okabeIto[(order.firstIndex(of: name) ?? 7) % Palette.okabeIto.count]
    }

    /// Mean, lowest and highest value at each index over several curves, as far as the
    /// shortest one goes.
    static func meanCurve(_ curves: [[Double]]) -> (mean: [Double], low: [Double], high: [Double]) {
        let n = curves.map(\.count).min() ?? 0
        guard !curves.isEmpty, n > 0 else { return ([], [], []) }
        var mean: [Double] = [], low: [Double] = [], high: [Double] = []
        for i in 0..<n {
            let v = curves.map { $0[i] }
            mean.append(v.reduce(0, +) / Double(v.count))
            low.append(v.min()!)
            high.append(v.max()!)
        }
        return (mean, low, high)
    }

    /// Final validation loss against learning rate (log-log), a line and seed band per
    /// optimiser, diverged rates marked at the top, the good ranges as bars under the curves.
    static func sensitivity(_ all: [RateSensitivity], suggestedRate: Double, data: String) -> Figure {
        let rates = all.first?.rates ?? []
        // The curves fill [floor, cap]; the bars sit in a strip below them.
        let finite = all.flatMap { s in s.rates.indices.map { s.lossSpread($0).low } }.filter(\.isFinite)
        let floor = (finite.min() ?? 0.3) * 0.9
        let cap = 4.0
        let span = Foundation.log10(cap / floor)
        let step = span * 0.07
        func barLevel(_ k: Int) -> Double { floor * Foundation.pow(10, -step * Double(k + 1)) }
        let bottom = floor * Foundation.pow(10, -step * (Double(all.count) + 1))
        let markerLevel = cap * Foundation.pow(10, -span * 0.03)
        var panel = Panel(x: Axis(label: "learning rate", scale: .log10,
                                  limits: (rates.first ?? 1e-5) / 1.4...(rates.last ?? 10) * 1.4),
                          y: Axis(label: "final validation loss (log scale)", scale: .log10, limits: bottom...cap),
                          legend: .outside)
        panel.add(.rule(RuleMark(.horizontal, at: Foundation.log(10), label: "chance: ln 10", color: referenceColor,
                                 width: 0.8, dash: [4, 3])))
        panel.add(.rule(RuleMark(.vertical, at: suggestedRate, label: "3e-4", color: referenceColor, width: 0.8, dash: [1, 2])))
        panel.add(.rule(RuleMark(.horizontal, at: floor, color: Color(hex: 0xBBBBBB), width: 0.6, dash: [])))
        for s in all {
            let color = color(s.name)
            let good = s.rates.indices.filter { s.meanLoss($0).isFinite }
            panel.add(.band(BandMark(x: good.map { s.rates[$0] }, lower: good.map { s.lossSpread($0).low },
                                     upper: good.map { s.lossSpread($0).high }, color: color, alpha: 0.18)))
            // NaN (a diverged seed) breaks the line, so the gap shows too.
            panel.add(.line(LineMark(x: s.rates, y: s.rates.indices.map(s.meanLoss), label: s.label, color: color,
                                     width: 1.8, marker: .circle)))
        }
        for (k, s) in all.enumerated() {
            let level = barLevel(k)
            let xs = s.rates.indices.filter { s.divergedCount($0) > 0 }.map { s.rates[$0] }
            if !xs.isEmpty {
                panel.add(.scatter(ScatterMark(x: xs, y: xs.map { _ in markerLevel * Foundation.pow(10, -span * 0.035 * Double(k)) },
                                               color: color(s.name),
                                               size: 6, alpha: 1, shape: .triangle)))
            }
            if let g = s.goodRange {
                panel.add(.line(LineMark(x: [g.low, g.high], y: [level, level], color: color(s.name), width: 5)))
                if let b = s.bestIndex {
                    panel.add(.scatter(ScatterMark(x: [s.rates[b]], y: [level], color: Color.white, size: 4, alpha: 1,
                                                   shape: .diamond)))
                }
            }
        }
        panel.add(.annotation(AnnotationMark("▲ diverged (at least one seed)",
                                             at: Point(Foundation.pow(10, Foundation.log10((rates.first ?? 1e-5) * (rates.last ?? 10)) / 2) / 2.5,
                                                       markerLevel * Foundation.pow(10, -span * 0.02)),
                                             color: referenceColor)))
        panel.add(.annotation(AnnotationMark("good ranges", at: Point(rates.first.map { $0 * 1.9 } ?? 1e-5,
                                                                        floor * Foundation.pow(10, -step * 0.45)),
                                             color: referenceColor)))
        return Figure(title: "How forgiving is each optimiser of its learning rate? (\(data))", width: 760, height: 440,
                      panel: panel)
    }

    /// Minibatch training loss and validation loss per epoch, each optimiser at its best rate.
    static func bestCurves(_ all: [RateSensitivity], bins: Int) -> Figure {
        var train = Panel(title: "training loss (minibatches)", x: Axis(label: "epoch"),
                          y: Axis(label: "cross-entropy loss", scale: .log10), legend: .topRight)
        var validation = Panel(title: "validation loss", x: Axis(label: "epoch"),
                               y: Axis(label: "cross-entropy loss", scale: .log10), legend: .topRight)
        for s in all {
            guard let b = s.bestIndex else { continue }
            let label = "\(s.label), rate \(RateGrid.label(s.rates[b]))"
            let color = color(s.name)
            let binned = meanCurve(s.trials[b].map(\.binLoss))
            let xb = binned.mean.indices.map { (Double($0) + 0.5) / Double(bins) }
            train.add(.band(BandMark(x: xb, lower: binned.low, upper: binned.high, color: color, alpha: 0.18)))
            train.add(.line(LineMark(x: xb, y: binned.mean, label: label, color: color, width: 1.6)))
            let v = meanCurve(s.trials[b].map(\.validationLoss))
            let xv = v.mean.indices.map(Double.init)
            validation.add(.band(BandMark(x: xv, lower: v.low, upper: v.high, color: color, alpha: 0.18)))
            validation.add(.line(LineMark(x: xv, y: v.mean, label: label, color: color, width: 1.8, marker: .circle)))
        }
        return Figure(title: "Each optimiser at its own best learning rate", width: 760, height: 340, columns: 2,
                      sharing: .y, panels: [train, validation])
    }
}

extension OptimizerFigures {
    /// The figures of an `activations` cell: the functions and their slopes, and each
    /// activation's training curves (mean over seeds, band from the lowest to the highest).
    static func activations(_ config: ActivationsExperiment.Config, runs byActivation: [[OptimizerTrial.Result]]) -> [NamedFigure] {
        let seeds = byActivation.first?.count ?? 0
        var trainPanel = Panel(title: "training loss (minibatches)", x: Axis(label: "epoch"),
                               y: Axis(label: "cross-entropy loss", scale: .log10))
        var accuracyPanel = Panel(title: "validation accuracy", x: Axis(label: "epoch"),
                                  y: Axis(label: "validation accuracy", format: .percent))
        accuracyPanel.add(.rule(RuleMark(.horizontal, at: config.target, label: "target", color: .gray, width: 0.8)))
        for (a, activation) in config.activations.enumerated() {
            let runs = byActivation[a]
            let accuracy = meanCurve(runs.map(\.validationAccuracy))
            let color = ActivationsExperiment.color(activation)
            let label = "\(activation.name) (\(config.initializers[a].name))"
            let binned = meanCurve(runs.map(\.binLoss))
            let xb = binned.mean.indices.map { (Double($0) + 0.5) / Double(config.bins) }
            trainPanel.add(.band(BandMark(x: xb, lower: binned.low, upper: binned.high, color: color, alpha: 0.15)))
            trainPanel.add(.line(LineMark(x: xb, y: binned.mean, label: label, color: color, width: 1.5)))
            let xv = accuracy.mean.indices.map(Double.init)
            accuracyPanel.add(.band(BandMark(x: xv, lower: accuracy.low, upper: accuracy.high, color: color, alpha: 0.15)))
            accuracyPanel.add(.line(LineMark(x: xv, y: accuracy.mean, label: label, color: color, width: 1.8, marker: .circle)))
        }
        let shape = config.model.hidden.map(String.init).joined(separator: "-")
        return [
            NamedFigure(name: "functions",
                        caption: "The activation functions compared (left) and their derivatives (right), which scale every gradient passing back through a layer.",
                        figure: activationFunctions(config.activations)),
            NamedFigure(name: "curves",
                        caption: "Training with \(config.training.optimizer.label(momentum: config.training.momentum)) at learning rate \(String(format: "%g", config.training.learningRate)), hidden layers \(shape): minibatch training loss (\(config.bins) bins per epoch) and validation accuracy after every epoch; mean over \(seeds) seeds, band from the lowest to the highest seed.",
                        figure: Figure(title: "The same network with three nonlinearities", width: 760, height: 340, columns: 2,
                                       panels: [trainPanel, accuracyPanel])),
        ]
    }

    static func activationFunctions(_ activations: [Activation]) -> Figure {
        let xs = stride(from: -3.0, through: 3.0, by: 0.02).map { $0 }
        var values = Panel(title: "f(x)", x: Axis(label: "x"), y: Axis(label: "f(x)"))
        var slopes = Panel(title: "f′(x)", x: Axis(label: "x"), y: Axis(label: "f′(x)"))
        for f in activations {
            let h = 1e-5
            values.add(.line(LineMark(x: xs, y: xs.map { f($0) }, label: f.name, color: ActivationsExperiment.color(f), width: 1.8)))
            slopes.add(.line(LineMark(x: xs, y: xs.map { (f($0 + h) - f($0 - h)) / (2 * h) }, label: f.name, color: ActivationsExperiment.color(f),
                                      width: 1.8)))
        }
        return Figure(title: "Activation functions and their slopes", width: 760, height: 300, columns: 2,
                      panels: [values, slopes])
    }
}

extension OptimizerFigures {
    /// The figures of an `lr-schedules` cell: each schedule's rates and losses at its best
    /// base rate, and the final loss against the base rate.
    static func schedules(_ config: LRSchedulesExperiment.Config, _ sweeps: [RateSensitivity], seeds: Int) -> [NamedFigure] {
        return [
            NamedFigure(name: "schedules",
                        caption: "Left: the learning rate of every step under each schedule, at the schedule's own best base rate. Middle and right: the minibatch training loss (\(config.bins) bins per epoch) and the validation loss after every epoch that those rates produce; mean over \(seeds) seeds, band from the lowest to the highest seed.",
                        figure: LRSchedulesExperiment.schedulesFigure(sweeps, config: config, stepsPerEpoch: config.stepsPerEpoch)),
            NamedFigure(name: "base-rates",
                        caption: "Final validation loss against the base learning rate for each schedule (mean over \(seeds) seeds; triangles: at least one seed diverged). The circled point of each line is its best base rate, used in the other figure.",
                        figure: LRSchedulesExperiment.baseRateFigure(sweeps)),
        ]
    }
}

extension OptimizerFigures {
    /// The figures of an `optimizer-sensitivity` cell: final loss against the rate with the
    /// good ranges, and each optimiser's curves at its best rate.
    static func sensitivityFigures(_ config: OptimizerSensitivityExperiment.Config, _ sensitivities: [RateSensitivity],
                                   seeds: Int, data: String) -> [NamedFigure] {
        return [
            NamedFigure(name: "sensitivity",
                        caption: "Final validation loss after \(config.training.epochs) epochs against the learning rate, one line per optimiser: the mean over \(seeds) seeds, the band from the lowest to the highest seed. Triangles at the top mark rates where at least one seed diverged. The bars under the curves (their height means nothing) are the good ranges: rates whose mean loss is within \(Int((config.tolerance * 100).rounded()))% of the optimiser's best. The dotted line is the learning rate the lecture suggests for Adam.",
                        figure: sensitivity(sensitivities, suggestedRate: config.suggestedRate, data: data)),
            NamedFigure(name: "curves",
                        caption: "Each optimiser at its own best learning rate: the minibatch training loss (mean over \(config.bins) bins per epoch) and the validation loss after every epoch; mean over seeds, band from the lowest to the highest seed.",
                        figure: bestCurves(sensitivities, bins: config.bins)),
        ]
    }
}
