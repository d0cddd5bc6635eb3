import Foundation
import Plot
import Tensor

/// Writes a cell's figures to files: the one path from figures to files, which
/// `lessonbook render` takes for every cell and `lessonbook bench` (W4) times, so the
/// benchmark measures what a reader waits for.
///
/// Every figure is laid out once (layout is the same for every format), then each file
/// (one figure in one format) is drawn and written as its own job, on up to `jobs` threads
/// (`ParallelTrials`), so the cores stay busy even when one figure costs more than the
/// others. A file's bytes depend only on its figure, format and scale, never on `jobs` or
/// on the order jobs finish in.
///
///     let files = try FigureWriter.write(result.figures.map { ($0.name, $0.figure) },
///                                        formats: ["png", "svg"], scale: 2, into: folder, jobs: 4)
///     // files[0] == ["loss.png", "loss.svg"]
public enum FigureWriter {
    /// A figure that could not be drawn: which one (by index), in which format (nil when
    /// its layout failed, before any format), and why.
    public struct Failure: Error, CustomStringConvertible {
        /// The index of the figure in the list given to `write`.
        public var figure: Int
        /// The format whose drawing failed, or nil when the figure's layout failed.
        public var format: String?
        /// The error the layout or the drawing threw.
        public var underlying: Error
        /// The underlying error's description, so messages read as the drawing's own.
        public var description: String { "\(underlying)" }
    }

    /// Writes `<name>.<format>` into `folder` for every figure and format, `scale` pixels
    /// per point in PNG; returns each figure's file names, formats in the order given.
    /// Every job runs even when one fails; then the failure of the first figure in order
    /// (and, within it, the first format) is thrown, so the message does not depend on
    /// scheduling either.
    @discardableResult
    public static func write(_ figures: [(name: String, figure: Figure)], formats: [String], scale: Double,
                             into folder: URL, jobs: Int? = nil) throws -> [[String]] {
        try write(figures.map { (name: $0.name, figure: $0.figure, scale: scale) }, formats: formats, into: folder, jobs: jobs)
    }

    /// The same with a PNG scale per figure (slide figures: each 1920 pixels wide,
    /// whatever its size in points).
    @discardableResult
    public static func write(_ figures: [(name: String, figure: Figure, scale: Double)], formats: [String],
                             into folder: URL, jobs: Int? = nil) throws -> [[String]] {
        let lists = try ParallelTrials.map(figures.count, jobs: jobs) { i in
            do { return try figures[i].figure.layout() } catch { throw Failure(figure: i, format: nil, underlying: error) }
        }
        _ = try ParallelTrials.map(figures.count * formats.count, jobs: jobs) { job in
            let (i, f) = job.quotientAndRemainder(dividingBy: formats.count)
            do {
                let url = folder.appendingPathComponent("\(figures[i].name).\(formats[f])")
                let data = try lists[i].data(forExtension: formats[f], scale: figures[i].scale, path: url.path)
                // Not `DisplayList.write`: that goes through Foundation, which fsyncs every file.
                do { try FileBytes.write(data, to: url) } catch { throw PlotError.io(path: url.path, message: "\(error)") }
            } catch {
                throw Failure(figure: i, format: formats[f], underlying: error)
            }
        }
        return figures.map { figure in formats.map { "\(figure.name).\($0)" } }
    }
}
