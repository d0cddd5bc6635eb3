import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown to HTML through cmark-gfm, the implementation GitHub itself
/// uses: CommonMark plus the table, strikethrough and autolink extensions. cmark-gfm passes
/// raw HTML through (the reports' own `<sub>` lines, `<details>` blocks and comments need
/// it), and its output then goes through `HTMLSanitizer`, here and nowhere else, so no
/// Markdown reaches a page with a tag, attribute or URL outside the allowlist, whoever
/// wrote the lesson.
public enum MarkdownHTML {
    /// The extensions attached to every parser, by cmark-gfm's names.
    static let extensions = ["table", "strikethrough", "autolink"]

    /// The sanitised HTML fragment (no `<html>` or `<body>`) for `markdown`.
    public static func fragment(_ markdown: String) -> String {
        HTMLSanitizer.sanitize(unsanitisedFragment(markdown))
    }

    /// cmark-gfm's HTML as it writes it, raw HTML included.
    static func unsanitisedFragment(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let extension_ = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extension_)
            }
        }
        let bytes = Array(markdown.utf8)
        if !bytes.isEmpty { bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(bytes.count, 1)) { pointer in
                cmark_parser_feed(parser, pointer, bytes.count)
            }
        } }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
