import Foundation

/// A report's Markdown (the text of `report.md`) as one self-contained HTML page: the
/// Markdown goes through cmark-gfm (`MarkdownHTML`), then figures are inlined as data URIs
/// (SVG where it is smaller, else PNG; animated PNGs with a `.frames.json` sidecar get a
/// frame scrubber), headings get ids and a table of contents, claim results get classes by
/// status, and links to other reports point at their HTML. Styles and the only script are
/// inlined, so the page opened from `file://` requests nothing; links to CSV and JSON data
/// stay links. Raw HTML from the lesson is kept to `HTMLSanitizer`'s allowlist before any
/// of this, and the page's Content-Security-Policy (`ContentSecurityPolicy.report`) lets
/// only its own script run. The page depends only on the Markdown and the files it names,
/// so the same report gives the same bytes.
public struct HTMLReport {
    /// The report Markdown.
    public var markdown: String
    /// The folder relative image paths are read from (the run or comparison folder).
    public var folder: URL
    /// The page title (`<title>`), plain text: it is escaped, never read as HTML.
    public var title: String
    /// The MathML of the formulas in `markdown` (`LessonPlan.math`); formulas it lacks stay TeX.
    public var math: MathMarkup

    /// A page for `markdown`, reading its images from `folder`; `math` from the lesson's plan,
    /// empty for a page without formulas (a comparison report).
    ///
    ///     let page = HTMLReport(markdown: markdown, folder: runFolder, title: plan.lesson.title, math: plan.math)
    ///     try page.data().write(to: runFolder.appendingPathComponent("report.html"))
    public init(markdown: String, folder: URL, title: String, math: MathMarkup = MathMarkup()) {
        self.markdown = markdown
        self.folder = folder
        self.title = title
        self.math = math
    }

    /// The complete page as text.
    public func html() -> String { String(decoding: data(), as: UTF8.self) }

    /// The complete page as the UTF-8 bytes of the file: the figures' base64 is written
    /// straight into them, never through a string.
    public func data() -> Data {
        // The fragment is already sanitised (`MarkdownHTML`); the figure mark is the tool's
        // own, so a lesson that writes it out (here or in the title) gets it removed.
        // Formulas become marks before cmark-gfm reads the Markdown (so `_` and `*` in TeX
        // stay TeX) and MathML after the sanitiser, which never sees the tool's own MathML
        // and keeps a lesson's own `<math>` to its allowlist.
        let (marked, formulas) = math.marking(markdown)
        var body = MarkdownHTML.fragment(marked).replacingOccurrences(of: Self.figureDataMark, with: "")
        body = HTMLRewrite.replacing(#"href="([^"]*?)(report|README)\.md""#, in: body) { groups in
            let target = groups[2] == "README" ? "index" : "report"
            return "href=\"\(groups[1])\(target).html\""
        }
        body = styleClaims(body)
        body = keyboardReachable(body)
        var usesAnimation = false
        var figureData: [InlineFigure] = []
        body = inlineFigures(body, data: &figureData, usesAnimation: &usesAnimation)
        let (withIDs, contents) = headings(body)
        body = MathMarkup.filling(withIDs, with: formulas)

        let scripts = usesAnimation ? ["\n" + AnimationScript.javascript] : []
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += ContentSecurityPolicy.meta(ContentSecurityPolicy.report(scripts: scripts)) + "\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        page += "<meta name=\"generator\" content=\"lessonbook \(ToolVersion.current)\">\n"
        let plainTitle = title.replacingOccurrences(of: Self.figureDataMark, with: "")
        page += "<title>\(HTMLText.escape(plainTitle))</title>\n<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        page += "<div class=\"page\">\n"
        if contents.count >= 2 {
            page += "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ol>\n"
            for entry in contents {
                page += "<li class=\"toc-level-\(entry.level)\"><a href=\"#\(entry.id)\">\(MathMarkup.filling(entry.text, with: formulas))</a></li>\n"
            }
            page += "</ol>\n</nav>\n"
        }
        page += "<main class=\"report\">\n\(body)</main>\n</div>\n"
        for script in scripts { page += "<script>\(script)</script>\n" }
        page += "</body>\n</html>\n"
        return Self.fillingFigureData(page, with: figureData)
    }

    /// Stands for one figure's data URI while the page is rewritten, so that the rewriting
    /// passes run over the text of the report (kilobytes) and never over the figures'
    /// base64 (megabytes). It cannot come from the Markdown: `data()` removes it from the
    /// Markdown's HTML before it adds its own.
    static let figureDataMark = "\u{FFFC}figure-data\u{FFFC}"

    /// The page's bytes with each figure mark replaced, in order, by its data URI, in one
    /// pass.
    static func fillingFigureData(_ page: String, with figures: [InlineFigure]) -> Data {
        let bytes = Array(page.utf8)
        let mark = Array(figureDataMark.utf8)
        var out = Data()
        out.reserveCapacity(bytes.count + figures.reduce(0) { $0 + $1.payload.count * 4 / 3 + 64 })
        var position = 0, figure = 0
        bytes.withUnsafeBufferPointer { input in
            while position < input.count {
                guard let next = input[position...].firstIndex(of: mark[0]) else {
                    out.append(contentsOf: input[position...])
                    break
                }
                out.append(contentsOf: input[position..<next])
                position = next
                if input.count - position >= mark.count, input[position..<position + mark.count].elementsEqual(mark) {
                    if figure < figures.count {
                        out.append(contentsOf: figures[figure].uriPrefix.utf8)
                        out.append(figures[figure].payload.base64EncodedData())
                    }
                    figure += 1
                    position += mark.count
                } else {
                    out.append(input[position])
                    position += 1
                }
            }
        }
        return out
    }

