import Foundation

/// One formula written in Markdown prose: `$...$` inline or `$$...$$` on display.
///
/// The rule is pandoc's (`tex_math_dollars`), so that a price is never read as a formula:
/// - `$$` opens a display formula that ends at the next `$$`, which may be lines later;
/// - `$` opens an inline formula only when a non-space character follows it, and the
///   formula ends at the next `$` on the same line, which must have a non-space character
///   before it and no digit right after it, or the first `$` opens nothing (`it costs $5
///   and $6` holds no formula);
/// - `\$` is a dollar sign, also inside a formula, and nothing inside code spans
///   (`` `...` ``) or fenced code blocks (```` ``` ```` or `~~~`) is a formula.
public struct MathSpan: Sendable, Equatable {
    /// The TeX between the delimiters (a display formula's surrounding blank space trimmed).
    public var tex: String
    /// Whether the formula was written `$$...$$`.
    public var display: Bool
    /// The 1-based line of the opening delimiter, counted from `firstLine`.
    public var line: Int
    /// The formula with its delimiters, exactly as written.
    public var source: String
    /// Offsets in the text's characters: the opening delimiter to just past the closing one.
    var range: Range<Int>

    /// The formula as written on one line (line breaks as spaces), for messages.
    public var oneLine: String { source.split(whereSeparator: \.isNewline).joined(separator: " ") }

    /// The key of the formula's MathML in a `MathMarkup` (the TeX and how it is set).
    public var key: String { (display ? "$$" : "$") + tex }

    /// Every formula in `text` in order; `firstLine` is the line the text starts on.
    public static func find(in text: String, firstLine: Int = 1) -> [MathSpan] {
        let chars = Array(text)
        var spans: [MathSpan] = []
        var line = firstLine
        var i = 0
        var atLineStart = true
        var fence: (char: Character, count: Int)?

        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

        while i < chars.count {
            if atLineStart {
                atLineStart = false
                // A fence line: up to three spaces, then three or more backticks or tildes.
                var j = i, indent = 0
                while j < chars.count, chars[j] == " ", indent < 4 { j += 1; indent += 1 }
                if indent < 4, j < chars.count, chars[j] == "`" || chars[j] == "~" {
                    let c = chars[j]
                    var count = 0
                    while j + count < chars.count, chars[j + count] == c { count += 1 }
                    if count >= 3 {
                        if let open = fence {
                            if open.char == c, count >= open.count { fence = nil }
                        } else {
                            fence = (c, count)
                        }
                        i = skipLine(chars, from: i, line: &line, atLineStart: &atLineStart)
                        continue
                    }
                }
                if fence != nil {
                    i = skipLine(chars, from: i, line: &line, atLineStart: &atLineStart)
                    continue
                }
            }
            let c = chars[i]
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                i += 1
            case "\\":
                // An escaped character (`\$`, `\\`, `` \` ``) is never a delimiter.
                if i + 1 < chars.count, chars[i + 1] != "\n" { i += 2 } else { i += 1 }
            case "`":
                var count = 0
                while i + count < chars.count, chars[i + count] == "`" { count += 1 }
                if let end = closingBackticks(chars, from: i + count, count: count) {
                    line += chars[i..<end].filter { $0 == "\n" }.count
                    i = end
                } else {
                    i += count
                }
            case "$":
                if i + 1 < chars.count, chars[i + 1] == "$" {
                    if let close = closingDisplay(chars, from: i + 2) {
                        let inner = String(chars[(i + 2)..<close]).trimmingCharacters(in: .whitespacesAndNewlines)
                        if !inner.isEmpty {
                            spans.append(MathSpan(tex: inner, display: true, line: line,
                                                  source: String(chars[i..<(close + 2)]), range: i..<(close + 2)))
                            line += chars[i..<(close + 2)].filter { $0 == "\n" }.count
                            i = close + 2
                            continue
                        }
                    }
                    i += 2
                } else if i + 1 < chars.count, !isSpace(chars[i + 1]), let close = closingInline(chars, from: i + 1) {
                    spans.append(MathSpan(tex: String(chars[(i + 1)..<close]), display: false, line: line,
                                          source: String(chars[i...close]), range: i..<(close + 1)))
                    i = close + 1
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
        return spans
    }

    /// `text` with each formula replaced by what `transform` returns for it (nil keeps it).
    public static func replacing(in text: String, firstLine: Int = 1, _ transform: (MathSpan) -> String?) -> String {
        let spans = find(in: text, firstLine: firstLine)
        guard !spans.isEmpty else { return text }
        let chars = Array(text)
        var out = ""
        var position = 0
        for span in spans {
            guard let replacement = transform(span) else { continue }
            out += String(chars[position..<span.range.lowerBound])
            out += replacement
            position = span.range.upperBound
        }
        out += String(chars[position...])
        return out
    }

    static func skipLine(_ chars: [Character], from start: Int, line: inout Int, atLineStart: inout Bool) -> Int {
        var i = start
        while i < chars.count, chars[i] != "\n" { i += 1 }
        if i < chars.count {
            line += 1
            atLineStart = true
            return i + 1
        }
        return i
    }

    /// Just past the run of exactly `count` backticks that closes a code span, if any.
    static func closingBackticks(_ chars: [Character], from start: Int, count: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                var run = 0
                while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                if run == count { return i + run }
                i += run
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The index of the `$$` that closes a display formula opened before `start`.
    static func closingDisplay(_ chars: [Character], from start: Int) -> Int? {
        var i = start
        while i + 1 < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "$", chars[i + 1] == "$" { return i }
            i += 1
        }
        return nil
    }

    /// The index of the `$` that closes an inline formula whose TeX starts at `start`.
    static func closingInline(_ chars: [Character], from start: Int) -> Int? {
        var i = start
        while i < chars.count, chars[i] != "\n" {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "$" {
                // The first unescaped `$` closes the formula or there is none.
                let before = chars[i - 1]
                let after: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                if i > start, before != " ", before != "\t", !(after?.isASCII == true && after?.isNumber == true) {
                    return i
                }
                return nil
            }
            i += 1
        }
        return nil
    }
}
