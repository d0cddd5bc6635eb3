import Foundation
import Notebook
import Plot

/// The figures of the tuning lesson.
struct TuningFigures {
    let summary: TuningSummary

    var config: TuningSummary.Config { summary.config }

    static func color(_ i: Int) -> Color { Palette.okabeIto[i % Palette.okabeIto.count] }

    /// Median and quartiles over repetitions of the best validation accuracy within each
    /// number of epochs, from the first epoch count every repetition has a result for.
    static func bestBand(_ reps: [Search.Outcome], budget: Int) -> (x: [Double], median: [Double], q1: [Double], q3: [Double]) {
        var x: [Double] = [], median: [Double] = [], q1: [Double] = [], q3: [Double] = []
        for e in 1...max(budget, 1) {
            let values = reps.compactMap { $0.bestSoFar(within: e) }
            guard values.count == reps.count, !values.isEmpty else { continue }
            x.append(Double(e))
            median.append(TuningSummary.quantile(values, 0.5))
            q1.append(TuningSummary.quantile(values, 0.25))
            q3.append(TuningSummary.quantile(values, 0.75))
        }
        return (x, median, q1, q3)
    }

    static func axis(_ d: Dimension, full: Bool = false) -> Axis {
        Axis(label: d.label.replacingOccurrences(of: "_", with: " "), scale: d.distribution.isLog ? .log10 : .linear,
             limits: full ? d.distribution.range : nil)
    }

    /// Accuracy colour on viridis between `low` and `high`.
    static func shade(_ value: Double, _ low: Double, _ high: Double) -> Color {
        ColorMap.viridis.color(at: high > low ? (value - low) / (high - low) : 0.5)
    }

    func all() -> [NamedFigure] {
        var figures = [gridVersusRandom(), bestVersusBudget(), schedulers(), bayes(), parallel(), importance(),
                       validationVersusTest()].compactMap { $0 }
        figures.sort { TuningStrategiesExperiment.outputs.firstIndex(of: $0.name)! < TuningStrategiesExperiment.outputs.firstIndex(of: $1.name)! }
        return figures
    }

    func gridVersusRandom() -> NamedFigure {
        let important = summary.plane.dimensions[0], unimportant = summary.plane.dimensions[1]
        let all = (summary.grid.trials + summary.random.trials).map(\.last)
        let low = all.min() ?? 0, high = all.max() ?? 1
        var panels: [Panel] = []
        for (name, o) in [("grid", summary.grid), ("random", summary.random)] {
            let values = o.trials.map { summary.plane.values($0.point) }
            let imp = SearchSpace.knownNames.firstIndex(of: important.name)!
            let unimp = SearchSpace.knownNames.firstIndex(of: unimportant.name)!
            var plane = Panel(title: "\(name): \(Set(values.map { $0[imp] }).count) distinct \(important.label.replacingOccurrences(of: "_", with: " ")) values",
                              x: Self.axis(important, full: true), y: Self.axis(unimportant, full: true), legend: .none)
            for (t, v) in zip(o.trials, values) {
                plane.add(.scatter(ScatterMark(x: [v[imp]], y: [v[unimp]], color: Self.shade(t.last, low, high), size: 9, alpha: 1)))
            }
            var projection = Panel(title: "\(name): accuracy against \(important.label.replacingOccurrences(of: "_", with: " "))",
                                   x: Self.axis(important, full: true),
                                   y: Axis(label: "validation accuracy", limits: min(low, 0.1)...(max(high, 0.5) + 0.02)), legend: .none)
            projection.add(.scatter(ScatterMark(x: values.map { $0[imp] }, y: o.trials.map(\.last), color: Self.color(name == "grid" ? 0 : 1),
                                                size: 8, alpha: 0.9)))
            for v in values { projection.add(.rule(RuleMark(.vertical, at: v[imp], color: Color.gray.opacity(0.35), width: 0.6, dash: []))) }
            panels.append(plane)
            panels.append(projection)
        }
        // Row-major: the two planes on top, the two projections below.
        let ordered = [panels[0], panels[2], panels[1], panels[3]]
        return NamedFigure(name: "grid-vs-random",
                           caption: "Top: the \(summary.grid.trials.count) configurations of a grid and \(summary.random.trials.count) random ones over \(important.label) (important) and \(unimportant.label) (unimportant), coloured by validation accuracy after \(config.training.epochs) epochs (dark low, yellow high); the other hyperparameters fixed. Bottom: the same trials projected onto \(important.label), where the grid has tried only as many values as it has levels.",
                           figure: Figure(title: "Grid against random search (Bergstra and Bengio 2012, figure 1)", width: 820, height: 620,
                                          columns: 2, panels: ordered))
    }

