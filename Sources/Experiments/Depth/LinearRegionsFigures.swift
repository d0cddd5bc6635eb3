import Notebook
import Plot

/// The figures of `linear-regions`.
enum LinearRegionsFigures {
    /// Linear pieces against depth and against width on log axes, with the bounds.
    static func pieces(series: [String: Series], config: LinearRegionsExperiment.Config) -> NamedFigure? {
        nil
    }
}
