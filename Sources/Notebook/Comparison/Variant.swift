import Foundation

/// One `--variant NAME:CELL.PARAM=VALUE[,CELL.PARAM=VALUE]` of `lessonbook compare`: a
/// name and the overrides that turn the lesson into this variant. `NAME` alone is the
/// lesson as written. Commas inside brackets or quotes belong to the value, so
/// `wide:spiral.hidden=[8, 8],spiral.epochs=500` is two overrides.
public struct Variant: Sendable, Equatable {
    /// The variant's name: its column, legend entry and folder (`runs/<name>/`).
    public var name: String
    /// The overrides after the colon, in order; empty for the lesson as written.
    public var overrides: [Override]
    /// As written on the command line.
    public var text: String

    /// Parses `NAME[:CELL.PARAM=VALUE,...]`; a name must be a plain folder name (letters, digits,
    /// `-`, `_`, `.`), and each override is read as `Override` reads it.
    ///
    ///     let variant = try Variant("wide:spiral.hidden=[8, 8],spiral.epochs=500")
    ///     // variant.name == "wide", variant.overrides.count == 2
    public init(_ text: String) throws {
        self.text = text
        let option = "--variant \(text)"
        let colon = text.firstIndex(of: ":")
        let name = String(colon.map { text[..<$0] } ?? Substring(text)).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw NotebookError(file: option, message: "the variant has no name; expected NAME:CELL.PARAM=VALUE, for example wide:spiral.hidden=[8,8]")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard name.allSatisfy(allowed.contains), !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw NotebookError(file: option, message:
                "the variant name `\(name)` is not a plain name; expected letters, digits, `-`, `_` or `.` (it names a folder), for example wide")
        }
        self.name = name
        guard let colon else { overrides = []; return }
        let rest = String(text[text.index(after: colon)...])
        var overrides: [Override] = []
        for part in Self.split(rest) where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                overrides.append(try Override(part.trimmingCharacters(in: .whitespaces)))
            } catch let error as NotebookError {
                throw NotebookError(file: option, key: part.trimmingCharacters(in: .whitespaces), message: error.message)
            }
        }
        self.overrides = overrides
    }

    /// Splits at commas outside brackets, braces and quotes.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character? = nil
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth = max(0, depth - 1)
            } else if character == ",", depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}
