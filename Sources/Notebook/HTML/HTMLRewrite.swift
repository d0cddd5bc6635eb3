import Foundation

/// Small text operations on the HTML that cmark-gfm writes (its output has a fixed shape:
/// tags without extra attributes, `&amp;`-style escapes), used by `HTMLReport`.
enum HTMLRewrite {
    /// Replaces every match of `pattern` in `text` by `transform(groups)`, where `groups[0]`
    /// is the whole match and missing groups are empty strings.
    static func replacing(_ pattern: String, in text: String, _ transform: ([String]) -> String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return text }
        let source = text as NSString
        var out = ""
        var position = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            out += source.substring(with: NSRange(location: position, length: match.range.location - position))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            out += transform(groups)
            position = match.range.location + match.range.length
        }
        out += source.substring(from: position)
        return out
    }

    /// Replaces every occurrence of each `(find, replacement)` pair in one pass over the
    /// UTF-8 bytes, trying the pairs in order at each position (a match is not searched
    /// again). Every `find` must start with `<`, as tags do: the pass jumps from one `<` to
    /// the next. Foundation's `replacingOccurrences` copied the page once per pair.
    static func replacingTags(_ pairs: [(find: String, replacement: String)], in text: String) -> String {
        let finds = pairs.map { Array($0.find.utf8) }
        let replacements = pairs.map { Array($0.replacement.utf8) }
        precondition(finds.allSatisfy { $0.first == UInt8(ascii: "<") }, "every pattern starts with <")
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var position = 0
        bytes.withUnsafeBufferPointer { input in
            while position < input.count {
                guard let next = input[position...].firstIndex(of: UInt8(ascii: "<")) else {
                    out.append(contentsOf: input[position...])
                    break
                }
                out.append(contentsOf: input[position..<next])
                position = next
                var matched = false
                for (index, find) in finds.enumerated() where input.count - position >= find.count {
                    if input[position..<position + find.count].elementsEqual(find) {
                        out.append(contentsOf: replacements[index])
                        position += find.count
                        matched = true
                        break
                    }
                }
                if !matched {
                    out.append(input[position])
                    position += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of an HTML fragment: tags dropped, entities decoded.
    static func plainText(_ html: String) -> String {
        HTMLText.unescape(replacing(#"<[^>]*>"#, in: html) { _ in "" })
    }
}
