import Notebook
import Plot

/// The figures of `linear-regions`.
enum LinearRegionsFigures {
    /// Linear pieces against depth and against width on log axes, with the bounds.
    static func pieces(series: [String: Series], config: LinearRegionsExperiment.Config) -> NamedFigure? {
        let sweeps: [(key: String, title: String, xScale: Scale, bound: String)] = [
            ("depth", "\(config.depthWidth) units per layer, growing depth", .linear, ""),
            ("width1", "one hidden layer, growing width", .log2, ""),
            ("widthL", "\(config.widthDepth) hidden layers, growing width", .log2, ""),
        ]
        var panels: [Panel] = []
        for sweep in sweeps {
            guard let median = series["\(sweep.key).random_median"], let bound = series["\(sweep.key).bound"] else { continue }
            var marks: [Mark] = []
            if let low = series["\(sweep.key).random_q10"], let high = series["\(sweep.key).random_q90"] {
                marks.append(.band(BandMark(x: low.x, lower: low.y, upper: high.y, color: DepthColors.random)))
            }
            marks.append(.line(LineMark(x: median.x, y: median.y, label: "random (median, 10–90%)", color: DepthColors.random, marker: .circle)))
            if let trained = series["\(sweep.key).trained_median"] {
                marks.append(.line(LineMark(x: trained.x, y: trained.y, label: "trained (median)", color: DepthColors.trained, marker: .triangle)))
            }
            if let built = series["\(sweep.key).hand_built"], !built.x.isEmpty {
                marks.append(.scatter(ScatterMark(x: built.x, y: built.y, label: "hand-built zigzag", color: DepthColors.handBuilt,
                                                  size: 7, shape: .diamond)))
            }
            marks.append(.line(LineMark(x: bound.x, y: bound.y, label: "most pieces reachable", color: DepthColors.bound, dash: [5, 3])))
            panels.append(Panel(title: sweep.title, x: Axis(label: median.xLabel, scale: sweep.xScale),
                                y: Axis(label: "linear pieces on [0, 1]", scale: .log10),
                                legend: panels.isEmpty ? .topLeft : .none, marks: marks))
        }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "pieces",
                           caption: "Exact counts of linear pieces on [0, 1] (log scale). Random networks are the starting points of training; trained ones fit the \(config.compositions)-fold sawtooth. The dashed line is the most pieces known to be reachable: m + 1 for one layer of m units (no network has more), n^(L−1)(n + 1) for L layers of n units (the Montúfar et al. 2014 construction; no network has more than (n + 1)^L). The diamonds are hand-built zigzag networks with n^L pieces, counted where n^L ≤ \(config.maxHandBuiltPieces).",
                           figure: Figure(title: "Linear pieces of one-input ReLU networks against what their shape allows",
                                          width: 900, height: 360, columns: 3, panels: panels))
    }
}
