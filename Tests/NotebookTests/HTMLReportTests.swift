import Foundation
import Testing
@testable import Notebook

/// A folder with one figure in PNG and SVG, removed when the test ends.
final class FigureFolder {
    let url: URL

    init(svgBytes: Int, pngBytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lessonbook-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("figures"), withIntermediateDirectories: true)
        // A PNG header of 400x300 pixels (IHDR only: enough for sizes and inlining).
        var png = Data([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 144, 0, 0, 1, 44])
        png.append(Data(repeating: 0, count: max(0, pngBytes - png.count)))
        try png.write(to: url.appendingPathComponent("figures/cell-curve.png"))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200pt\" height=\"150pt\"></svg>"
        svg += String(repeating: " ", count: max(0, svgBytes - svg.utf8.count))
        try Data(svg.utf8).write(to: url.appendingPathComponent("figures/cell-curve.svg"))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

let reportMarkdown = """
# A lesson

> ✓ All 2 claims of this lesson hold.

## First part

Some ~~old~~ text and https://example.org/page as a link.

![Loss curve](figures/cell-curve.png)

*The loss falls.* ([SVG](figures/cell-curve.svg))

| a | b |
| --- | ---: |
| x | 1 |

- ✓ `final.loss < 0.5` (final.loss = 0.1)
- ✗ `final.accuracy > 0.99` (final.accuracy = 0.9) — **this claim failed**

<sub>Cell `cell` · [data](data/cell.json)</sub>

## First part

### Details
"""

@Test func markdownGoesThroughCmarkWithGitHubExtensions() throws {
    let html = MarkdownHTML.fragment("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n~~gone~~ and www.example.org\n")
    #expect(html.contains("<table>") && html.contains("<td>1</td>"))
    #expect(html.contains("<del>gone</del>"))
    #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
    #expect(MarkdownHTML.fragment("") == "")
}

@Test func figuresAreInlinedAsTheSmallerOfSVGAndPNG() throws {
    let smallSVG = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let page = HTMLReport(markdown: reportMarkdown, folder: smallSVG.url, title: "A lesson").html()
    #expect(page.contains("<img src=\"data:image/svg+xml;base64,"))
    #expect(!page.contains("src=\"figures/"))
    // Shown at half the PNG's pixel size, inside a figure with its caption.
    #expect(page.contains("width=\"200\" height=\"150\""))
    #expect(page.contains("<figcaption><em>The loss falls.</em>"))

    let smallPNG = try FigureFolder(svgBytes: 9000, pngBytes: 300)
    let other = HTMLReport(markdown: reportMarkdown, folder: smallPNG.url, title: "A lesson").html()
    #expect(other.contains("<img src=\"data:image/png;base64,"))
    // Links to the data and the SVG stay links.
    #expect(other.contains("href=\"data/cell.json\"") && other.contains("href=\"figures/cell-curve.svg\""))
}

@Test func thePageRequestsNothingAndHasNoScriptWithoutAnimations() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let page = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A <lesson>").html()
    #expect(!page.contains("<link") && !page.contains("<script") && !page.contains("@import") && !page.contains("url("))
    #expect(page.contains("<title>A &lt;lesson&gt;</title>"))
    #expect(page.contains("prefers-color-scheme: dark") && page.contains("@media print"))
}

@Test func headingsGetUniqueIDsAndATableOfContents() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let page = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    #expect(page.contains("<h2 id=\"first-part\">First part</h2>"))
    #expect(page.contains("<h2 id=\"first-part-1\">First part</h2>"))
    #expect(page.contains("<h3 id=\"details\">Details</h3>"))
    #expect(page.contains("<li class=\"toc-level-2\"><a href=\"#first-part\">First part</a></li>"))
    #expect(page.contains("<li class=\"toc-level-3\"><a href=\"#details\">Details</a></li>"))
}

@Test func claimResultsAreStyledByStatus() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let page = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    #expect(page.contains("<li class=\"claim holds\">✓ <code>final.loss &lt; 0.5</code>"))
    #expect(page.contains("<li class=\"claim fails\">✗ <code>final.accuracy &gt; 0.99</code>"))
    #expect(page.contains("<blockquote class=\"claims-summary holds\">"))
}

