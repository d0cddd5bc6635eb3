import Foundation
import Learning
import Notebook
import Plot

/// The figures of the initialisation experiment: one colour per initialisation in all of them.
enum InitializationFigures {
    static func color(_ k: Int) -> Color {
        [Palette.okabeIto[5], Palette.okabeIto[2], Palette.okabeIto[0], Palette.okabeIto[3], Palette.okabeIto[4],
         Palette.okabeIto[1]][k % 6]
    }

    /// Activation and gradient spread against depth, a column per activation.
    static func spread(config: InitializationExperiment.Config, spreads: [LayerSpreadTrial.Result]) -> Figure {
        let layers = (1...config.depth).map(Double.init)
        var top: [Panel] = [], bottom: [Panel] = []
        for (a, activation) in config.activations.enumerated() {
            var forward = Panel(title: "\(activation.name): activations", x: Axis(label: "hidden layer"),
                                y: Axis(label: "standard deviation", scale: .log10))
            var backward = Panel(title: "\(activation.name): back-propagated gradients", x: Axis(label: "hidden layer"),
                                 y: Axis(label: "standard deviation", scale: .log10))
            for (k, label) in config.labels.enumerated() {
                let s = spreads[a * config.labels.count + k]
                let name = "\(label) (\(config.initializers[k].name))"
                forward.add(.line(LineMark(x: layers, y: s.activationSpread, label: name, color: color(k), width: 1.8,
                                           marker: .circle)))
                backward.add(.line(LineMark(x: layers, y: s.gradientSpread, label: name, color: color(k), width: 1.8,
                                            marker: .circle)))
            }
            top.append(forward)
            bottom.append(backward)
        }
        return Figure(title: "Signals at initialisation, layer by layer (\(config.depth) hidden layers of \(config.width) units)",
                      width: 420 * Double(config.activations.count), height: 640, columns: config.activations.count,
                      sharing: .x, panels: top + bottom)
    }

    /// Histograms as small multiples: a row per initialisation, a column per chosen layer.
    static func histograms(config: InitializationExperiment.Config, spreads: [LayerSpreadTrial.Result]) -> Figure {
        let a = config.activations.firstIndex(of: config.histogramActivation) ?? 0
        let bins = config.histogramBins
        let edges = (0...bins).map { -1 + 2 * Double($0) / Double(bins) }
        var panels: [Panel] = []
        for (k, label) in config.labels.enumerated() {
            let s = spreads[a * config.labels.count + k]
            for (j, layer) in config.histogramLayers.enumerated() {
                let h = j < s.histograms.count ? s.histograms[j] : []
                var x: [Double] = [], y: [Double] = []
                for (b, v) in h.enumerated() {
                    x += [edges[b], edges[b + 1]]
                    y += [v, v]
                }
                let peak = max(h.max() ?? 0, 1e-9)
                panels.append(Panel(title: "\(label), layer \(layer)", x: Axis(label: "activation", limits: -1...1),
                                    y: Axis(label: "share", limits: 0...(peak * 1.1), format: .percent), legend: .none,
                                    marks: [.band(BandMark(x: x, lower: x.map { _ in 0 }, upper: y, color: color(k), alpha: 0.75))]))
            }
        }
        return Figure(title: "\(config.histogramActivation.name) activations at initialisation",
                      width: 190 * Double(config.histogramLayers.count) + 60, height: 150 * Double(config.labels.count) + 60,
                      columns: config.histogramLayers.count, sharing: .x, panels: panels)
    }

    /// Validation accuracy per epoch of every network, a panel per activation.
    static func training(config: InitializationExperiment.Config, trained: [OptimizerTrial.Result], seeds: Int) -> Figure {
        var panels: [Panel] = []
        for (a, activation) in config.activations.enumerated() {
            var panel = Panel(title: activation.name, x: Axis(label: "epoch"),
                              y: Axis(label: "validation accuracy", limits: 0...1, format: .percent))
            panel.add(.rule(RuleMark(.horizontal, at: 0.1, label: "chance", color: .gray, width: 0.8, dash: [4, 3])))
            for (k, label) in config.labels.enumerated() {
                let index = a * config.labels.count + k
                let runs = Array(trained[(index * seeds)..<((index + 1) * seeds)])
                let curve = OptimizerFigures.meanCurve(runs.map(\.validationAccuracy))
                let x = curve.mean.indices.map(Double.init)
                panel.add(.line(LineMark(x: x, y: curve.mean, label: label, color: color(k), width: 1.8, marker: .circle)))
                if runs.contains(where: \.diverged), let lastX = x.last, let lastY = curve.mean.last {
                    panel.add(.scatter(ScatterMark(x: [lastX + 0.08], y: [lastY], color: color(k), size: 9, alpha: 1,
                                                   shape: .diamond)))
                    panel.add(.annotation(AnnotationMark("diverged", at: Point(lastX + 0.35, lastY + 0.05), color: color(k))))
                }
            }
            panels.append(panel)
        }
        return Figure(title: "Does it train? \(config.depth) hidden layers, \(config.training.epochs) epochs", width: 760, height: 340,
                      columns: config.activations.count, sharing: .both, panels: panels)
    }
}

extension InitializationFigures {
    /// The figures of an `initialization` cell: the spreads through the layers at
    /// initialisation, activation histograms, and validation accuracy during training.
    static func figures(_ config: InitializationExperiment.Config, spreads: [LayerSpreadTrial.Result],
                        trained: [OptimizerTrial.Result], seeds: Int) -> [NamedFigure] {
        return [
            NamedFigure(name: "spread",
                        caption: "At initialisation, before any training: the standard deviation of each hidden layer's activations (top) and of the back-propagated gradient with respect to its pre-activations (bottom), on \(config.statsExamples) validation images, for \(config.depth) hidden layers of \(config.width) units. Log scale: a straight falling line is a signal shrinking by the same factor at every layer.",
                        figure: spread(config: config, spreads: spreads)),
            NamedFigure(name: "histograms",
                        caption: "Histograms of the \(config.histogramActivation.name) activations of a few hidden layers at initialisation (share of all values per bin of width \(String(format: "%g", 2.0 / Double(config.histogramBins)))), one row per initialisation.",
                        figure: histograms(config: config, spreads: spreads)),
            NamedFigure(name: "training",
                        caption: "Validation accuracy during training (\(config.training.optimizer.label(momentum: config.training.momentum)), learning rate \(String(format: "%g", config.training.learningRate)), mean over \(seeds) seeds). A diamond marks a run that diverged (its loss passed 100 or stopped being a number); a line at 10% has not learned anything.",
                        figure: training(config: config, trained: trained, seeds: seeds)),
        ]
    }
}
