import Foundation

/// One run in a comparison: a run folder written by `lessonbook render`, read and checked,
/// with the label that names it in the report's columns and legends.
public struct ComparedRun: Sendable {
    /// The folder holding `run.json`.
    public var url: URL
    /// The folder as the person named it (`output/width-vs-depth`), for messages and the report.
    public var path: String
    /// The column header and legend entry (`wide`, `output/width-vs-depth`).
    public var label: String
    /// The run's `run.json`: its profile, overrides, timings and claim summary.
    public var manifest: RunManifest
    /// The cells' records, in the manifest's order.
    public var cells: [CellRecord]
    /// Where the run folder sits relative to the comparison folder when it lives inside it
    /// (`runs/wide` for a variant), so the report links its figures instead of copying them.
    public var pathInReport: String?

    /// Reads and checks the run folder at `url`; `path` is how messages name it.
    public init(contentsOf url: URL, path: String? = nil, label: String, pathInReport: String? = nil) throws {
        let path = path ?? url.path
        self.url = url
        self.path = path
        self.label = label
        self.pathInReport = pathInReport
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw NotebookError(file: path, message: "no such folder; expected a run folder written by `lessonbook render` (or the name of a rendered lesson)")
        }
        guard isFolder.boolValue else {
            throw NotebookError(file: path, message: "this is a file, not a run folder; expected a folder written by `lessonbook render` (holding run.json, report.md, data/)")
        }
        let manifestURL = url.appendingPathComponent("run.json")
        guard let data = FileBytes.read(atPath: manifestURL.path) else {
            throw NotebookError(file: path, message: "not a run folder: it has no run.json; expected a folder written by `lessonbook render`")
        }
        do {
            manifest = try CanonicalJSON.decode(RunManifest.self, from: data)
        } catch {
            throw NotebookError(file: Self.join(path, "run.json"), message:
                "cannot read the run manifest: \(Self.describe(error)); expected the run.json that `lessonbook render` writes (render the lesson again)")
        }
        var cells: [CellRecord] = []
        var seen: Set<String> = []
        for cell in manifest.cells {
            let shown = Self.join(path, cell.data)
            guard seen.insert(cell.id).inserted else {
                throw NotebookError(file: Self.join(path, "run.json"), key: cell.id, message: "the cell is listed twice; expected each cell once")
            }
            guard !cell.data.hasPrefix("/"), !cell.data.split(separator: "/").contains("..") else {
                throw NotebookError(file: Self.join(path, "run.json"), key: cell.id, message:
                    "the data file `\(cell.data)` lies outside the run folder; expected a path like data/\(cell.id).json")
            }
            guard let data = FileBytes.read(atPath: url.appendingPathComponent(cell.data).path) else {
                throw NotebookError(file: shown, message: "missing cell data listed in run.json; expected the data file of cell `\(cell.id)` (render the lesson again)")
            }
            let record: CellRecord
            do {
                record = try CanonicalJSON.decode(CellRecord.self, from: data)
            } catch {
                throw NotebookError(file: shown, message:
                    "cannot read the cell data: \(Self.describe(error)); expected the data file `lessonbook render` writes (render the lesson again)")
            }
            guard record.cell == cell.id else {
                throw NotebookError(file: shown, key: "cell", message: "the file holds cell `\(record.cell)`; expected cell `\(cell.id)` as run.json says")
            }
            cells.append(record)
        }
        self.cells = cells
    }

    /// The record of cell `id`, if this run has it.
    public func cell(_ id: String) -> CellRecord? { cells.first { $0.cell == id } }

    /// The URL of a file named in a record (`figures/spiral-loss.png`).
    public func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

    /// A file path as messages show it.
    func shownPath(_ relativePath: String) -> String { Self.join(path, relativePath) }

    static func join(_ folder: String, _ file: String) -> String {
        folder.hasSuffix("/") ? folder + file : folder + "/" + file
    }

    /// A JSON decoding failure in words: which key, and what was wrong there.
    static func describe(_ error: Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        if case .dataCorrupted(let context) = decoding, context.codingPath.isEmpty {
            return "it is not valid JSON"
        }
        if case .keyNotFound(let key, let context) = decoding {
            let path = (context.codingPath + [key]).map { $0.intValue.map(String.init) ?? $0.stringValue }
            return "the key `\(path.joined(separator: "."))` is missing"
        }
        let (key, expected) = LessonPlanner.describe(decoding)
        return key.isEmpty ? "expected \(expected)" : "`\(key)`: expected \(expected)"
    }
}