    func bestVersusBudget() -> NamedFigure {
        var panel = Panel(x: Axis(label: "epochs spent", scale: .log10, limits: 1...Double(config.budget)),
                          y: Axis(label: "best validation accuracy so far"), legend: .outside)
        for (i, s) in summary.strategies.enumerated() {
            let b = Self.bestBand(summary.outcomes[i], budget: config.budget)
            guard !b.x.isEmpty else { continue }
            panel.add(.band(BandMark(x: b.x, lower: b.q1, upper: b.q3, color: Self.color(i), alpha: 0.15)))
            panel.add(.line(LineMark(x: b.x, y: b.median, label: s.title, color: Self.color(i), width: 1.8)))
        }
        return NamedFigure(name: "best-vs-budget",
                           caption: "The best validation accuracy found against epochs spent: the median over \(config.repetitions) searches per strategy (line) and the band between their quartiles; the budget axis is logarithmic. A line starts once every search of its strategy has finished a job.",
                           figure: Figure(title: "Best accuracy found against the budget spent", width: 820, height: 420, panel: panel))
    }

    func schedulers() -> NamedFigure? {
        let shown = summary.strategies.indices.filter { summary.strategies[$0].scheduler != .full }
        guard !shown.isEmpty else { return nil }
        var panels: [Panel] = []
        for i in shown {
            guard let o = summary.outcomes[i].first else { continue }
            let stopped = o.trials.filter { $0.epochs < config.training.epochs }.count
            var panel = Panel(title: "\(summary.strategies[i].title): \(o.trials.count) trials, \(stopped) stopped early",
                              x: Axis(label: "epoch", limits: 0.5...(Double(config.training.epochs) + 0.5)),
                              y: Axis(label: "validation accuracy"), legend: .none)
            for r in summary.rungs[i] where r < config.training.epochs {
                panel.add(.rule(RuleMark(.vertical, at: Double(r), label: "rung \(r)", color: .gray, width: 0.8)))
            }
            for t in o.trials {
                let full = t.epochs >= config.training.epochs
                let color = full ? Self.color(i) : Color.gray.opacity(0.35)
                let x = (1...max(t.epochs, 1)).map(Double.init)
                panel.add(.line(LineMark(x: x, y: t.curve, color: color, width: full ? 1.6 : 0.8,
                                         marker: t.epochs == 1 ? .circle : nil)))
            }
            panels.append(panel)
        }
        let rows = (panels.count + 1) / 2
        return NamedFigure(name: "schedulers",
                           caption: "Every trial of the first search of each early-stopping strategy: validation accuracy after each epoch it trained. Trials stopped before \(config.training.epochs) epochs are faded grey; dashed lines mark the rungs where trials are compared. ASHA runs \(config.workers) workers on a simulated clock.",
                           figure: Figure(title: "Early stopping at work", width: 820, height: 300 * Double(rows) + 40,
                                          columns: min(2, panels.count), panels: panels))
    }

