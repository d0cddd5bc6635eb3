import Foundation
import Learning
import Notebook
import Plot

/// The figures of the spiral and disk-annulus experiments. Class 0 is always the first
/// palette colour (blue) and class 1 the second (orange), in points and regions alike.
enum UntanglingFigures {
    static let classNames = ["class 0", "class 1"]
    static let gridColor = Color(hex: 0x8C8C8C)
    static let neutral = Color(hex: 0x555555)
    /// Pale blue (class 0) through white to pale orange (class 1), so that points of
    /// either class stay visible on either region.
    static let regionMap = ColorMap(name: "pale blue-orange", stops: [
        Color(hex: 0xB3D1EA), Color(hex: 0xDCEAF6), Color(hex: 0xF8F8F8), Color(hex: 0xF9E8C6), Color(hex: 0xF4D08C),
    ])

    /// Probability as colour, the 0.5 contour, and the points on top.
    static func boundary(regions: [[Double]], extent: ClosedRange<Double>, data: Dataset, title: String) -> Figure {
        var panel = Panel(x: Axis(label: "x₁"), y: Axis(label: "x₂"), legend: .outside, equalAspect: true,
                          colorBarLabel: "P(class 1)")
        panel.add(.regions(RegionMark(values: regions, xRange: extent, yRange: extent, colorMap: regionMap,
                                                label: "P = 0.5", showsColorBar: true)))
        panel.add(.scatter(scatter(data.train, size: 4, names: ["class 0 (training)", "class 1 (training)"])))
        if !data.validation.isEmpty {
            panel.add(.scatter(scatter(data.validation, size: 5, shape: .triangle,
                                       names: ["class 0 (validation)", "class 1 (validation)"])))
        }
        return Figure(title: title, width: 600, height: 440, panel: panel)
    }

    static func scatter(_ split: DataSplit, size: Double, shape: MarkerShape = .circle, names: [String] = classNames) -> ScatterMark {
        ScatterMark(x: (0..<split.count).map { Double(split.features[$0, 0]) },
                    y: (0..<split.count).map { Double(split.features[$0, 1]) },
                    size: size, alpha: 0.9, shape: shape, classes: split.labels, classNames: names)
    }

    /// One row per snapshot, one column per layer: the warped grid and the points.
    static func strip(_ snapshots: [Untangling.Snapshot], title: String, rowNames: [String]? = nil) -> Figure {
        let columns = snapshots.first?.views.count ?? 1
        var panels: [Panel] = []
        for (row, snapshot) in snapshots.enumerated() {
            for view in snapshot.views {
                var name = view.layer == 0 ? "input" : "layer \(view.layer)"
                if !view.projection.isDirect { name += String(format: " (PCA %.0f%%)", 100 * view.projection.explained) }
                // The row's name goes on its first panel only, so titles stay short.
                let prefix = view.layer > 0 ? "" : (rowNames?[row] ?? (snapshots.count > 1 ? "epoch \(snapshot.epoch): " : ""))
                var panel = Panel(title: prefix + name,
                                  x: Axis(label: view.layer == 0 ? "x₁" : (view.projection.isDirect ? "h₁" : "PC 1")),
                                  y: Axis(label: view.layer == 0 ? "x₂" : (view.projection.isDirect ? "h₂" : "PC 2")),
                                  legend: .none, equalAspect: true)
                if view.layer == 0 {
                    panel.add(.regions(RegionMark(values: snapshot.regions, xRange: snapshot.regionExtent,
                                                  yRange: snapshot.regionExtent, colorMap: regionMap, label: nil)))
                }
                panel.add(.polylines(PolylineMark(lines: view.grid, color: gridColor, width: 0.5, alpha: 0.8)))
                panel.add(.scatter(ScatterMark(x: view.points.map(\.x), y: view.points.map(\.y), size: snapshots.count == 1 ? 3.4 : 2.6, alpha: 0.9,
                                               classes: snapshot.labels, classNames: classNames)))
                if let line = view.boundary {
                    panel.add(.line(LineMark(x: line.map(\.x), y: line.map(\.y), color: .black, width: 1.6, dash: [5, 3])))
                }
                panels.append(panel)
            }
        }
        let width = max(180.0 * Double(columns), 560)
        let height = 50 + (snapshots.count == 1 ? 220 : 190) * Double(snapshots.count)
        return Figure(title: title, width: width, height: height, columns: columns, panels: panels)
    }

