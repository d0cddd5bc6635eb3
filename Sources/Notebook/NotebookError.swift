import Foundation

/// Everything that can be wrong with a lesson, an override or an output folder. The
/// description is the message printed to the student: where (file and line), which key,
/// and what was expected, in the style `lessons/02-spiral.md:27: spiral.epochs: expected a
/// positive whole number, found -3`.
public struct NotebookError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in, as given on the command line or found in the lessons folder.
    public var file: String
    /// 1-based line in `file`, or nil when the problem is not on one line (a `--set`
    /// override, a missing file).
    public var line: Int?
    /// The key or name at fault (`spiral.epochs`, `run`, `{{spiral.accuracy}}`), or nil.
    public var key: String?
    /// What is wrong and what was expected.
    public var message: String

    /// A problem in `file`, at `line` and under `key` where they are known.
    ///
    ///     throw NotebookError(file: path, line: 27, key: "spiral.epochs",
    ///                         message: "expected a positive whole number, found -3")
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message`, leaving out the line and the key when they are nil.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
