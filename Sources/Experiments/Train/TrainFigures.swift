import Foundation
import Notebook
import Plot

/// The figures a `train` cell asks for in `plots:`. Each point keeps its colour (Okabe–Ito,
/// in sweep order) in every figure of the cell; bands run from the lowest to the highest
/// seed, lines through the mean.
enum TrainFigures {
    static func color(_ index: Int) -> Color { Palette.okabeIto[index % Palette.okabeIto.count] }

    /// Mean, lowest and highest value at each index over several curves, as far as the
    /// shortest one goes.
    static func band(_ curves: [[Double]]) -> (mean: [Double], low: [Double], high: [Double]) {
        OptimizerFigures.meanCurve(curves)
    }

    static func figure(_ plot: PlotRequest, summary s: TrainSummary) -> NamedFigure {
        switch plot.type {
        case .measure: return measure(plot, s)
        case .curves: return curves(plot, s)
        case .heatmap: return heatmap(plot, s)
        case .bars: return bars(plot, s)
        case .dots: return dots(plot, s)
        case .regions: return regions(plot, s)
        case .lengths: return lengths(plot, s)
        }
    }

    static func words(_ path: String) -> String {
        (path.split(separator: ".").last.map(String.init) ?? path).replacingOccurrences(of: "_", with: " ")
    }

    /// `text` with its first letter in upper case, for titles and captions.
    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    static func seedWords(_ s: TrainSummary) -> String { "\(s.seeds) seed\(s.seeds == 1 ? "" : "s")" }

