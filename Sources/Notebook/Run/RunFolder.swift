import Foundation

/// A finished run read back from disk (`output/<lesson>/`): its manifest and every cell's
/// record. Comparison reports and `lessonbook list` read runs through this.
public struct RunFolder: Sendable {
    /// The folder holding `run.json`.
    public var url: URL
    /// The run's `run.json`: lesson, settings, timings and claim verdicts.
    public var manifest: RunManifest
    /// The cells' records, in the manifest's order.
    public var cells: [CellRecord]

    /// Loads `run.json` and `data/<cell>.json` from `url`.
    public init(contentsOf url: URL) throws {
        self.url = url
        let manifestURL = url.appendingPathComponent("run.json")
        guard let data = FileBytes.read(atPath: manifestURL.path) else {
            throw NotebookError(file: url.path, message: "no run.json here; expected a folder written by `lessonbook render`")
        }
        do {
            manifest = try CanonicalJSON.decode(RunManifest.self, from: data)
        } catch {
            throw NotebookError(file: manifestURL.path, message: "cannot read the run manifest: \(error)")
        }
        cells = try manifest.cells.map { cell in
            let cellURL = url.appendingPathComponent(cell.data)
            guard let data = FileBytes.read(atPath: cellURL.path) else {
                throw NotebookError(file: cellURL.path, message: "missing cell data listed in run.json")
            }
            do {
                return try CanonicalJSON.decode(CellRecord.self, from: data)
            } catch {
                throw NotebookError(file: cellURL.path, message: "cannot read the cell data: \(error)")
            }
        }
    }

    /// The URL of a file named in a record (`figures/spiral-loss.png`).
    public func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }
}