    func bayes() -> NamedFigure? {
        let d = summary.line.dimensions[0]
        let snapshots = summary.bayes.snapshots.filter { config.bayesSnapshots.contains($0.observed.count) }
        guard !snapshots.isEmpty else { return nil }
        let grid = (0...200).map { Double($0) / 200 }
        let xs = grid.map { d.distribution.value(at: $0) }
        var top: [Panel] = [], bottom: [Panel] = []
        for snap in snapshots {
            let predictions = grid.map { snap.model.predict([$0]) }
            let mean = predictions.map(\.mean)
            let sd = predictions.map { $0.variance.squareRoot() }
            var p = Panel(title: "after \(snap.observed.count) trials", x: Self.axis(d), y: Axis(label: "validation accuracy"),
                          legend: .bottomLeft)
            p.add(.band(BandMark(x: xs, lower: zip(mean, sd).map { $0 - 2 * $1 }, upper: zip(mean, sd).map { $0 + 2 * $1 },
                                 label: "mean ± 2 sd", color: Self.color(0), alpha: 0.18)))
            p.add(.line(LineMark(x: xs, y: mean, label: "GP mean", color: Self.color(0), width: 1.6)))
            p.add(.scatter(ScatterMark(x: snap.observed.map { d.distribution.value(at: $0.point[0]) }, y: snap.observed.map(\.value),
                                       label: "trials", color: .black, size: 7)))
            let next = d.distribution.value(at: snap.next[0])
            p.add(.rule(RuleMark(.vertical, at: next, label: "next", color: Self.color(3), width: 1.2)))
            top.append(p)
            let ei = grid.map { snap.model.expectedImprovement([$0], best: snap.best) }
            var q = Panel(title: "expected improvement after \(snap.observed.count) trials", x: Self.axis(d),
                          y: Axis(label: "expected improvement"), legend: .none)
            q.add(.line(LineMark(x: xs, y: ei, color: Self.color(2), width: 1.6)))
            q.add(.rule(RuleMark(.vertical, at: next, label: "next", color: Self.color(3), width: 1.2)))
            bottom.append(q)
        }
        let h = snapshots[0].model.hyperparameters
        return NamedFigure(name: "bayes",
                           caption: "Bayesian optimisation of \(d.label) alone " + String(format: "(the other hyperparameters fixed, %d epochs per trial). Top: the Gaussian process (Matérn 5/2) fitted to the trials so far, its mean and a band of two standard deviations; bottom: expected improvement over the best trial, and the next point chosen (its maximum). In the first model the length scale is %.2f of the log range and the noise standard deviation %.2f of the accuracies' spread.",
                                          config.training.epochs, h.lengthScales[0], h.noiseVariance.squareRoot()),
                           figure: Figure(title: "Bayesian optimisation on one dimension", width: 820, height: 600,
                                          columns: snapshots.count, panels: top + bottom))
    }

    func parallel() -> NamedFigure? {
        guard let index = summary.strategies.indices.max(by: { (summary.outcomes[$0].first?.trials.count ?? 0) < (summary.outcomes[$1].first?.trials.count ?? 0) }),
              let o = summary.outcomes[index].first, !o.trials.isEmpty else { return nil }
        let dims = summary.problem.dimensions
        let accuracies = o.trials.map(\.last)
        let low = accuracies.min()!, high = accuracies.max()!
        let names = dims.map { $0.label.replacingOccurrences(of: "_", with: " ") } + ["validation accuracy"]
        var panel = Panel(title: "\(summary.strategies[index].title), first search: \(o.trials.count) trials",
                          x: Axis(scale: .categorical(names)),
                          y: Axis(label: "position in the range", limits: -0.12...1.12, showsTickLabels: false), legend: .outside)
        let bins = 4
        var groups = Array(repeating: [[Point]](), count: bins)
        for t in o.trials {
            let a = high > low ? (t.last - low) / (high - low) : 0.5
            let b = min(bins - 1, Int(a * Double(bins)))
            groups[b].append(t.point.enumerated().map { Point(Double($0.offset), $0.element) } + [Point(Double(dims.count), a)])
        }
        for b in 0..<bins where !groups[b].isEmpty {
            let from = low + (high - low) * Double(b) / Double(bins), to = low + (high - low) * Double(b + 1) / Double(bins)
            panel.add(.polylines(PolylineMark(lines: groups[b], label: String(format: "%.2f–%.2f", from, to),
                                              color: ColorMap.viridis.color(at: (Double(b) + 0.5) / Double(bins)),
                                              width: 1.1, alpha: 0.75)))
        }
        for (i, d) in dims.enumerated() {
            let r = d.distribution.range
            panel.add(.rule(RuleMark(.vertical, at: Double(i), color: .gray, width: 0.6, dash: [])))
            panel.add(.annotation(AnnotationMark(String(format: "%g", r.lowerBound), at: Point(Double(i), -0.07))))
            panel.add(.annotation(AnnotationMark(String(format: "%g", r.upperBound), at: Point(Double(i), 1.07))))
        }
        panel.add(.rule(RuleMark(.vertical, at: Double(dims.count), color: .gray, width: 0.6, dash: [])))
        panel.add(.annotation(AnnotationMark(String(format: "%.2f", low), at: Point(Double(dims.count), -0.07))))
        panel.add(.annotation(AnnotationMark(String(format: "%.2f", high), at: Point(Double(dims.count), 1.07))))
        return NamedFigure(name: "parallel",
                           caption: "Parallel coordinates of every trial of one search (the strategy that started the most trials): each line is a configuration, its position on each axis the value's place in the range (log axes for log distributions, range ends written at both ends), coloured by the validation accuracy at the trial's last epoch (legend: accuracy bins).",
                           figure: Figure(title: "Parallel coordinates of one search", width: 860, height: 420, panel: panel))
    }

