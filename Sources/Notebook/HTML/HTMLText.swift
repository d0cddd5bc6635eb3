/// The one escaping function for text that reaches HTML without going through the Markdown
/// renderer and `HTMLSanitizer`: a page title, an attribute the tool writes (a figure's
/// sidecar, the preview's start address), anything a lesson, a run folder or a command line
/// supplied. Every such value goes through `escape`, never through string interpolation
/// alone, so that no value can open a tag or leave an attribute, in element text or in a
/// double- or single-quoted attribute value alike.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` as character references.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// The inverse of `escape` for the references cmark-gfm and `escape` write (`&amp;`,
    /// `&lt;`, `&gt;`, `&quot;`, `&#39;` and `&#x27;`); other references stay as they are.
    public static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
