import Foundation
import Yams

/// Reads a lesson notebook: YAML front matter, Markdown prose and fenced
/// ```` ```{experiment} ```` cells, keeping the line of every key for messages.
public enum LessonParser {
    /// Keys a cell may set.
    static let cellKeys = ["id", "run", "with", "quick", "show", "expect", "seed", "seeds", "alt"]
    /// Keys the front matter may set.
    static let frontMatterKeys = ["title", "summary", "seed"]

    /// Reads and parses the lesson at `url`; `path` is how messages name the file.
    public static func parse(contentsOf url: URL, path: String? = nil) throws -> Lesson {
        let path = path ?? url.path
        guard let data = FileBytes.read(atPath: url.path) else {
            throw NotebookError(file: path, message: "cannot read the lesson file; expected a readable Markdown file")
        }
        var lesson = try parse(data: data, path: path, name: Lesson.name(ofFile: url))
        lesson.sourceHash = SHA256.hex(of: [UInt8](data))
        return lesson
    }

    /// The largest lesson file read; anything bigger is refused before parsing.
    static let maximumBytes = 1 << 20

    /// Parses the bytes of a lesson file: UTF-8, with or without a byte-order mark.
    public static func parse(data: Data, path: String, name: String) throws -> Lesson {
        guard data.count <= maximumBytes else {
            throw NotebookError(file: path, message:
                "the lesson file is \(data.count) bytes; expected a Markdown file of at most 1 MB")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw NotebookError(file: path, message: "the file is UTF-16 text; expected UTF-8 (save it as UTF-8)")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw NotebookError(file: path, message: "expected UTF-8 text")
        }
        return try parse(text, path: path, name: name)
    }

    /// Splits text into lines at LF, CRLF or a lone CR, so files from any editor read alike.
    /// (A Swift `Character` holds CRLF as one character, so splitting at "\n" alone misses it.)
    static func lines(of text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
    }