    func importance() -> NamedFigure {
        let (names, shares, count) = summary.importance()
        let panel = Panel(x: Axis(label: "hyperparameter", scale: .categorical(names)),
                          y: Axis(label: "share of the accuracy's variance"), legend: .none,
                          marks: [.bars(BarsMark(categories: names, values: shares, color: Self.color(0), showValues: true))])
        return NamedFigure(name: "importance",
                           caption: "Importance of each hyperparameter: the first-order variance share (η² over 4 equal bins of its unit range, the main-effect term of a functional ANOVA) of the validation accuracy over the \(count) distinct trials trained to \(config.training.epochs) epochs in all searches. With that many trials, noise alone gives about \(String(format: "%.2f", 3.0 / Double(max(count, 1)))).",
                           figure: Figure(title: "Which hyperparameters matter", width: 640, height: 360, panel: panel))
    }

    func validationVersusTest() -> NamedFigure {
        let picks = summary.outcomes.joined().filter { $0.pick != nil }
        let all = picks.flatMap { [$0.pickValidation, $0.pickTest] }.filter(\.isFinite)
        let low = (all.min() ?? 0) - 0.01, high = (all.max() ?? 1) + 0.01
        var panel = Panel(x: Axis(label: "validation accuracy of the pick", limits: low...high),
                          y: Axis(label: "test accuracy of the pick", limits: low...high), legend: .outside, equalAspect: true)
        panel.add(.line(LineMark(x: [low, high], y: [low, high], label: "test = validation", color: .gray, width: 1, dash: [4, 3])))
        let split = summary.splitGap
        if split.isFinite {
            panel.add(.line(LineMark(x: [low, high], y: [low - split, high - split], label: "all full trials' mean gap",
                                     color: .black, width: 1, dash: [1.5, 2.5])))
        }
        for (i, s) in summary.strategies.enumerated() {
            let reps = summary.outcomes[i].filter { $0.pick != nil }
            panel.add(.scatter(ScatterMark(x: reps.map(\.pickValidation), y: reps.map(\.pickTest), label: s.title,
                                           color: Self.color(i), size: 8)))
        }
        return NamedFigure(name: "validation-vs-test",
                           caption: "Each search's pick (the trial with the best validation accuracy): its validation accuracy against its accuracy on the test split, which no search saw. The dotted line is shifted from the diagonal by the mean difference between the two splits over every fully trained trial, picked or not; picks below it were chosen partly for luck on the validation split.",
                           figure: Figure(title: "Validation against test accuracy of the picks", width: 720, height: 460, panel: panel))
    }
}
