import Foundation

/// A figure: a value describing panels, marks, axes and legends. Layout turns it into a
/// display list; a canvas draws that list to PNG, SVG or PDF.
///
/// Contract used by Notebook: `title`, and `write(to:scale:)`, which picks the format from
/// the file extension (`png`, `svg`, `pdf`). The Plot target owns everything else.
public struct Figure: Sendable {
    /// The figure title, also used as alt text in reports.
    public var title: String?
    /// Size in points (1/72 inch).
    public var width: Double
    public var height: Double

    public init(title: String? = nil, width: Double = 576, height: Double = 360) {
        self.title = title
        self.width = width
        self.height = height
    }

    /// Draws the figure to `url`; PNG at `scale` pixels per point.
    public func write(to url: URL, scale: Double = 2) throws {
        throw PlotError.notImplemented("Figure.write")
    }
}

/// Errors the plotter reports; the description is the message shown to a person.
public enum PlotError: Error, CustomStringConvertible {
    case notImplemented(String)
    public var description: String {
        switch self {
        case .notImplemented(let what): return "\(what) is not available yet"
        }
    }
}
