import Foundation
import Learning
import Notebook
import Plot

/// The figures of `sawtooth`.
enum SawtoothFigures {
    /// One drawn k: the hand-built deep network and the best shallow fit.
    struct Panel {
        var k: Int
        var deep: Network
        var shallow: Network
        var units: Int
        var shallowError: Double
        /// The best kink placement found for a one-layer network of `units` units.
        var knotGraph: (x: [Double], y: [Double])
        var knotError: Double
    }

    /// The exact graph of a network on [0, 1]: its value at 0, at every kink and at 1.
    static func graph(_ f: PiecewiseLinear) -> (x: [Double], y: [Double]) {
        let x = [f.lower] + f.knots + [f.upper]
        return (x, x.map { f($0) })
    }

    /// The target, the deep network and the best equal-budget shallow network, one panel per k.
    static func fits(_ panels: [Panel]) throws -> NamedFigure? {
        guard !panels.isEmpty else { return nil }
        var plotted: [Plot.Panel] = []
        for (index, p) in panels.enumerated() {
            let deep = try PiecewiseLinear(network: p.deep)
            let shallow = try PiecewiseLinear(network: p.shallow)
            let target = graph(deep)
            let d = graph(deep), s = graph(shallow)
            let last = index == panels.count - 1
            plotted.append(Plot.Panel(
                title: "k = \(p.k) · \(p.deep.parameterCount) parameters each · deep: \(deep.pieces) pieces, exact · shallow (\(p.units) units): error \(String(format: "%.3f", p.shallowError))",
                x: Axis(label: last ? "x" : nil, limits: 0...1), y: Axis(label: "output", limits: -0.1...1.15),
                legend: index == 0 ? .outside : .none,
                marks: [
                    .line(LineMark(x: target.x, y: target.y, label: "target (sawtooth)", color: DepthColors.target, width: 5)),
                    .line(LineMark(x: d.x, y: d.y, label: "deep, hand-built", color: DepthColors.deep, width: 1.2)),
                    .line(LineMark(x: p.knotGraph.x, y: p.knotGraph.y, label: "shallow, best kink placement found", color: DepthColors.shallow,
                                   width: 1.5, dash: [4, 3])),
                    .line(LineMark(x: s.x, y: s.y, label: "shallow, trained (best of restarts)", color: DepthColors.shallow, width: 2)),
                ]))
        }
        let figure = Figure(title: "Sawtooth: a hand-built deep network against shallow ones of the same size",
                            width: 760, height: 170 * Double(panels.count) + 60, columns: 1, panels: plotted)
        return NamedFigure(name: "fits", caption: "Grey: the target; blue (on the grey): the hand-built deep network, which matches it exactly; orange: one-hidden-layer networks with the same parameter count, the best of the trained ones (solid) and the best kink placement the search found (dashed).", figure: figure)
    }

    /// Errors of the shallow networks against k, with the kink search and the lower bound.
    static func errors(series: [String: Series]) -> NamedFigure? {
        guard let best = series["error.shallow_best"], let knots = series["error.knot_search"],
              let bound = series["error.lower_bound"] else { return nil }
        let panel = Plot.Panel(
            x: Axis(label: "compositions k (2ᵏ⁻¹ teeth)"), y: Axis(label: "mean squared error on [0, 1]"), legend: .topLeft,
            marks: [
                .line(LineMark(x: best.x, y: best.x.map { _ in 0 }, label: "deep, hand-built (exact)", color: DepthColors.deep, marker: .circle)),
                .line(LineMark(x: best.x, y: best.y, label: "shallow, trained (best of restarts)", color: DepthColors.shallow, marker: .circle)),
                .line(LineMark(x: knots.x, y: knots.y, label: "shallow, best kink placement found", color: DepthColors.shallow, dash: [5, 3], marker: .square)),
                .line(LineMark(x: bound.x, y: bound.y, label: "lower bound for any shallow network", color: DepthColors.bound, dash: [2, 3])),
                .rule(RuleMark(.horizontal, at: 1.0 / 12, label: "predicting ½ everywhere", color: Color(hex: 0x777777))),
            ])
        return NamedFigure(name: "errors", caption: "Mean squared error at an equal parameter budget as the number of compositions grows.",
                           figure: Figure(title: "Error at an equal budget: deep (2 units per layer) against shallow (2k units)", width: 600, height: 360, panel: panel))
    }
}
