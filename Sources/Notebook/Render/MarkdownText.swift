/// Values that the reports' Markdown shows as written rather than reads as Markdown: an
/// override as typed after `--set`, a claim, a run folder's path, a setting's value. Put in
/// a code span with one backtick, a value holding a backtick would end the span early and
/// the rest would be read as Markdown and raw HTML (which `HTMLSanitizer` then shows as
/// text, so nothing runs, but the line no longer reads as the value). `code` picks a fence
/// no run of backticks inside can end.
enum MarkdownText {
    /// `text` as one code span: fenced by one more backtick than its longest run of them,
    /// padded with a space where it starts or ends with a backtick, line breaks as spaces
    /// (a span in a table row or list item must stay on one line). A value without a
    /// backtick gets one backtick each side, as before.
    static func code(_ text: String) -> String {
        let flat = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// `text` for a cell of a GitHub table: a `|` is escaped (in code spans too, where the
    /// table syntax still splits at it) and line breaks become spaces (a row is one line).
    static func cell(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }).replacingOccurrences(of: "|", with: "\\|")
    }
}
