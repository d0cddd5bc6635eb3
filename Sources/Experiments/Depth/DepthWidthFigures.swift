import Foundation
import Notebook
import Plot

/// The figures of `depth-vs-width`.
enum DepthWidthFigures {
    /// Error against parameter budget for both families (top, one panel per target) and
    /// the runs that learned nothing (bottom).
    static func errors(series: [String: Series], config: DepthWidthExperiment.Config,
                       constants: [(String, Double)], failures: [String: Series]) -> NamedFigure? {
        var top: [Panel] = []
        var bottom: [Panel] = []
        let titles = ["sawtooth": "sawtooth, \(1 << (config.compositions - 1)) teeth", "smooth": "smooth, \(config.bumps) bumps"]
        let families = [("deep", "deep (\(config.deepWidth) units per layer)", DepthColors.deep),
                        ("shallow", "shallow (one hidden layer)", DepthColors.shallow)]
        for (target, constant) in constants {
            var marks: [Mark] = []
            var failed: [Mark] = []
            for (family, name, color) in families {
                let key = "\(target).\(family)"
                guard let median = series[key + ".median"], let low = series[key + ".q25"], let high = series[key + ".q75"],
                      let best = series[key + ".best"] else { continue }
                marks.append(.band(BandMark(x: median.x, lower: low.y, upper: high.y, color: color)))
                marks.append(.line(LineMark(x: median.x, y: median.y, color: color, marker: .circle)))
                marks.append(.line(LineMark(x: best.x, y: best.y, color: color, dash: [4, 3], marker: .triangle)))
                if let f = failures[key] {
                    failed.append(.line(LineMark(x: f.x, y: f.y, label: name, color: color, marker: .circle)))
                }
            }
            marks.append(.rule(RuleMark(.horizontal, at: constant, label: "predicting the mean", color: DepthColors.bound)))
            let values = families.flatMap { series["\(target).\($0.0).best"]?.y ?? [] }.filter { $0 > 0 && $0.isFinite }
            let lowest = pow(10, floor(log10(values.min() ?? 1e-4)))
            top.append(Panel(title: "\(titles[target] ?? target): median and best seed",
                             x: Axis(label: "parameters"),
                             y: Axis(label: "mean squared error", scale: .log10, limits: lowest...(constant * 4)),
                             legend: .none, marks: marks))
            bottom.append(Panel(title: "\(titles[target] ?? target): runs that learned nothing",
                                x: Axis(label: "parameters"),
                                y: Axis(label: "failed runs of \(config.seeds)", limits: 0...Double(config.seeds)),
                                legend: bottom.isEmpty ? .topLeft : .none, marks: failed))
        }
        return NamedFigure(name: "errors",
                           caption: "Top: mean squared error against parameter count over \(config.seeds) seeds per network; solid lines are medians, bands the middle half of the seeds, dashed lines the best seed. Bottom: runs whose error stayed above \(Int((config.failureLevel * 100).rounded()))% of the error of predicting the mean.",
                           figure: Figure(title: "Deep-narrow against shallow-wide at equal parameter budgets", width: 860, height: 640,
                                          columns: 2, panels: top + bottom))
    }
}
