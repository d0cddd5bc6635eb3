import Foundation
import Testing
@testable import Notebook

/// Markup GitHub keeps in rendered Markdown, as cmark-gfm writes it: it passes byte for byte.
@Test(arguments: [
    "<details><summary>More</summary>\n<p>Folded <kbd>Ctrl</kbd>-<kbd>C</kbd>, x<sub>i</sub><sup>2</sup></p>\n</details>",
    "<table>\n<thead>\n<tr>\n<th align=\"right\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"right\" colspan=\"2\">1</td>\n</tr>\n</tbody>\n</table>",
    "<p><img src=\"figures/cell-curve.png\" alt=\"Loss &quot;curve&quot;\" title=\"t\" /></p>",
    "<p><a href=\"https://example.org/?a=1&amp;b=2\" title=\"x\">x</a> <a href=\"mailto:me@example.org\">m</a> <a href=\"#part\">p</a> <a href=\"data/cell.json\">d</a> <a href=\"//example.org/x\">n</a></p>",
    "<!-- Written by lessonbook from lessons/01-width-vs-depth.md; edit the lesson, not this file. -->\n<h1>T</h1>",
    "<pre lang=\"swift\"><code>let a = b &lt; c\n</code></pre>\n<pre><code class=\"language-python\">x\n</code></pre>",
    "<ol start=\"3\">\n<li>three<br />\nline</li>\n</ol>\n<hr />\n<p>a<br>b</p>",
])
func allowedMarkupPassesUnchanged(_ html: String) {
    #expect(HTMLSanitizer.sanitize(html) == html)
}

/// Markup that could run script, load something or spoof the page is shown as text, as
/// written, and the text around it stays.
@Test(arguments: [
    ("<p>a <img src=x onerror=alert(1)> b</p>", "<p>a &lt;img src=x onerror=alert(1)> b</p>"),
    ("<p><a href=\"javascript:alert(1)\">x</a></p>", "<p>&lt;a href=\"javascript:alert(1)\">x&lt;/a></p>"),
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("<svg onload=alert(1)><circle r=\"1\"/></svg>", "&lt;svg onload=alert(1)>&lt;circle r=\"1\"/>&lt;/svg>"),
    ("<iframe src=\"https://example.org\"></iframe>", "&lt;iframe src=\"https://example.org\">&lt;/iframe>"),
    ("<style>@import url(https://example.org/x.css);</style>", "&lt;style>@import url(https://example.org/x.css);&lt;/style>"),
    ("<p style=\"background: url(https://example.org/x.png)\">x</p>", "&lt;p style=\"background: url(https://example.org/x.png)\">x&lt;/p>"),
    ("<div class=\"animation\" data-frames=\"{}\">x</div>", "&lt;div class=\"animation\" data-frames=\"{}\">x&lt;/div>"),
    ("<img id=\"x\" src=\"a.png\">", "&lt;img id=\"x\" src=\"a.png\">"),
    ("<img src=\"a.png\" alt=\"<b>\" onerror=\"x\">", "&lt;img src=\"a.png\" alt=\"&lt;b>\" onerror=\"x\">"),
    ("<!-- a --!><img src=x onerror=alert(1)> -->", "&lt;!-- a --!>&lt;img src=x onerror=alert(1)> -->"),
    ("<!DOCTYPE html><?php x ?><![CDATA[x]]>", "&lt;!DOCTYPE html>&lt;?php x ?>&lt;![CDATA[x]]>"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
     "&lt;math>&lt;mtext><table>&lt;mglyph>&lt;style>&lt;img src=x onerror=alert(1)></table>"),
    ("<a href=\"x\" href=\"javascript:alert(1)\">x</a>", "&lt;a href=\"x\" href=\"javascript:alert(1)\">x&lt;/a>"),
    ("<b title=\"never closed", "&lt;b title=\"never closed"),
])
func hostileMarkupIsShownAsText(_ html: String, _ expected: String) {
    #expect(HTMLSanitizer.sanitize(html) == expected)
}

