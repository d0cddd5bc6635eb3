import Foundation
import Plot

/// Everything one cell's run produced. Metrics, series and tables are written to
/// `data/<cell>.json` (and tables to CSV); figures are drawn to `figures/<cell>-<name>.*`,
/// animations to `figures/<cell>-<name>.png` (APNG) and `figures/<cell>-<name>.frames.json`.
///
/// A kind's `run` builds one and returns it; the renderer writes it out and caches it, so
/// the same cell with the same configuration and seed is not run again:
///
///     return CellResult(metrics: ["final.loss": loss], series: ["loss.train": curve],
///                       tables: ["summary": table],
///                       figures: [NamedFigure(name: "loss", caption: "Training loss.", figure: figure)])
public struct CellResult: Sendable {
    /// Scalar results under dotted names (`final.train_accuracy`), referenced from prose
    /// as `{{cell.final.train_accuracy}}` and from `expect:` claims. NaN marks a diverged run.
    public var metrics: [String: Double]
    /// Named curves (`loss.train`), overlaid by comparison reports.
    public var series: [String: Series]
    /// Named tables, shown as Markdown and written as CSV.
    public var tables: [String: Table]
    /// Named figures in the order they should appear.
    public var figures: [NamedFigure]
    /// Named animations (frames recorded during the run), shown by `show:` like figures.
    public var animations: [NamedAnimation]
    /// Things a reader should know (skipped points, diverged trials), shown under the cell.
    public var notes: [String]
    /// Metrics measured once per seed (or per repeated search): the values in seed order,
    /// so that two metrics of the same cell with the same count pair up by index. Claims
    /// that compare such metrics are decided on the interval of the difference, not on two
    /// single numbers.
    public var samples: [String: [Double]]

    /// Collects a run's results; every part defaults to empty, so a kind passes only what it has.
    public init(metrics: [String: Double] = [:], series: [String: Series] = [:],
                tables: [String: Table] = [:], figures: [NamedFigure] = [], animations: [NamedAnimation] = [],
                notes: [String] = [], samples: [String: [Double]] = [:]) {
        self.samples = samples
        self.metrics = metrics
        self.series = series
        self.tables = tables
        self.figures = figures
        self.animations = animations
        self.notes = notes
    }
}

/// A curve: y against x, with the names of both axes.
public struct Series: Codable, Sendable, Equatable {
    /// The x coordinates, one per point (epochs, widths, learning rates).
    public var x: [Double]
    /// The y coordinates, as many as `x`.
    public var y: [Double]
    /// The name of the x axis, used when a comparison report redraws the curve.
    public var xLabel: String
    /// The name of the y axis.
    public var yLabel: String
    /// The scales of the axes the series is drawn on in its own figure, so that a
    /// comparison redraws a changed curve on the same layout. Nil for a linear axis (and
    /// then not written to the data file).
    public var xScale: SeriesScale?
    /// The scale of the y axis, as `xScale`.
    public var yScale: SeriesScale?

    /// A curve of the points `(x[i], y[i])`, on linear axes unless scales are given.
    public init(x: [Double], y: [Double], xLabel: String = "x", yLabel: String = "y",
                xScale: SeriesScale? = nil, yScale: SeriesScale? = nil) {
        self.x = x
        self.y = y
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
    }
}

/// A logarithmic axis scale a series' figure uses (see `Series.xScale`).
public enum SeriesScale: String, Codable, Sendable, Equatable {
    /// Base-10 logarithmic axis.
    case log10
    /// Base-2 logarithmic axis.
    case log2
}

/// A table of numbers and text, with a caption.
public struct Table: Codable, Sendable, Equatable {
    /// The line shown above the table (empty for none).
    public var caption: String
    /// The column headings, in order.
    public var columns: [String]
    /// The rows, each with one value per column.
    public var rows: [[TableValue]]

    /// A table with `columns` and `rows`; written as Markdown in the report and as CSV beside it.
    public init(caption: String = "", columns: [String], rows: [[TableValue]]) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }
}

/// One table cell: a number (kept as a number in JSON) or text.
public enum TableValue: Codable, Sendable, Equatable, ExpressibleByStringLiteral,
                        ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A number, written to JSON and CSV as a number.
    case number(Double)
    /// Text, written as a string.
    case text(String)

    /// A text cell: `"relu"` in a row literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// A number cell: `0.25` in a row literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A number cell from a whole number: `3` in a row literal (stored as a `Double`).
    public init(integerLiteral value: Int) { self = .number(Double(value)) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}

/// A figure with the name `show:` uses and the caption printed under it.
public struct NamedFigure: Sendable {
    /// The name `show:` selects and the figure files are named by (`figures/<cell>-<name>.*`).
    public var name: String
    /// The caption printed under the figure.
    public var caption: String
    /// The figure to draw, as built with the Plot module.
    public var figure: Figure

    /// A figure under `name` with its `caption`.
    public init(name: String, caption: String, figure: Figure) {
        self.name = name
        self.caption = caption
        self.figure = figure
    }
}

/// An animation with the name `show:` uses and the caption printed under it. Its frames
/// are snapshots the run recorded, drawn when the cell runs and kept in the cell cache
/// with the figures, so showing it again never reruns training.
public struct NamedAnimation: Sendable {
    /// The name `show:` selects and the animation files are named by.
    public var name: String
    /// The caption printed under the animation.
    public var caption: String
    /// The frames to draw, as recorded by the run.
    public var animation: Animation

    /// An animation under `name` with its `caption`.
    public init(name: String, caption: String, animation: Animation) {
        self.name = name
        self.caption = caption
        self.animation = animation
    }
}
