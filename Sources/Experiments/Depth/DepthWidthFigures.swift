import Notebook
import Plot

/// The figures of `depth-vs-width`.
enum DepthWidthFigures {
    /// Error against parameter budget for both families, one panel per target.
    static func errors(series: [String: Series], config: DepthWidthExperiment.Config,
                       constants: [(String, Double)]) -> NamedFigure? {
        nil
    }
}
