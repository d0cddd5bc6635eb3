import Notebook
import Plot

/// The figures of `parameter-count`.
enum ParameterCountFigures {
    static func growth(series: [String: Series], base: [Int], config: ParameterCountExperiment.Config) -> [NamedFigure] {
        []
    }
}