@Test func linksToMarkdownReportsPointAtTheirHTML() throws {
    let page = HTMLReport(markdown: "[Spiral](spiral/report.md) and [index](../README.md)", folder: URL(fileURLWithPath: "/nonexistent"), title: "x").html()
    #expect(page.contains("href=\"spiral/report.html\"") && page.contains("href=\"../index.html\""))
}

@Test func theSameReportGivesTheSameBytes() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let first = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    let second = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    #expect(Data(first.utf8) == Data(second.utf8))
}

@Test func anAnimatedFigureWithASidecarGetsAScrubberAndItsScript() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let sidecar = #"{"frames": 2, "labels": ["epoch 1", "epoch 2"], "delays_ms": [100, 100], "width": 400, "height": 300}"#
    try Data(sidecar.utf8).write(to: folder.url.appendingPathComponent("figures/cell-curve.frames.json"))
    let page = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    // The APNG itself is inlined (never the SVG), with the sidecar beside it and the script once.
    #expect(page.contains("<div class=\"animation\" data-frames=\"{&quot;frames&quot;: 2"))
    #expect(page.contains("class=\"animation-source\"") && page.contains("data:image/png;base64,"))
    #expect(page.contains("<input type=\"range\""))
    #expect(page.components(separatedBy: "<script>").count == 2)
    #expect(page.contains("fdAT") && page.contains("fcTL"))
}

@Test func tagReplacementsRunInOnePassAndLeaveOtherTextAlone() {
    let text = "<li>✓ a</li><td>✗</td>a < b <li>x</li><!--caption-->é"
    let out = HTMLRewrite.replacingTags([("<li>✓ ", "<li class=\"claim holds\">✓ "), ("<td>✗</td>", "<td class=\"claim fails\">✗</td>"),
                                         ("<!--caption-->", "")], in: text)
    #expect(out == "<li class=\"claim holds\">✓ a</li><td class=\"claim fails\">✗</td>a < b <li>x</li>é")
}

@Test func everyPageCarriesAPolicyThatAllowsOnlyItsOwnScriptStylesAndDataImages() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let plain = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; "
        + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
    #expect(plain.contains("<meta charset=\"utf-8\">\n" + policy + "\n"))

    // With an animation, the one script is allowed by the SHA-256 of its exact bytes.
    let sidecar = #"{"frames": 2, "labels": ["a", "b"], "delays_ms": [100, 100], "width": 400, "height": 300}"#
    try Data(sidecar.utf8).write(to: folder.url.appendingPathComponent("figures/cell-curve.frames.json"))
    let animated = HTMLReport(markdown: reportMarkdown, folder: folder.url, title: "A lesson").html()
    let script = animated.components(separatedBy: "<script>")[1].components(separatedBy: "</script>")[0]
    let hash = "'sha256-" + Data(SHA256.digest(Array(script.utf8))).base64EncodedString() + "'"
    #expect(animated.contains("script-src \(hash); style-src"))
    #expect(ContentSecurityPolicy.hash(script) == hash)
}

@Test func rawHTMLInTheMarkdownIsSanitisedBeforeTheToolAddsItsOwn() throws {
    let folder = try FigureFolder(svgBytes: 200, pngBytes: 5000)
    let markdown = "# T <img src=x onerror=alert(1)>\n\n<div class=\"animation\" data-frames=\"{}\">\n\n![a](figures/cell-curve.png)\n\n"
        + "[x](javascript:alert(1)) \u{FFFC}figure-data\u{FFFC}\n"
    let page = HTMLReport(markdown: markdown, folder: folder.url, title: "T\u{FFFC}figure-data\u{FFFC}").html()
    #expect(page.contains("<h1 id=\"t-img-srcx-onerroralert1\">T &lt;img src=x onerror=alert(1)></h1>"))
    #expect(page.contains("&lt;div class=\"animation\""))
    #expect(!page.contains("<script"))
    #expect(page.contains("&lt;a href=\"javascript:alert(1)\">x&lt;/a>"))
    // The lesson's own copy of the figure mark is dropped: the one figure gets the one URI.
    #expect(page.components(separatedBy: "data:image/svg+xml;base64,").count == 2)
    #expect(!page.contains("\u{FFFC}"))
}
