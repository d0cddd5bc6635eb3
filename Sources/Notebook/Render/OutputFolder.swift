import Foundation

/// Atomic replacement of a run folder and the `README.md` index of an output folder.
public enum OutputFolder {
    /// Builds a folder with `build` in a temporary folder beside `target`, then swaps it
    /// into place. If `build` throws, the temporary folder is removed and `target` is untouched.
    static func replace(_ target: URL, build: (URL) throws -> Void) throws {
        do {
            try replacing(target, build: build)
        } catch where NotebookError.isFileSystemError(error) {
            throw NotebookError.system(error, doing: "writing the folder", path: target.relativePath,
                                       expected: "a folder that can be created and written (choose another with --out DIR)")
        }
    }

    private static func replacing(_ target: URL, build: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        recover(target)
        let token = UUID().uuidString.prefix(8)
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(token)")
        let previous = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(token)")
        try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        do {
            try build(temporary)
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        // Two renames: the old folder steps aside, the new one takes its name. Between them
        // (a few microseconds) the target is missing, never half-written.
        let hadPrevious = manager.fileExists(atPath: target.path)
        if hadPrevious { try manager.moveItem(at: target, to: previous) }
        do {
            try manager.moveItem(at: temporary, to: target)
        } catch {
            if hadPrevious { try? manager.moveItem(at: previous, to: target) }
            try? manager.removeItem(at: temporary)
            throw error
        }
        if hadPrevious { try? manager.removeItem(at: previous) }
    }

    /// Cleans up after an interrupted replacement: a half-built folder is removed, and a
    /// previous folder that had stepped aside comes back if nothing took its place.
    static func recover(_ target: URL) {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let names = (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(".\(target.lastPathComponent).new-") {
            try? manager.removeItem(at: parent.appendingPathComponent(name))
        }
        for name in names where name.hasPrefix(".\(target.lastPathComponent).old-") {
            let previous = parent.appendingPathComponent(name)
            if manager.fileExists(atPath: target.path) {
                try? manager.removeItem(at: previous)
            } else {
                try? manager.moveItem(at: previous, to: target)
            }
        }
    }

    /// The runs directly under `root` (each a folder with `run.json`), ordered by lesson file.
    public static func runs(in root: URL) -> [RunFolder] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
            .compactMap { try? RunFolder(contentsOf: root.appendingPathComponent($0)) }
            .sorted { ($0.manifest.source as NSString).lastPathComponent < ($1.manifest.source as NSString).lastPathComponent }
    }

    /// Writes `root/README.md` and `root/index.html` (as `reports` says): every lesson run
    /// under `root` with its summary, status, compute time (what the lesson takes to compute,
    /// even when this render was served from the cache), the last render's wall time, and a link.
    public static func writeIndex(_ root: URL, reports: [String] = ["md", "html"]) throws {
        var lines = ["# Lesson reports", "",
                     "Written by `lessonbook render`; each report is regenerated from its lesson in `lessons/`.", "",
                     "| Lesson | Summary | Status | Compute time | Last render | Cells |", "| --- | --- | --- | ---: | ---: | --- |"]
        for run in runs(in: root) {
            let manifest = run.manifest
            let folder = run.url.lastPathComponent
            let status = manifest.claims.status
            let hits = manifest.cells.filter { $0.cache == "hit" }.count
            let profile = manifest.profile == "quick" ? " (quick)" : ""
            let title = MarkdownText.cell(manifest.title).replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            lines.append("| [\(title)](\(folder)/report.md)\(profile) | \(MarkdownText.cell(manifest.summary)) | \(status) | \(manifest.computeSeconds.map { String(format: "%.1f s", $0) } ?? "unknown") | \(String(format: "%.1f s", manifest.seconds)) | \(manifest.cells.count) (\(hits) from cache) |")
        }
        let text = lines.joined(separator: "\n") + "\n"
        func write(_ contents: String, to name: String) throws {
            do {
                try Data(contents.utf8).write(to: root.appendingPathComponent(name), options: .atomic)
            } catch {
                throw NotebookError.system(error, doing: "writing the index \(name)", path: root.relativePath,
                                           expected: "a writable output folder (choose another with --out DIR)")
            }
        }
        if reports.contains("md") { try write(text, to: "README.md") }
        if reports.contains("html") {
            try write(HTMLReport(markdown: text, folder: root, title: "Lesson reports").html(), to: "index.html")
        }
    }
}
