/// Keeps the raw HTML of a lesson to an allowlist before it reaches a page. cmark-gfm
/// passes raw HTML through (the reports' own `<sub>`, `<br>` and `<details>` lines need it),
/// and a lesson can come from anyone, so everything cmark-gfm writes goes through
/// `sanitize` before the tool adds its own markup (figures, ids, classes, the scrubber).
///
/// The rules, the same for prose, front matter, run folders and command-line values:
/// - A start tag passes only when its element and every attribute are on the allowlist
///   (the elements and attributes GitHub keeps in rendered Markdown, without `id`, `name`,
///   `class`, `style` and event handlers) and its links are safe: `href` is `http:`,
///   `https:`, `mailto:` or relative, an image's `src` is relative. It is written again
///   from what was parsed (lower-case names, double-quoted values), never copied.
/// - Any other tag (`<script>`, `<img onerror=...>`, `<a href="javascript:...">`, `<svg>`,
///   `<iframe>`, `<style>`, a comment that could end early, a doctype) is shown as text,
///   exactly as written: each `<` in it becomes `&lt;`, so the reader sees what the author
///   wrote and the browser never starts a tag there.
/// - An end tag passes only when the fragment opened that element (elements left open
///   inside it are closed first), and every element the fragment leaves open is closed at
///   its end, so a lesson cannot close the page's own `<main>` or leave the rest of the
///   page inside its `<details>`.
///
/// The scan follows the HTML tokenizer's rules for tags and attributes (WHATWG HTML,
/// 13.2.5), so the parts it recognises are the parts a browser would; since every `<` it
/// does not write itself is escaped, the browser stays in its plain-text state everywhere
/// else. Text between tags is copied byte for byte, so sanitising cmark-gfm's own output
/// changes nothing: the committed reports come out the same. Every byte is looked at a
/// bounded number of times, so the time is linear in the fragment's length.
enum HTMLSanitizer {
    /// Each allowed element with the attributes it may carry besides `globalAttributes`.
    static let elements: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for name in ["abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "dd", "del", "dfn", "div",
                     "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins",
                     "kbd", "mark", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
                     "strong", "sub", "summary", "sup", "table", "tbody", "tfoot", "thead", "tr", "tt", "u", "ul",
                     "var", "wbr"] {
            table[name] = []
        }
        table["a"] = ["href"]
        table["img"] = ["src", "alt", "width", "height"]
        table["code"] = ["class"]
        table["ol"] = ["start", "type", "reversed"]
        table["li"] = ["value"]
        table["td"] = ["colspan", "rowspan"]
        table["th"] = ["colspan", "rowspan", "scope"]
        table["col"] = ["span", "width"]
        table["colgroup"] = ["span", "width"]
        table["details"] = ["open"]
        table["time"] = ["datetime"]
        return table
    }()

    /// Attributes any allowed element may carry: none of them names a URL or a script.
    static let globalAttributes: Set<String> = ["title", "lang", "dir", "align", "valign", "role",
                                                "aria-label", "aria-hidden"]

    /// Elements without content or end tag.
    static let voidElements: Set<String> = ["br", "col", "hr", "img", "wbr"]

    /// The URL schemes a link may use; images may use none (the tool inlines its own
    /// figures as `data:` URIs after sanitising, so no lesson needs one).
    static let linkSchemes: Set<String> = ["http", "https", "mailto"]

    /// The HTML fragment `html` (cmark-gfm's output) with every tag outside the allowlist
    /// shown as text, every unmatched end tag shown as text and every element it leaves
    /// open closed at the end.
    static func sanitize(_ html: String) -> String {
        let input = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 64)
        var open: [String] = []
        var openCount: [String: Int] = [:]
        var position = 0
        let lessThan = Array("&lt;".utf8)
        while position < input.count {
            guard input[position] == UInt8(ascii: "<") else {
                let next = input[position...].firstIndex(of: UInt8(ascii: "<")) ?? input.count
                out.append(contentsOf: input[position..<next])
                position = next
                continue
            }
            if let end = safeComment(input, at: position) {
                out.append(contentsOf: input[position..<end])
                position = end
            } else if let found = endTag(input, at: position), openCount[found.name, default: 0] > 0 {
                // Elements left open inside this one are closed first.
                while let last = open.popLast() {
                    openCount[last, default: 1] -= 1
                    out.append(contentsOf: Array("</\(last)>".utf8))
                    if last == found.name { break }
                }
                position = found.end
            } else if position + 1 < input.count, isLetter(input[position + 1]) {
                // A start tag. Refused, it is text, `<` included; one that never ends
                // (an unclosed quote) would swallow the rest of the page in a browser, and
                // here the rest becomes text.
                let tag = StartTag(input, at: position)
                let end = tag?.end ?? input.count
                if let tag, let written = allowed(tag) {
                    out.append(contentsOf: written)
                    if !voidElements.contains(tag.name) {
                        open.append(tag.name)
                        openCount[tag.name, default: 0] += 1
                    }
                } else {
                    for byte in input[position..<end] {
                        if byte == UInt8(ascii: "<") { out.append(contentsOf: lessThan) } else { out.append(byte) }
                    }
                }
                position = end
            } else {
                out.append(contentsOf: lessThan)
                position += 1
            }
        }
        for name in open.reversed() { out.append(contentsOf: Array("</\(name)>".utf8)) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Tags

    /// One start tag as the HTML tokenizer reads it.
    struct StartTag {
        struct Attribute {
            var name: String
            /// The value as written, without its quotes; nil for an attribute without `=`.
            var raw: ArraySlice<UInt8>?
            var doubleQuoted: Bool
        }
        var name: String
        var attributes: [Attribute] = []
        var selfClosing = false
        /// The index just past the closing `>`.
        var end = 0

        /// Nil when `input[start...]` is not `<` and a letter, or the tag has no `>`.
        init?(_ input: [UInt8], at start: Int) {
            let count = input.count
            guard start + 1 < count, isLetter(input[start + 1]) else { return nil }
            var position = start + 1
            while position < count, !isSpace(input[position]), input[position] != UInt8(ascii: "/"),
                  input[position] != UInt8(ascii: ">") { position += 1 }
            name = lowercased(input[(start + 1)..<position])
            while true {
                // Before an attribute name.
                while position < count, isSpace(input[position]) { position += 1 }
                guard position < count else { return nil }
                if input[position] == UInt8(ascii: ">") { end = position + 1; return }
                if input[position] == UInt8(ascii: "/") {
                    if position + 1 < count, input[position + 1] == UInt8(ascii: ">") {
                        selfClosing = true
                        end = position + 2
                        return
                    }
                    position += 1
                    continue
                }
                // The attribute name; its first character may be `=`.
                let nameStart = position
                position += 1
                while position < count, !isSpace(input[position]), input[position] != UInt8(ascii: "/"),
                      input[position] != UInt8(ascii: ">"), input[position] != UInt8(ascii: "=") { position += 1 }
                let attributeName = lowercased(input[nameStart..<position])
                while position < count, isSpace(input[position]) { position += 1 }
                guard position < count else { return nil }
                guard input[position] == UInt8(ascii: "=") else {
                    attributes.append(Attribute(name: attributeName, raw: nil, doubleQuoted: false))
                    continue
                }
                position += 1
                while position < count, isSpace(input[position]) { position += 1 }
                guard position < count else { return nil }
                let quote = input[position]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = input[(position + 1)...].firstIndex(of: quote) else { return nil }
                    attributes.append(Attribute(name: attributeName, raw: input[(position + 1)..<close],
                                                doubleQuoted: quote == UInt8(ascii: "\"")))
                    position = close + 1
                } else {
                    let valueStart = position
                    while position < count, !isSpace(input[position]), input[position] != UInt8(ascii: ">") { position += 1 }
                    guard position < count else { return nil }
                    attributes.append(Attribute(name: attributeName, raw: input[valueStart..<position], doubleQuoted: false))
                }
            }
        }
    }

    /// The tag written again when every part of it is allowed, else nil.
    static func allowed(_ tag: StartTag) -> [UInt8]? {
        guard let own = elements[tag.name] else { return nil }
        var seen: Set<String> = []
        var out = Array("<\(tag.name)".utf8)
        for attribute in tag.attributes {
            guard globalAttributes.contains(attribute.name) || own.contains(attribute.name),
                  seen.insert(attribute.name).inserted else { return nil }
            switch (tag.name, attribute.name) {
            case ("a", "href"):
                guard let raw = attribute.raw, isSafeURL(raw, image: false) else { return nil }
            case ("img", "src"):
                guard let raw = attribute.raw, isSafeURL(raw, image: true) else { return nil }
            case ("code", "class"):
                // cmark-gfm's `language-NAME` on fenced code, and nothing else.
                guard let raw = attribute.raw, raw.starts(with: Array("language-".utf8)) else { return nil }
            default:
                break
            }
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: Array(attribute.name.utf8))
            guard let raw = attribute.raw else { continue }
            out.append(contentsOf: Array("=\"".utf8))
            if attribute.doubleQuoted {
                out.append(contentsOf: raw)
            } else {
                // The same value inside double quotes: references mean the same in every
                // attribute state, so only `"` needs a reference of its own.
                for byte in raw {
                    if byte == UInt8(ascii: "\"") { out.append(contentsOf: Array("&quot;".utf8)) } else { out.append(byte) }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: Array((tag.selfClosing && voidElements.contains(tag.name) ? " />" : ">").utf8))
        return out
    }

    /// `</name>` (only this plain form, whose `>` cannot hide in an attribute) and the index
    /// past it.
    static func endTag(_ input: [UInt8], at start: Int) -> (name: String, end: Int)? {
        let count = input.count
        guard start + 2 < count, input[start + 1] == UInt8(ascii: "/"), isLetter(input[start + 2]) else { return nil }
        var position = start + 2
        while position < count, isLetter(input[position]) || isDigit(input[position]) { position += 1 }
        let name = lowercased(input[(start + 2)..<position])
        while position < count, isSpace(input[position]) { position += 1 }
        guard position < count, input[position] == UInt8(ascii: ">"), elements[name] != nil else { return nil }
        return (name, position + 1)
    }

    /// The index past a comment that every browser ends where it seems to end: `<!--`, text
    /// without `<`, `>` or `--` that neither starts nor ends with `-`, then `-->`.
    static func safeComment(_ input: [UInt8], at start: Int) -> Int? {
        let opening = Array("<!--".utf8)
        guard input.count - start >= 7, input[start..<(start + 4)].elementsEqual(opening) else { return nil }
        var position = start + 4
        guard input[position] != UInt8(ascii: "-") else { return nil }
        while position + 2 < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") { return nil }
            if byte == UInt8(ascii: "-"), input[position + 1] == UInt8(ascii: "-") {
                guard input[position + 2] == UInt8(ascii: ">"), input[position - 1] != UInt8(ascii: "-"),
                      position > start + 4 else { return nil }
                return position + 3
            }
            position += 1
        }
        return nil
    }

    // MARK: URLs

    /// Whether an attribute's raw value is a URL a report may hold: for a link `http:`,
    /// `https:`, `mailto:` or no scheme (relative, `#fragment`, `//host`); for an image a
    /// relative path only. The value is read as the browser reads it: character
    /// references decoded, tabs and line breaks removed, leading controls and spaces
    /// dropped. A named reference other than `&amp;`, `&lt;`, `&gt;`, `&quot;` and
    /// `&apos;` before the scheme is decided (it could spell `:` or `/`) makes it unsafe.
    static func isSafeURL(_ raw: ArraySlice<UInt8>, image: Bool) -> Bool {
        let (decoded, firstUnknown) = decodedURL(raw)
        let delimiters: [UInt8] = [":", "/", "?", "#", "\\"].map { UInt8(ascii: $0) }
        // An unknown reference before the first delimiter could itself spell one. Removing
        // tabs, line breaks and leading controls (as the URL parser does) moves no delimiter
        // before another.
        if let unknown = firstUnknown, unknown < (decoded.firstIndex { delimiters.contains($0) } ?? decoded.count) {
            return false
        }
        var url = decoded.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if let first = url.firstIndex(where: { $0 > 0x20 }) { url.removeFirst(first) } else { url = [] }
        let delimiter = url.firstIndex { delimiters.contains($0) }
        if let delimiter, url[delimiter] == UInt8(ascii: ":") {
            let scheme = url[..<delimiter]
            guard !image, let first = scheme.first, isLetter(first),
                  scheme.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
            else { return false }
            return linkSchemes.contains(lowercased(scheme))
        }
        if image, let first = url.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "\\") { return false }
        return true
    }

    /// The value with numeric references and the five basic named ones decoded, and the
    /// index in the result of the first other named reference (left as written).
    static func decodedURL(_ raw: ArraySlice<UInt8>) -> ([UInt8], Int?) {
        var out: [UInt8] = []
        var firstUnknown: Int?
        var position = raw.startIndex
        let named: [String: UInt8] = ["amp": UInt8(ascii: "&"), "lt": UInt8(ascii: "<"), "gt": UInt8(ascii: ">"),
                                      "quot": UInt8(ascii: "\""), "apos": UInt8(ascii: "'")]
        while position < raw.endIndex {
            let byte = raw[position]
            guard byte == UInt8(ascii: "&"), position + 1 < raw.endIndex else {
                out.append(byte)
                position += 1
                continue
            }
            if raw[position + 1] == UInt8(ascii: "#") {
                var index = position + 2
                let hex = index < raw.endIndex && (raw[index] == UInt8(ascii: "x") || raw[index] == UInt8(ascii: "X"))
                if hex { index += 1 }
                var value: UInt32 = 0
                let digitsStart = index
                while index < raw.endIndex, let digit = digitValue(raw[index], hex: hex) {
                    value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                    index += 1
                }
                if index == digitsStart {
                    out.append(byte)
                    position += 1
                    continue
                }
                if index < raw.endIndex, raw[index] == UInt8(ascii: ";") { index += 1 }
                let scalar = Unicode.Scalar(value).flatMap { value == 0 ? nil : $0 } ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                position = index
                continue
            }
            var index = position + 1
            while index < raw.endIndex, isLetter(raw[index]) || isDigit(raw[index]) { index += 1 }
            if index > position + 1 {
                let name = String(decoding: raw[(position + 1)..<index], as: UTF8.self)
                if index < raw.endIndex, raw[index] == UInt8(ascii: ";"), let character = named[name] {
                    out.append(character)
                    position = index + 1
                    continue
                }
                if firstUnknown == nil { firstUnknown = out.count }
            }
            out.append(byte)
            position += 1
        }
        return (out, firstUnknown)
    }

    // MARK: Bytes

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        if isDigit(byte) { return UInt32(byte - UInt8(ascii: "0")) }
        guard hex else { return nil }
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") ? UInt32(lower - UInt8(ascii: "a") + 10) : nil
    }

    static func lowercased<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: bytes.map { isLetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