    /// One entry of the table of contents.
    struct Heading {
        var level: Int
        var id: String
        /// The heading's inner HTML with links removed.
        var text: String
    }

    /// Gives every heading an id (GitHub's style: lower case, punctuation dropped, spaces as
    /// hyphens, repeats numbered) and lists the level-2 and level-3 ones.
    func headings(_ html: String) -> (String, [Heading]) {
        var used: [String: Int] = [:]
        var contents: [Heading] = []
        let result = HTMLRewrite.replacing(#"<h([1-6])>(.*?)</h\1>"#, in: html) { groups in
            let level = Int(groups[1]) ?? 1
            let plain = HTMLRewrite.plainText(MathMarkup.unmarked(groups[2]))
            var id = Self.slug(plain)
            if id.isEmpty { id = "section" }
            if let count = used[id] {
                used[id] = count + 1
                id += "-\(count)"
            } else {
                used[id] = 1
            }
            if level == 2 || level == 3 {
                let text = HTMLRewrite.replacing(#"</?a[^>]*>"#, in: groups[2]) { _ in "" }
                contents.append(Heading(level: level, id: id, text: text))
            }
            return "<h\(level) id=\"\(id)\">\(groups[2])</h\(level)>"
        }
        return (result, contents)
    }

    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                out.append(character)
            } else if character == " " {
                out.append("-")
            }
        }
        return out
    }

    /// Tables and code blocks scroll sideways when they are wider than the text, so each
    /// takes keyboard focus (`tabindex="0"`) and a reader without a mouse can scroll it; an
    /// empty header cell (a table's corner) becomes a data cell, since a header names
    /// something.
    func keyboardReachable(_ html: String) -> String {
        var out = HTMLRewrite.replacingTags([("<table>", "<table tabindex=\"0\">")], in: html)
        out = HTMLRewrite.replacing(#"<pre( lang="[^"]*")?>"#, in: out) { groups in "<pre\(groups[1]) tabindex=\"0\">" }
        out = HTMLRewrite.replacing(#"<th( align="[a-z]+")?></th>"#, in: out) { groups in "<td\(groups[1])></td>" }
        return out
    }

    /// Claim lines (`✓ ...`, `✗ ...`, `? ...`) in lists, table cells and the summary quote
    /// get a class naming their verdict.
    func styleClaims(_ html: String) -> String {
        var pairs: [(find: String, replacement: String)] = []
        for verdict in ClaimVerdict.allCases {
            let (mark, status) = (verdict.mark, verdict.rawValue)
            pairs.append(("<li>\(mark) ", "<li class=\"claim \(status)\">\(mark) "))
            pairs.append(("<td>\(mark) ", "<td class=\"claim \(status)\">\(mark) "))
            pairs.append(("<td>\(mark)</td>", "<td class=\"claim \(status)\">\(mark)</td>"))
            pairs.append(("<blockquote>\n<p>\(mark) ", "<blockquote class=\"claims-summary \(status)\">\n<p>\(mark) "))
        }
        return HTMLRewrite.replacingTags(pairs, in: html)
    }

    /// Replaces every `<img>` naming a file in `folder` by its data URI (as a mark, with the
    /// URI appended to `data`); an image alone in its paragraph becomes a `<figure>`, taking
    /// the italic paragraph after it as caption.
    func inlineFigures(_ html: String, data: inout [InlineFigure], usesAnimation: inout Bool) -> String {
        var uris: [InlineFigure] = []
        var animated = false
        var out = HTMLRewrite.replacing(#"(<p>)?<img src="([^"]+)" alt="([^"]*)" />(</p>)?"#, in: html) { groups in
            let standalone = !groups[1].isEmpty && !groups[4].isEmpty
            let source = HTMLText.unescape(groups[2])
            let alt = groups[3]
            guard let figure = InlineFigure(source: source, folder: folder) else {
                return groups[0]
            }
            var element: String
            if let frames = figure.animation {
                animated = true
                element = "<div class=\"animation\" data-frames=\"\(HTMLText.escape(frames))\">"
                // A reader whose system asks for reduced motion sees a still picture (the
                // APNG's default image) also without the script, which never plays by itself.
                element += "<picture class=\"animation-picture\">"
                if let still = figure.stillFrame {
                    uris.append(still)
                    element += "<source media=\"(prefers-reduced-motion: reduce)\" srcset=\"\(Self.figureDataMark)\">"
                }
                uris.append(figure)
                element += "<img src=\"\(Self.figureDataMark)\" alt=\"\(alt)\"\(figure.sizeAttributes) class=\"animation-source\"></picture>"
                element += "<div class=\"scrubber\" hidden><button type=\"button\" class=\"play\">Play</button>"
                element += "<input type=\"range\" min=\"0\" max=\"0\" value=\"0\" step=\"1\" aria-label=\"Frame\">"
                element += "<span class=\"frame-counter\"></span><span class=\"frame-label\"></span></div></div>"
            } else {
                uris.append(figure)
                element = "<img src=\"\(Self.figureDataMark)\" alt=\"\(alt)\"\(figure.sizeAttributes)>"
            }
            return standalone ? "<figure class=\"figure\">\(element)<!--caption--></figure>" : element
        }
        out = HTMLRewrite.replacing(#"<!--caption--></figure>\n<p>(<em>.*?)</p>"#, in: out) { groups in
            "<figcaption>\(groups[1])</figcaption></figure>"
        }
        usesAnimation = animated
        data = uris
        return HTMLRewrite.replacingTags([("<!--caption-->", "")], in: out)
    }
}