    static func layerCaption(_ snapshot: Untangling.Snapshot, describe: String) -> String {
        "Left: the input plane with the network's decision regions and a grid of lines; then the same points and lines after each hidden layer (\(describe)). The dashed line in the last panel is where the output layer puts probability 0.5. " + projectionNote(snapshot)
    }

    static func projectionNote(_ snapshot: Untangling.Snapshot) -> String {
        let projected = snapshot.views.filter { !$0.projection.isDirect }
        if projected.isEmpty { return "Every layer has two units, so its outputs are drawn as they are." }
        return "Layers wider than two units are drawn through their first two principal components (PCA fitted to the data points' activations; the share of variance kept is in each title), so their lines may cross where the layer itself keeps them apart."
    }

    /// Probe accuracy per layer, one line per snapshot.
    static func probe(_ snapshots: [Untangling.Snapshot], title: String) -> Figure {
        let names = (snapshots.last?.views ?? []).map { $0.layer == 0 ? "input" : "layer \($0.layer)" }
        var panel = Panel(x: Axis(label: "representation", scale: .categorical(names)),
                          y: Axis(label: "linear probe accuracy", limits: 0.4...1.02, format: .percent), legend: .auto)
        panel.add(.rule(RuleMark(.horizontal, at: 0.5, label: "chance")))
        for (i, s) in snapshots.enumerated() {
            let last = i == snapshots.count - 1
            panel.add(.line(LineMark(x: s.views.map { Double($0.layer) }, y: s.views.map(\.probeAccuracy),
                                     label: s.epoch == 0 ? "initial weights" : "after \(s.epoch) epochs",
                                     color: last ? .black : (i == 0 ? Color(hex: 0xAAAAAA) : Palette.okabeIto[2]),
                                     width: last ? 2 : 1.5, dash: last ? [] : [4, 3], marker: .circle)))
        }
        return Figure(title: title, width: 520, height: 320, panel: panel)
    }

    /// Loss and accuracy against epochs for training and validation.
    static func curves(_ history: TrainingHistory, title: String) -> Figure {
        let x = history.epochs.map { Double($0.epoch) }
        let train = Palette.okabeIto[7], validation = Palette.okabeIto[3]
        let loss = Panel(title: "cross-entropy", x: Axis(label: "epoch"), y: Axis(label: "loss"), marks: [
            .line(LineMark(x: x, y: history.epochs.map { $0.trainLoss ?? .nan }, label: "training", color: train, width: 1.0)),
            .line(LineMark(x: x, y: history.epochs.map { $0.validationLoss ?? .nan }, label: "validation", color: validation, width: 1.0, dash: [5, 3])),
        ])
        let accuracy = Panel(title: "accuracy", x: Axis(label: "epoch"), y: Axis(label: "accuracy", format: .percent), marks: [
            .line(LineMark(x: x, y: history.epochs.map { $0.trainAccuracy ?? .nan }, label: "training", color: train, width: 1.0)),
            .line(LineMark(x: x, y: history.epochs.map { $0.validationAccuracy ?? .nan }, label: "validation", color: validation, width: 1.0, dash: [5, 3])),
        ])
        return Figure(title: title, width: 720, height: 300, columns: 2, panels: [loss, accuracy])
    }

