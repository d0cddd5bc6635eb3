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
    }

    /// The target, the deep network and the best equal-budget shallow network, one panel per k.
    static func fits(_ panels: [Panel]) throws -> NamedFigure? {
        nil
    }

    /// Errors of the shallow networks against k, with the kink search and the lower bound.
    static func errors(series: [String: Series]) -> NamedFigure? {
        nil
    }
}
