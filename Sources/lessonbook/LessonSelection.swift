import Foundation
import Notebook

/// Finds lesson files: every `*.md` in the lessons folder (except README.md), or those
/// named on the command line by lesson name (`width-vs-depth`) or by path.
struct LessonSelection {
    /// A lesson file and the path messages use for it.
    struct Entry {
        var url: URL
        var path: String
        var name: String
    }

    let directory: String

    /// Every lesson in the folder, in file-name order.
    func all() throws -> [Entry] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw NotebookError(file: directory, message: "no lessons folder here; expected a folder of lesson .md files (choose one with --lessons DIR)")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw NotebookError(file: directory, message: "cannot read the lessons folder (permission denied?); expected a readable folder of lesson .md files")
        }
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted().map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            let url = URL(fileURLWithPath: path)
            return Entry(url: url, path: path, name: Lesson.name(ofFile: url))
        }
    }

    /// The lessons named, or all of them when `names` is empty.
    func select(_ names: [String]) throws -> [Entry] {
        if names.isEmpty { return try all() }
        var selected: [Entry] = []
        for name in names {
            if name.hasSuffix(".md") || name.contains("/") {
                guard FileManager.default.fileExists(atPath: name) else {
                    throw NotebookError(file: name, message: "no such lesson file; expected the path of a lesson .md file")
                }
                let url = URL(fileURLWithPath: name)
                selected.append(Entry(url: url, path: name, name: Lesson.name(ofFile: url)))
                continue
            }
            let known = try all()
            guard let entry = known.first(where: { $0.name == name }) else {
                var message = "no lesson named `\(name)` in \(directory)"
                if let near = known.map(\.name).min(by: { distance(name, $0) < distance(name, $1) }),
                   distance(name, near) <= max(2, name.count / 3) {
                    message += "; did you mean `\(near)`?"
                }
                message += known.isEmpty ? "" : (message.hasSuffix("?") ? "" : ".") + " Expected one of: \(known.map(\.name).joined(separator: ", "))"
                throw NotebookError(file: name, message: message)
            }
            selected.append(entry)
        }
        return selected
    }

    private func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var next = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            row = next
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