    /// Accuracy of every seed, one column per group, a reference line at `threshold`, and
    /// the lesson's seed marked.
    static func seeds(groups: [(name: String, accuracies: [Double])], threshold: Double, thresholdLabel: String,
                      title: String, yLabel: String = "training accuracy") -> Figure {
        let names = groups.map(\.name)
        var panel = Panel(x: Axis(label: nil, scale: .categorical(names)),
                          y: Axis(label: yLabel, format: .percent), legend: .outside)
        panel.add(.rule(RuleMark(.horizontal, at: threshold, label: thresholdLabel)))
        var xs: [Double] = [], ys: [Double] = [], lx: [Double] = [], ly: [Double] = []
        for (g, group) in groups.enumerated() {
            let n = group.accuracies.count
            for (i, a) in group.accuracies.enumerated() {
                let x = Double(g) + (n > 1 ? 0.5 * (Double(i) / Double(n - 1) - 0.5) : 0)
                xs.append(x); ys.append(a)
                if i == 0 { lx.append(x); ly.append(a) }
            }
        }
        panel.add(.scatter(ScatterMark(x: xs, y: ys, label: "one seed", color: neutral, size: 6, alpha: 0.85)))
        panel.add(.scatter(ScatterMark(x: lx, y: ly, label: "the lesson's seed", color: Palette.okabeIto[3], size: 9,
                                       alpha: 1, shape: .diamond)))
        return Figure(title: title, width: max(420, 170 * Double(groups.count) + 160), height: 340, panel: panel)
    }
}

extension UntanglingFigures {
    /// One decision-region panel with the points on top, no colour bar.
    static func regionPanel(regions: [[Double]], extent: ClosedRange<Double>, split: DataSplit, title: String) -> Panel {
        Panel(title: title, x: Axis(label: "x₁"), y: Axis(label: "x₂"), legend: .none, equalAspect: true, marks: [
            .regions(RegionMark(values: regions, xRange: extent, yRange: extent, colorMap: regionMap, label: nil)),
            .scatter(scatter(split, size: 3)),
        ])
    }
}

extension UntanglingFigures {
    /// The figures of a `spiral-untangling` run: decision regions, the layers after
    /// training and at each snapshot, the probes and the training curves.
    static func figures(_ config: SpiralUntanglingExperiment.Config, _ trained: SpiralUntanglingExperiment.Trained,
                        data: Dataset) throws -> [NamedFigure] {
        let describe = config.describe, snapshots = trained.snapshots, extent = trained.extent
        let regions = try Untangling.probabilityGrid(trained.network, extent: extent.regions, resolution: config.regionResolution)
        var figures: [NamedFigure] = []
        figures.append(NamedFigure(
            name: "boundary",
            caption: "Probability of class 1 as colour (blue: class 0, orange: class 1) and the 0.5 boundary of the \(describe) network after \(config.epochs) epochs; circles are training points, triangles validation points.",
            figure: boundary(regions: regions, extent: extent.regions, data: data,
                             title: "Decision regions: \(describe), \(Untangling.turnsText(config.turns))")))
        if let last = snapshots.last {
            figures.append(NamedFigure(
                name: "layers",
                caption: layerCaption(last, describe: describe),
                figure: strip([last], title: "The plane as each layer sees it after \(last.epoch) epochs (\(describe))")))
        }
        if snapshots.count > 1 {
            figures.append(NamedFigure(
                name: "training",
                caption: "The same pictures at epochs \(snapshots.map { String($0.epoch) }.joined(separator: ", ")): rows are moments of training, columns are layers. " + projectionNote(snapshots.last!),
                figure: strip(snapshots, title: "Untangling during training (\(describe))")))
        }
        figures.append(NamedFigure(
            name: "probe",
            caption: "Accuracy of a linear classifier (ridge regression on one-hot labels) fitted to each layer's activations of the training points; 0.5 is chance.",
            figure: probe(snapshots, title: "Linear separability layer by layer (\(describe))")))
        figures.append(NamedFigure(
            name: "loss",
            caption: "Cross-entropy and accuracy on the \(data.train.count) training and \(data.validation.count) validation points, measured after every epoch.",
            figure: curves(trained.history, title: "Training curves (\(describe))")))
        return figures
    }
}
