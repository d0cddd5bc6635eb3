/// Errors the plotter reports; the description is the message shown to a person.
public enum PlotError: Error, CustomStringConvertible, Equatable {
    /// A series on a log axis has a value that is zero or negative.
    case nonPositiveOnLogScale(series: String, axis: String, value: Double, count: Int)
    /// Two arrays of one series have different lengths.
    case mismatchedLengths(series: String, what: String, counts: [Int])
    /// The file extension names no format the plotter writes.
    case unsupportedFormat(path: String)
    /// A figure size or scale that cannot be drawn.
    case invalidSize(String)
    /// Cairo reported an error while drawing or writing.
    case cairo(String)
    /// Writing a file failed.
    case io(path: String, message: String)
    /// A PNG image (for pixel comparisons) could not be read or written.
    case image(path: String, message: String)
    /// Frames, labels or delays that do not make an animation.
    case invalidAnimation(String)

    /// The message for a person: what is wrong, with the series, file or value, and what to do.
    public var description: String {
        switch self {
        case let .nonPositiveOnLogScale(series, axis, value, count):
            let more = count > 1 ? " (and \(count - 1) more non-positive value\(count > 2 ? "s" : ""))" : ""
            return "series '\(series)' has \(axis) = \(value)\(more) on a log-scale \(axis) axis; a log scale needs positive values: drop those points or use a linear scale"
        case let .mismatchedLengths(series, what, counts):
            return "series '\(series)': \(what) must have the same number of values, found \(counts.map(String.init).joined(separator: " and "))"
        case let .unsupportedFormat(path):
            return "cannot tell the figure format of '\(path)': expected a file name ending in .png, .svg or .pdf"
        case let .invalidSize(what):
            return what
        case let .cairo(message):
            return "Cairo failed: \(message)"
        case let .io(path, message):
            return "cannot write '\(path)': \(message)"
        case let .image(path, message):
            return "\(path): \(message)"
        case let .invalidAnimation(what):
            return what
        }
    }
}