    /// Parses lesson text. `path` names the file in messages; `name` is the lesson's name.
    public static func parse(_ text: String, path: String, name: String) throws -> Lesson {
        var text = text
        if text.first == "\u{FEFF}" { text.removeFirst() }
        let lines = Self.lines(of: text)
        // Front matter.
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            throw NotebookError(file: path, line: 1, message:
                "expected front matter: a first line `---`, then `title:`, `summary:` and `seed:`, then `---`")
        }
        guard let end = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }) else {
            throw NotebookError(file: path, line: 1, message:
                "front matter is not closed: expected a line `---` after `title:`, `summary:` and `seed:`")
        }
        let front = try yamlMapping(lines[1..<end].joined(separator: "\n"), firstLine: 2, path: path,
                                    what: "front matter")
        var title = "", summary = "", seed: UInt64 = 0, hasTitle = false, summaryLine = 1
        for (key, entry) in front {
            switch key {
            case "title":
                guard case .string(let value) = entry.value else {
                    throw NotebookError(file: path, line: entry.line, key: "title", message:
                        "expected text, found \(entry.value.shortDescription)")
                }
                title = value
                hasTitle = true
            case "summary":
                guard let value = entry.value.textValue else {
                    throw NotebookError(file: path, line: entry.line, key: "summary", message:
                        "expected text, found \(entry.value.shortDescription)")
                }
                summary = value
                summaryLine = entry.line
            case "seed":
                seed = try seedValue(entry, path: path, key: "seed")
            default:
                throw unknownKey(key, known: frontMatterKeys, path: path, line: entry.line, context: "front matter")
            }
        }
        if !hasTitle || title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw NotebookError(file: path, line: 1, key: "title", message:
                "the front matter has no title; expected `title: <text>`")
        }

        // Body: prose and cells.
        var blocks: [LessonBlock] = []
        var prose: [String] = []
        var proseStart = end + 2
        var ids: [String: Int] = [:]
        var index = end + 1
        var otherFence: String? = nil
        func flushProse() {
            if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"), line: proseStart)) }
            prose = []
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let fence = otherFence {
                prose.append(line)
                if trimmed.hasPrefix(fence) && trimmed.drop(while: { $0 == "`" || $0 == "~" }).isEmpty { otherFence = nil }
                index += 1
                continue
            }
            let fenceChars = trimmed.prefix(while: { $0 == "`" })
            if fenceChars.count >= 3 {
                let info = trimmed.dropFirst(fenceChars.count).trimmingCharacters(in: .whitespaces)
                if info == "{experiment}" || info == "{exercise}" {
                    flushProse()
                    let fenceLine = index + 1
                    let what = info == "{experiment}" ? "experiment cell" : "exercise"
                    guard let close = lines.indices.dropFirst(index + 1).first(where: {
                        let l = lines[$0].trimmingCharacters(in: .whitespaces)
                        return l.hasPrefix(String(fenceChars)) && l.allSatisfy { $0 == "`" }
                    }) else {
                        throw NotebookError(file: path, line: fenceLine, message:
                            "the \(what) is not closed: expected a line \(fenceChars) after it")
                    }
                    let body = lines[(index + 1)..<close].joined(separator: "\n")
                    let block: LessonBlock, id: String, idLine: Int
                    if info == "{experiment}" {
                        let cell = try parseCell(body, fenceLine: fenceLine, path: path)
                        (block, id, idLine) = (.cell(cell), cell.id, cell.lines["id"] ?? fenceLine)
                    } else {
                        let exercise = try parseExercise(body, fenceLine: fenceLine, path: path)
                        (block, id, idLine) = (.exercise(exercise), exercise.id, exercise.lines["id"] ?? fenceLine)
                    }
                    if let previous = ids[id] {
                        throw NotebookError(file: path, line: idLine, key: "id", message:
                            "duplicate \(info == "{experiment}" ? "cell" : "exercise") id `\(id)` (first used on line \(previous)); expected every cell and exercise to have its own id")
                    }
                    ids[id] = idLine
                    blocks.append(block)
                    index = close + 1
                    proseStart = index + 1
                    continue
                }
                otherFence = String(fenceChars)
            } else if trimmed.hasPrefix("~~~") {
                otherFence = "~~~"
            }
            if prose.isEmpty { proseStart = index + 1 }
            prose.append(line)
            index += 1
        }
        flushProse()
        var lesson = Lesson(path: path, name: name, title: title, summary: summary, seed: seed,
                            blocks: blocks, sourceHash: SHA256.hex(of: text))
        lesson.summaryLine = summaryLine
        return lesson
    }

    static func parseCell(_ body: String, fenceLine: Int, path: String) throws -> LessonCell {
        let entries = try yamlMapping(body, firstLine: fenceLine + 1, path: path, what: "experiment cell")
        var cell = LessonCell(id: "", kind: "", with: [:], quick: [:], show: nil, expect: [],
                              seed: nil, seeds: nil, line: fenceLine, lines: [:])
        for (key, entry) in entries {
            cell.lines[key] = entry.line
            switch key {
            case "id":
                guard case .string(let id) = entry.value, isIdentifier(id) else {
                    throw NotebookError(file: path, line: entry.line, key: "id", message:
                        "expected a name of letters, digits and underscores that starts with a letter, found \(entry.value.shortDescription)")
                }
                cell.id = id
            case "run":
                guard case .string(let kind) = entry.value else {
                    throw NotebookError(file: path, line: entry.line, key: "run", message:
                        "expected the name of an experiment kind, found \(entry.value.shortDescription)")
                }
                cell.kind = kind
            case "with", "quick":
                guard case .object(let values) = entry.value else {
                    if entry.value == .null { continue }
                    throw NotebookError(file: path, line: entry.line, key: key, message:
                        "expected parameters as `name: value` lines, found \(entry.value.shortDescription)")
                }
                if key == "with" { cell.with = values } else { cell.quick = values }
                for (subkey, line) in entry.lines { cell.lines["\(key).\(subkey)"] = line }
            case "show":
                cell.show = try stringList(entry, key: key, path: path, what: "names of figures or tables")
                for (subkey, line) in entry.lines { cell.lines["show.\(subkey)"] = line }
            case "expect":
                let claims = try stringList(entry, key: key, path: path, what: "claims such as `final.accuracy >= 0.9`")
                cell.expect = claims.enumerated().map { ($0.element, entry.lines["\($0.offset)"] ?? entry.line) }
            case "seed":
                cell.seed = try seedValue(entry, path: path, key: "seed")
            case "seeds":
                cell.seeds = try adaptiveSeeds(entry, path: path)
                for (subkey, line) in entry.lines { cell.lines["seeds.\(subkey)"] = line }
            case "alt":
                guard case .object(let values) = entry.value else {
                    throw NotebookError(file: path, line: entry.line, key: "alt", message:
                        "expected sentences by figure name, such as `alt: {loss: \"The last epochs barely move.\"}`, found \(entry.value.shortDescription)")
                }
                for (name, value) in values {
                    guard case .string(let sentence) = value, !sentence.isEmpty else {
                        throw NotebookError(file: path, line: entry.lines[name] ?? entry.line, key: "alt.\(name)", message:
                            "expected a sentence in quotes, found \(value.shortDescription)")
                    }
                    cell.alt[name] = sentence
                }
                for (subkey, line) in entry.lines { cell.lines["alt.\(subkey)"] = line }
            default:
                throw unknownKey(key, known: cellKeys, path: path, line: entry.line, context: "experiment cell")
            }
        }
        if cell.id.isEmpty {
            throw NotebookError(file: path, line: fenceLine, key: "id", message:
                "the experiment cell has no id; expected `id: <name>` so prose can refer to its results")
        }
        if cell.kind.isEmpty {
            throw NotebookError(file: path, line: fenceLine, key: "\(cell.id).run", message:
                "the experiment cell names no experiment; expected `run: <kind>`")
        }
        return cell
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    static func seedValue(_ entry: YAMLEntry, path: String, key: String) throws -> UInt64 {
        guard case .int(let value) = entry.value, value >= 0 else {
            throw NotebookError(file: path, line: entry.line, key: key, message:
                "expected a whole number 0 or larger, found \(entry.value.shortDescription)")
        }
        return UInt64(value)
    }

    /// A cell's `seeds: {min: 5, max: 30}`. A single number is refused: a fixed count of
    /// seeds is the kind's own `seeds` parameter, set under `with:`.
    static func adaptiveSeeds(_ entry: YAMLEntry, path: String) throws -> AdaptiveSeeds {
        let expected = "a range such as `seeds: {min: 5, max: 30}` (seeds are added until the cell's claims are decided)"
        guard case .object(let values) = entry.value else {
            if case .int = entry.value {
                throw NotebookError(file: path, line: entry.line, key: "seeds", message:
                    "expected \(expected), found \(entry.value.shortDescription); a fixed number of seeds is the kind's parameter: write it under `with:` (`with: {seeds: \(entry.value.shortDescription)}`)")
            }
            throw NotebookError(file: path, line: entry.line, key: "seeds", message:
                "expected \(expected), found \(entry.value.shortDescription)")
        }
        for key in values.keys.sorted() where key != "min" && key != "max" {
            throw unknownKey(key, known: ["min", "max"], path: path, line: entry.lines[key] ?? entry.line,
                             context: "`seeds:` range")
        }
        func count(_ key: String) throws -> Int {
            guard let value = values[key] else {
                throw NotebookError(file: path, line: entry.line, key: "seeds.\(key)", message:
                    "the range has no `\(key)`; expected \(expected)")
            }
            guard case .int(let number) = value, number >= 1 else {
                throw NotebookError(file: path, line: entry.lines[key] ?? entry.line, key: "seeds.\(key)", message:
                    "expected a whole number 1 or larger, found \(value.shortDescription)")
            }
            return number
        }
        let range = AdaptiveSeeds(min: try count("min"), max: try count("max"))
        guard range.max >= range.min else {
            throw NotebookError(file: path, line: entry.lines["max"] ?? entry.line, key: "seeds.max", message:
                "expected a whole number at least `min` (\(range.min)), found \(range.max)")
        }
        return range
    }

    static func stringList(_ entry: YAMLEntry, key: String, path: String, what: String) throws -> [String] {
        switch entry.value {
        case .string(let text): return [text]
        case .array(let items):
            return try items.enumerated().map { offset, item in
                guard let text = item.textValue else {
                    throw NotebookError(file: path, line: entry.lines["\(offset)"] ?? entry.line, key: key, message:
                        "expected \(what), found \(item.shortDescription)")
                }
                return text
            }
        default:
            throw NotebookError(file: path, line: entry.line, key: key, message:
                "expected a list of \(what), found \(entry.value.shortDescription)")
        }
    }

    static func unknownKey(_ key: String, known: [String], path: String, line: Int, context: String) -> NotebookError {
        NotebookError(file: path, line: line, key: key,
                      message: Suggestion.message("unknown key in the \(context)", name: key, among: known))
    }

    /// A top-level YAML mapping entry with its value and the lines of its nested keys.
    struct YAMLEntry {
        var value: ConfigValue
        var line: Int
        /// Lines of nested keys and items, as dotted paths relative to this entry (`epochs`, `0`, `optimizer.lr`).
        var lines: [String: Int]
    }

    /// Parses `text` as a YAML mapping whose first line is line `firstLine` of the file.
    static func yamlMapping(_ text: String, firstLine: Int, path: String, what: String) throws -> [(String, YAMLEntry)] {
        try checkIndentation(text, firstLine: firstLine, path: path, what: what)
        let node: Node?
        do {
            // The parser keeps the anchors alive (nodes hold them weakly) while they are read.
            let parser = try Yams.Parser(yaml: text)
            node = try parser.singleRoot()
            if let node {
                try withExtendedLifetime(parser) {
                    try refuseAnchors(in: node, firstLine: firstLine, path: path, what: what)
                }
            }
        } catch let error as NotebookError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, yamlText: text, firstLine: firstLine, path: path, what: what)
        } catch {
            throw NotebookError(file: path, line: firstLine, message: "broken YAML in the \(what): \(error)")
        }
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            throw NotebookError(file: path, line: firstLine, message:
                "expected the \(what) to be `key: value` lines, found \(describe(node))")
        }
        var entries: [(String, YAMLEntry)] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let line = firstLine + (keyNode.mark?.line ?? 1) - 1
            guard let key = keyNode.scalar?.string else {
                throw NotebookError(file: path, line: line, message: "expected a plain key in the \(what)")
            }
            if !seen.insert(key).inserted {
                throw NotebookError(file: path, line: line, key: key, message: "the key appears twice in the \(what); expected it once")
            }
            var lines: [String: Int] = [:]
            let value = try configValue(valueNode, prefix: "", firstLine: firstLine, lines: &lines, path: path)
            entries.append((key, YAMLEntry(value: value, line: line, lines: lines)))
        }
        return entries
    }

    /// Converts a YAML node into a configuration value, recording the line of each nested key.
    static func configValue(_ node: Node, prefix: String, firstLine: Int, lines: inout [String: Int], path: String) throws -> ConfigValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { offset, item in
                let key = prefix.isEmpty ? "\(offset)" : "\(prefix).\(offset)"
                lines[key] = firstLine + (item.mark?.line ?? 1) - 1
                return try configValue(item, prefix: key, firstLine: firstLine, lines: &lines, path: path)
            })
        case .mapping(let mapping):
            var object: [String: ConfigValue] = [:]
            for (keyNode, valueNode) in mapping {
                let line = firstLine + (keyNode.mark?.line ?? 1) - 1
                guard let name = keyNode.scalar?.string else {
                    throw NotebookError(file: path, line: line, message: "expected a plain key")
                }
                let key = prefix.isEmpty ? name : "\(prefix).\(name)"
                if object[name] != nil {
                    throw NotebookError(file: path, line: line, key: key, message: "the key appears twice; expected it once")
                }
                lines[key] = line
                object[name] = try configValue(valueNode, prefix: key, firstLine: firstLine, lines: &lines, path: path)
            }
            return .object(object)
        case .alias:
            return .null
        }
    }

    static func scalarValue(_ scalar: Node.Scalar) -> ConfigValue {
        let node = Node.scalar(scalar)
        let tag = scalar.tag.rawValue.isEmpty && scalar.style == .plain ? Resolver.default.resolveTag(of: node)
            : Tag.Name(rawValue: scalar.tag.rawValue)
        switch tag {
        case .null: return .null
        case .bool: return node.bool.map(ConfigValue.bool) ?? .string(scalar.string)
        case .int:
            // YAML 1.1's base-60 integers (`1:30`) overflow inside Yams, which traps; they are
            // read here with overflow checks, and one too large stays text.
            if scalar.string.contains(":") { return sexagesimal(scalar.string).map(ConfigValue.int) ?? .string(scalar.string) }
            return node.int.map(ConfigValue.int) ?? .string(scalar.string)
        case .float: return node.float.map(ConfigValue.double) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    /// A base-60 integer (`-1:30` is -90), or nil when it is not one or does not fit.
    static func sexagesimal(_ text: String) -> Int? {
        var digits = text.replacingOccurrences(of: "_", with: "")
        var sign = 1
        if digits.hasPrefix("-") { sign = -1; digits.removeFirst() } else if digits.hasPrefix("+") { digits.removeFirst() }
        var value = 0
        for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
            guard let place = Int(part), place >= 0 else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 60)
            let (sum, overflowB) = shifted.addingReportingOverflow(place)
            guard !overflowA, !overflowB else { return nil }
            value = sum
        }
        return sign * value
    }

    /// Parses a value written on the command line (`3`, `0.1`, `tanh`, `[2, 2]`, `{lr: 0.1}`).
    public static func parseValue(_ text: String) throws -> ConfigValue {
        do {
            let parser = try Yams.Parser(yaml: text)
            guard let node = try parser.singleRoot() else { return .null }
            if let found = withExtendedLifetime(parser, { firstAnchor(in: node) }) {
                throw NotebookError(file: "--set", message:
                    "cannot read the value `\(text)`: it uses a YAML anchor (`&\(found.name)`); expected the value written out, such as 3, 0.1, tanh or [2, 2]")
            }
            var lines: [String: Int] = [:]
            return try configValue(node, prefix: "", firstLine: 1, lines: &lines, path: "--set")
        } catch let error as YamlError {
            throw NotebookError(file: "--set", message: "cannot read the value `\(text)`: \(yamlProblem(error)); expected a number, text, true/false or a list like [2, 2]")
        }
    }

    /// Refuses lines indented with a tab, which YAML forbids (tabs between tokens are
    /// fine), before libyaml composes the text, so the message names the line.
    static func checkIndentation(_ text: String, firstLine: Int, path: String, what: String) throws {
        for (offset, line) in lines(of: text).enumerated()
        where line.first == "\t" && line.contains(where: { $0 != " " && $0 != "\t" }) {
            throw NotebookError(file: path, line: firstLine + offset, message:
                "a tab indents this line of the \(what); expected spaces for indentation (YAML allows tabs only after a value starts)")
        }
    }

    /// Refuses anchors and aliases (`&name`, `*name`), which the lesson format leaves out of
    /// YAML: nested repeats of an alias expand beyond any bound when the values are read.
    static func refuseAnchors(in node: Node, firstLine: Int, path: String, what: String) throws {
        if let found = firstAnchor(in: node) {
            throw NotebookError(file: path, line: firstLine + found.line - 1, message:
                "the \(what) uses a YAML anchor (`&\(found.name)`); expected every value written out, since lessons do not support anchors and aliases")
        }
    }

    /// The first anchored node in document order, with its line (1 for the text's first);
    /// the `Yams.Parser` that composed `node` must still be alive, since a node holds its
    /// anchor weakly. Yams composes an alias as the anchored node itself, shared rather than copied, and an
    /// anchor always comes before its aliases, so the walk stops before it reaches any
    /// repeat: a document of nested aliases is refused in time linear in its text.
    static func firstAnchor(in node: Node) -> (line: Int, name: String)? {
        if let anchor = node.anchor { return (node.mark?.line ?? 1, anchor.rawValue) }
        switch node {
        case .scalar, .alias:
            return nil
        case .sequence(let sequence):
            for item in sequence { if let found = firstAnchor(in: item) { return found } }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAnchor(in: key) ?? firstAnchor(in: value) { return found }
            }
        }
        return nil
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "`\(scalar.string)`"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return (context.map { $0.text + " " } ?? "") + problem
        default:
            return "\(error)"
        }
    }

    static func yamlError(_ error: YamlError, yamlText: String, firstLine: Int, path: String, what: String) -> NotebookError {
        var line = firstLine
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            line = firstLine + mark.line - 1
        default: break
        }
        // libyaml may report an unclosed bracket at the end of input, past the last line.
        let lastLine = firstLine + max(0, yamlText.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        line = min(line, lastLine)
        return NotebookError(file: path, line: line, message:
            "broken YAML in the \(what): \(yamlProblem(error)); expected `key: value` lines with consistent indentation")
    }
}
