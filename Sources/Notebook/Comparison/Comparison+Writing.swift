import Foundation

extension Comparison {
    /// Writes the comparison into `folder` (`output/compare/<name>`) atomically: it is built
    /// in a temporary folder beside it and renamed into place, so a failure leaves the
    /// previous comparison whole. `shownFolder` is how the report names the folder.
    /// `reports` chooses `report.md`, `report.html` or both.
    public func write(to folder: URL, shownFolder: String? = nil, reports: [String] = ["md", "html"]) throws {
        for run in runs where run.pathInReport == nil && Self.contains(folder, run.url) {
            throw NotebookError(file: run.path, message:
                "this run lies inside the comparison folder \(shownFolder ?? folder.path), which the comparison replaces; expected a run folder elsewhere (choose another --name or --out)")
        }
        try OutputFolder.replace(folder) { build in
            try writeContents(into: build, shownFolder: shownFolder ?? folder.path, reports: reports)
        }
    }

    /// Writes report, figures and metrics into `build` (already the folder being built).
    func writeContents(into build: URL, shownFolder: String, reports: [String] = ["md", "html"]) throws {
        try ComparisonWriter(comparison: self, build: build, shownFolder: shownFolder, reports: reports).write()
    }

    /// Whether `inner` is `outer` or lies inside it.
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let outerPath = outer.standardizedFileURL.resolvingSymlinksInPath().path
        let innerPath = inner.standardizedFileURL.resolvingSymlinksInPath().path
        return innerPath == outerPath || innerPath.hasPrefix(outerPath.hasSuffix("/") ? outerPath : outerPath + "/")
    }

    /// Labels for runs named by folder: the folder names, or the last two path components
    /// where folder names repeat (`output/spiral`, `archive/spiral`).
    public static func labels(forPaths paths: [String]) -> [String] {
        func components(_ path: String) -> [String] {
            URL(fileURLWithPath: path).standardizedFileURL.pathComponents.filter { $0 != "/" }
        }
        // The same folder named twice keeps one label, numbered: `demo`, `demo (2)`.
        var distinct: [String] = []
        for path in paths.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }) where !distinct.contains(path) {
            distinct.append(path)
        }
        var depth = 1
        var short = distinct.map { components($0).suffix(depth).joined(separator: "/") }
        while Set(short).count < short.count, depth < 64 {
            depth += 1
            short = distinct.map { components($0).suffix(depth).joined(separator: "/") }
        }
        var seen: [String: Int] = [:]
        return paths.map { path in
            let label = short[distinct.firstIndex(of: URL(fileURLWithPath: path).standardizedFileURL.path)!]
            let count = (seen[label] ?? 0) + 1
            seen[label] = count
            return count == 1 ? label : "\(label) (\(count))"
        }
    }

    /// The default folder name of a comparison: its run labels joined by `--`, made safe
    /// as a file name (`narrow--wide`).
    public static func defaultName(labels: [String]) -> String {
        labels.map { ComparisonWriter.safeName($0.replacingOccurrences(of: "/", with: "-")) }.joined(separator: "--")
    }
}