@Test(arguments: [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " \u{1}javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:x",
    "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "javascript&colon;alert(1)",
    "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "jav&#x09;ascript:alert(1)",
])
func linksOtherThanWebMailAndRelativeAreRefused(_ url: String) {
    #expect(!HTMLSanitizer.isSafeURL(ArraySlice(url.utf8), image: false), "\(url)")
    #expect(HTMLSanitizer.sanitize("<a href=\"\(url)\">x</a>").hasPrefix("&lt;a"), "\(url)")
}

@Test func imagesMayOnlyNameRelativeFiles() {
    for url in ["figures/a.png", "a b.png", "a.png?x=1#y", "./a.png"] {
        #expect(HTMLSanitizer.isSafeURL(ArraySlice(url.utf8), image: true), "\(url)")
    }
    for url in ["https://example.org/pixel.png", "//example.org/a.png", "/etc/a.png", "\\\\host\\a.png",
                "data:image/png;base64,AAAA", "data:image/svg+xml,<svg onload=alert(1)>", "blob:x"] {
        #expect(!HTMLSanitizer.isSafeURL(ArraySlice(url.utf8), image: true), "\(url)")
    }
    #expect(HTMLSanitizer.isSafeURL(ArraySlice("https://example.org/a?b=1&c=2".utf8), image: false))
}

@Test func endTagsTheFragmentDidNotOpenAreTextAndWhatItLeavesOpenIsClosed() {
    #expect(HTMLSanitizer.sanitize("</main></div><p>x</p>") == "&lt;/main>&lt;/div><p>x</p>")
    #expect(HTMLSanitizer.sanitize("<details><summary>s</summary><p>x") == "<details><summary>s</summary><p>x</p></details>")
    #expect(HTMLSanitizer.sanitize("<div><b>x</div>y") == "<div><b>x</b></div>y")
    #expect(HTMLSanitizer.sanitize("<DIV Align=center>x</DIV>") == "<div align=\"center\">x</div>")
    #expect(HTMLSanitizer.sanitize("<td title='a\"b'>") == "<td title=\"a&quot;b\"></td>")
}

@Test func adversarialInputsTakeLinearTime() {
    let inputs = [String(repeating: "<a ", count: 100_000), String(repeating: "<a x='", count: 100_000) + ">",
                  String(repeating: "<b>", count: 100_000) + String(repeating: "</i>", count: 100_000),
                  String(repeating: "<!--", count: 100_000), String(repeating: "</a", count: 100_000)]
    for input in inputs {
        let start = Date()
        _ = HTMLSanitizer.sanitize(input)
        #expect(Date().timeIntervalSince(start) < 5, "\(input.prefix(12))")
    }
}

/// The committed reports and index come out of the sanitiser as cmark-gfm wrote them, so
/// regenerating them changes only the policy element.
@Test func theCommittedReportsPassTheSanitiserUnchanged() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let output = root.appendingPathComponent("output")
    let files = FileManager.default.enumerator(atPath: output.path)?.compactMap { $0 as? String }
        .filter { $0.hasSuffix("report.md") || $0 == "README.md" } ?? []
    #expect(files.count >= 8)
    for file in files {
        let markdown = String(decoding: FileBytes.read(output.appendingPathComponent(file)) ?? Data(), as: UTF8.self)
        let raw = MarkdownHTML.unsanitisedFragment(markdown)
        #expect(HTMLSanitizer.sanitize(raw) == raw, "\(file)")
    }
}

@Test func htmlTextEscapesEveryCharacterThatCouldOpenATagOrLeaveAnAttribute() {
    #expect(HTMLText.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
    // A combining mark after a quote makes one Swift Character; the quote is still escaped.
    #expect(HTMLText.escape("\"\u{301}onmouseover=x") == "&quot;\u{301}onmouseover=x")
    #expect(HTMLText.unescape(HTMLText.escape("a<b>&\"'c")) == "a<b>&\"'c")
}

@Test func markdownCodeSpansHoldAnyValue() {
    #expect(MarkdownText.code("counts.hidden=[20,20]") == "`counts.hidden=[20,20]`")
    let hostile = "a=[1] #`<img src=x onerror=alert(1)>`"
    let html = MarkdownHTML.fragment("x " + MarkdownText.code(hostile) + " y")
    #expect(html == "<p>x <code>a=[1] #`&lt;img src=x onerror=alert(1)&gt;`</code> y</p>\n", "\(html)")
}