    /// A measure against a swept parameter, one line per value of `lines`.
    static func measure(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        let m = TrainMeasure(rawValue: plot.measure) ?? .finalValidationLoss
        let xAxis = s.plan.axes.firstIndex { $0.path == plot.x } ?? 0
        let lineAxis = s.plan.axes.firstIndex { $0.path == plot.lines }
        let axis = s.plan.axes[xAxis]
        let numeric = axis.numeric
        let categories = axis.values.indices.map { SweepPlan.label(axis, $0) }
        var panel = Panel(x: Axis(label: words(axis.path), scale: numeric ? (plot.logX ? .log10 : .linear) : .categorical(categories)),
                          y: Axis(label: m.words + (plot.logY ? " (log scale)" : ""), scale: plot.logY ? .log10 : .linear,
                                  format: m.higherIsBetter && !plot.logY ? .percent : .auto),
                          legend: lineAxis == nil ? .none : .auto)
        let groups: [Int?] = lineAxis.map { a in s.plan.axes[a].values.indices.map { Optional($0) } } ?? [nil]
        for (g, group) in groups.enumerated() {
            let points = s.plan.points.indices.filter { p in
                guard let a = lineAxis, let v = group else { return true }
                return s.plan.points[p].indices[a] == v
            }
            let xs = points.map { p -> Double in
                let i = s.plan.points[p].indices[xAxis]
                return numeric ? axis.values[i].number! : Double(i)
            }
            let order = xs.indices.sorted { xs[$0] < xs[$1] }
            let x = order.map { xs[$0] }
            let values = order.map { s.samples(m, points[$0]) }
            let mean = values.map { v in v.reduce(0, +) / Double(max(v.count, 1)) }
            let finite = values.map { $0.filter(\.isFinite) }
            let keep = finite.indices.filter { !finite[$0].isEmpty }
            let label = lineAxis.flatMap { a in group.map { SweepPlan.label(s.plan.axes[a], $0) } }
            if s.seeds > 1, !keep.isEmpty {
                panel.add(.band(BandMark(x: keep.map { x[$0] }, lower: keep.map { finite[$0].min()! },
                                         upper: keep.map { finite[$0].max()! }, color: color(g), alpha: 0.18)))
            }
            panel.add(.line(LineMark(x: x, y: mean, label: label, color: color(g), width: 2, marker: .circle)))
        }
        let title = plot.title.isEmpty ? "\(capitalised(m.words)) against \(words(axis.path))" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "\(capitalised(m.words)) against \(words(axis.path))\(lineAxis.map { ", one line per \(words(s.plan.axes[$0].path))" } ?? ""): the mean over \(seedWords(s))\(s.seeds > 1 ? ", the band from the lowest to the highest seed" : ""). \(capitalised(s.data.description)).",
                           figure: Figure(title: title, width: 640, height: 400, panel: panel))
    }

    /// A per-epoch curve, one line per point.
    static func curves(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        let curve = TrainMeasure.Curve(rawValue: plot.measure) ?? .validationLoss
        let accuracy = curve.rawValue.hasSuffix("accuracy")
        var panel = Panel(x: Axis(label: "epoch", scale: plot.logX ? .log10 : .linear),
                          y: Axis(label: curve.words + (plot.logY ? " (log scale)" : ""), scale: plot.logY ? .log10 : .linear,
                                  format: accuracy && !plot.logY ? .percent : .auto),
                          legend: s.plan.points.count > 1 ? .auto : .none)
        for p in s.plan.points.indices {
            let b = band(s.trials(p).map(curve.values))
            // Value i is after (or, for training curves, during) epoch i + firstEpoch; a log
            // axis leaves out epoch 0.
            let start = plot.logX ? max(0, 1 - curve.firstEpoch) : 0
            guard b.mean.count > start else { continue }
            let x = (start..<b.mean.count).map { Double($0 + curve.firstEpoch) }
            if s.seeds > 1 {
                panel.add(.band(BandMark(x: x, lower: Array(b.low[start...]), upper: Array(b.high[start...]),
                                         color: color(p), alpha: 0.15)))
            }
            panel.add(.line(LineMark(x: x, y: Array(b.mean[start...]), label: s.plan.points.count > 1 ? s.label(p) : nil,
                                     color: color(p), width: 1.8)))
        }
        let title = plot.title.isEmpty ? "\(capitalised(curve.words)) over training" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "\(capitalised(curve.words)) \(curve.firstEpoch == 1 ? "during every epoch (the mean over its minibatches)" : "after every epoch (epoch 0 is the untrained network)")\(s.plan.points.count > 1 ? ", one line per point" : ""): the mean over \(seedWords(s))\(s.seeds > 1 ? ", the band from the lowest to the highest seed" : ""); a curve ends early where a run stopped early or diverged.",
                           figure: Figure(title: title, width: 640, height: 400, panel: panel))
    }

    /// A measure over two swept parameters.
    static func heatmap(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        let m = TrainMeasure(rawValue: plot.measure) ?? .finalValidationLoss
        let xa = s.plan.axes.firstIndex { $0.path == plot.x } ?? 0
        let ya = s.plan.axes.firstIndex { $0.path == plot.y } ?? 0
        let xAxis = s.plan.axes[xa], yAxis = s.plan.axes[ya]
        // Sum and count per cell: other swept parameters are averaged over; an empty cell is NaN.
        var sum = [[Double]](repeating: [Double](repeating: 0, count: xAxis.values.count), count: yAxis.values.count)
        var count = sum
        for p in s.plan.points.indices {
            let i = s.plan.points[p].indices
            sum[i[ya]][i[xa]] += s.mean(m, p)
            count[i[ya]][i[xa]] += 1
        }
        let grid = zip(sum, count).map { row, n in zip(row, n).map { $1 > 0 ? $0 / $1 : .nan } }
        var panel = Panel(x: Axis(label: words(xAxis.path)), y: Axis(label: words(yAxis.path)), legend: .auto,
                          colorBarLabel: m.words)
        panel.add(.heatmap(HeatmapMark(values: grid, rowLabels: yAxis.values.indices.map { SweepPlan.label(yAxis, $0) },
                                       columnLabels: xAxis.values.indices.map { SweepPlan.label(xAxis, $0) },
                                       firstRowAtTop: false, colorMap: .viridis, showValues: true,
                                       valueFormat: m.higherIsBetter ? "%.3f" : "%.3g", missingLabel: "diverged")))
        let title = plot.title.isEmpty ? "\(capitalised(m.words)) over \(words(xAxis.path)) and \(words(yAxis.path))" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "\(capitalised(m.words)) for every \(words(xAxis.path)) and \(words(yAxis.path)): the mean over \(seedWords(s)); hatched cells diverged in at least one seed.",
                           figure: Figure(title: title, width: 640, height: 440, panel: panel))
    }

    /// The panel of a measure per point: one category per point, the measure on y.
    static func pointPanel(_ plot: PlotRequest, _ m: TrainMeasure, labels: [String], legend: LegendPlacement) -> Panel {
        Panel(x: Axis(scale: .categorical(labels)),
              y: Axis(label: m.words + (plot.logY ? " (log scale)" : ""), scale: plot.logY ? .log10 : .linear,
                      format: m.higherIsBetter && !plot.logY ? .percent : .auto),
              legend: legend)
    }

    /// One dot per finite seed value of `m` at each point, the seeds spread evenly over
    /// `spread` category widths around the point so that equal values stay apart.
    static func seedDots(_ m: TrainMeasure, _ s: TrainSummary, spread: Double) -> (x: [Double], y: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        for p in s.plan.points.indices {
            for (k, v) in s.samples(m, p).enumerated() where v.isFinite {
                xs.append(Double(p) + (Double(k) / Double(max(s.seeds - 1, 1)) - 0.5) * spread)
                ys.append(v)
            }
        }
        return (xs, ys)
    }

    /// A measure per point as bars, each seed a dot.
    static func bars(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        let m = TrainMeasure(rawValue: plot.measure) ?? .finalValidationLoss
        let labels = s.plan.points.indices.map(s.shortLabel)
        var panel = pointPanel(plot, m, labels: labels, legend: s.seeds > 1 ? .auto : .none)
        panel.add(.bars(BarsMark(categories: labels, values: s.plan.points.indices.map { s.mean(m, $0) },
                                 label: "mean", color: Color(hex: 0x9EC9E2))))
        if s.seeds > 1 {
            let (xs, ys) = seedDots(m, s, spread: 0.4)
            panel.add(.scatter(ScatterMark(x: xs, y: ys, label: "one seed", color: Color(hex: 0x0072B2), size: 4, alpha: 0.9)))
        }
        let title = plot.title.isEmpty ? "\(capitalised(m.words)) at each point" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "\(capitalised(m.words)) at each point of the sweep\(s.plan.axes.count > 1 ? " (" + s.plan.axes.map { words($0.path) }.joined(separator: ", ") + ")" : ""): the bar is the mean over \(seedWords(s))\(s.seeds > 1 ? ", each dot one seed" : "").",
                           figure: Figure(title: title, width: max(640, Double(labels.count) * 110 + 160), height: 400, panel: panel))
    }

    /// A measure per point as one dot per seed and a mark at the mean, on an axis fitted
    /// to the values.
    static func dots(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        let m = TrainMeasure(rawValue: plot.measure) ?? .finalValidationLoss
        let labels = s.plan.points.indices.map(s.shortLabel)
        var panel = pointPanel(plot, m, labels: labels, legend: .auto)
        let (xs, ys) = seedDots(m, s, spread: s.seeds > 1 ? 0.36 : 0)
        panel.add(.scatter(ScatterMark(x: xs, y: ys, label: "one seed", color: Color(hex: 0x0072B2), size: 5, alpha: 0.75)))
        let means = s.plan.points.indices.map { s.mean(m, $0) }
        let shown = means.indices.filter { means[$0].isFinite }
        panel.add(.scatter(ScatterMark(x: shown.map(Double.init), y: shown.map { means[$0] }, label: "mean over seeds",
                                       color: Color(hex: 0xD55E00), size: 9, alpha: 1, shape: .diamond)))
        let title = plot.title.isEmpty ? "\(capitalised(m.words)) at each point" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "\(capitalised(m.words)) at each point of the sweep\(s.plan.axes.count > 1 ? " (" + s.plan.axes.map { words($0.path) }.joined(separator: ", ") + ")" : ""): each dot one seed, the diamond the mean over \(seedWords(s)). The axis is fitted to the values, so small differences show; compare them with the spread of the dots.",
                           figure: Figure(title: title, width: max(640, Double(labels.count) * 110 + 160), height: 400, panel: panel))
    }

    /// Test accuracy against the length of the test sequences, one line per point.
    static func lengths(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        var panel = Panel(x: Axis(label: "length of the test sequences" + (plot.logX ? " (log scale)" : ""), scale: plot.logX ? .log10 : .linear),
                          y: Axis(label: "test accuracy", format: .percent),
                          legend: s.plan.points.count > 1 ? .auto : .none)
        for p in s.plan.points.indices {
            let x = s.testLengths(p).map(Double.init)
            let values = s.accuracyByLength(p)
            guard !x.isEmpty else { continue }
            let mean = values.map { $0.reduce(0, +) / Double(max($0.count, 1)) }
            let finite = values.map { $0.filter(\.isFinite) }
            let keep = finite.indices.filter { !finite[$0].isEmpty }
            if s.seeds > 1, !keep.isEmpty {
                panel.add(.band(BandMark(x: keep.map { x[$0] }, lower: keep.map { finite[$0].min()! },
                                         upper: keep.map { finite[$0].max()! }, color: color(p), alpha: 0.18)))
            }
            panel.add(.line(LineMark(x: x, y: mean, label: s.plan.points.count > 1 ? s.label(p) : nil, color: color(p),
                                     width: 2, marker: .circle)))
        }
        // Guessing: the symbol-count classes are equally likely. And where training stopped.
        panel.add(.rule(RuleMark(.horizontal, at: 0.5, label: "guessing", color: Color(hex: 0x777777))))
        if let longest = s.config.data.lengths.last {
            panel.add(.rule(RuleMark(.vertical, at: Double(longest), label: "longest training sequence", color: Color(hex: 0x777777))))
        }
        let title = plot.title.isEmpty ? "Test accuracy against sequence length" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "Test accuracy on test sequences of each length\(s.plan.points.count > 1 ? ", one line per point" : ""): the mean over \(seedWords(s))\(s.seeds > 1 ? ", the band from the lowest to the highest seed" : ""). \(capitalised(s.data.description)).",
                           figure: Figure(title: title, width: 640, height: 400, panel: panel))
    }

    /// Decision regions of 2-D data, one panel per point, the first seed's network, with
    /// the training points.
    static func regions(_ plot: PlotRequest, _ s: TrainSummary) -> NamedFigure {
        let train = s.data.dataset.train
        var panels: [Panel] = []
        for p in s.plan.points.indices {
            let trial = s.trials(p).first!
            var panel = Panel(title: s.plan.points.count > 1 ? s.label(p) : nil, x: Axis(label: "x₁"), y: Axis(label: "x₂"),
                              legend: .none, equalAspect: true)
            if trial.region.count == TrainTrial.regionSide * TrainTrial.regionSide, trial.regionBounds.count == 4 {
                let n = TrainTrial.regionSide
                let values = (0..<n).map { r in Array(trial.region[(r * n)..<((r + 1) * n)]) }
                let b = trial.regionBounds
                panel.add(.regions(RegionMark(values: values, xRange: b[0]...b[1], yRange: b[2]...b[3],
                                              levels: s.data.dataset.classCount == 2 ? [0.5] : [],
                                              label: nil)))
            } else {
                panel.add(.annotation(AnnotationMark("diverged", at: Point(0, 0), color: Color.gray)))
            }
            let classes = max(s.data.dataset.classCount, 1)
            for c in 0..<classes {
                let rows = train.labels.indices.filter { train.labels[$0] == c }
                panel.add(.scatter(ScatterMark(x: rows.map { Double(train.features[$0, 0]) },
                                               y: rows.map { Double(train.features[$0, 1]) },
                                               color: classes == 2 ? (c == 0 ? Color(hex: 0x0072B2) : Color(hex: 0xD55E00)) : color(c),
                                               size: 3, alpha: 0.8)))
            }
            panels.append(panel)
        }
        let columns = min(panels.count, 3)
        let rows = (panels.count + columns - 1) / columns
        let title = plot.title.isEmpty ? "Decision regions" : plot.title
        return NamedFigure(name: plot.name,
                           caption: "What each network predicts over the plane (the first seed's network, standardised inputs), with the training points coloured by class\(s.data.dataset.classCount == 2 ? "; the black line is the decision boundary" : "").",
                           figure: Figure(title: title, width: Double(240 * columns + 40), height: Double(240 * rows + 50),
                                          columns: columns, panels: panels))
    }
}
