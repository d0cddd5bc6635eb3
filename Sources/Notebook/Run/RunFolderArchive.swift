import Foundation

/// A run folder flattened into one text: each file introduced by a line `@@@ relative/path`.
/// The fuzz target for `compare` reads its inputs in this form, its seed corpus is made of
/// real runs packed this way, and regression tests unpack the inputs it found.
enum RunFolderArchive {
    static let marker = "@@@ "

    /// Packs the files below `folder` whose names end in `.json` (run.json and data/).
    static func pack(_ folder: URL) throws -> Data {
        var out = Data()
        let base = folder.standardizedFileURL.path
        let files = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") }.sorted() ?? []
        for file in files {
            out.append(Data((marker + file + "\n").utf8))
            guard let bytes = FileBytes.read(URL(fileURLWithPath: base).appendingPathComponent(file)) else {
                throw NotebookError(file: file, message: "cannot read the file; expected a readable file of the run folder")
            }
            out.append(bytes)
            out.append(Data("\n".utf8))
        }
        return out
    }

    /// Writes the files of `archive` below `folder`. Paths that would leave the folder, or
    /// that are not plain names, are skipped; at most 64 files are written.
    static func unpack(_ archive: Data, into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = String(decoding: archive, as: UTF8.self)
        var written = 0
        for chunk in ("\n" + text).components(separatedBy: "\n" + marker).dropFirst() {
            guard written < 64 else { break }
            let newline = chunk.firstIndex(of: "\n") ?? chunk.endIndex
            let path = String(chunk[..<newline])
            let body = newline < chunk.endIndex ? String(chunk[chunk.index(after: newline)...]) : ""
            let segments = path.split(separator: "/")
            guard !segments.isEmpty, segments.count <= 4,
                  segments.allSatisfy({ $0 != "." && $0 != ".." && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } })
            else { continue }
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(body.utf8).write(to: url)
            written += 1
        }
    }
}
