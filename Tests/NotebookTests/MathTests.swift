import Foundation
import Testing
@testable import Notebook

@Test(arguments: [
    ("Least squares: $w = F^\\top y$ here.", ["$w = F^\\top y"]),
    ("It costs $5 and $6 today.", []),
    ("Costs $5, or $x$.", ["$x"]),
    ("A price \\$5 and $a$.", ["$a"]),
    ("No space after: $ x$ nor before: $x $.", []),
    ("Not followed by a digit: $x$5 but $y$.", ["$y"]),
    ("Code `$x$` and ``a $b$ ` c`` then $z$.", ["$z"]),
    ("Escaped \\$ inside: $a \\$ b$.", ["$a \\$ b"]),
    ("Display:\n\n$$\nL = \\frac{1}{2}\n$$\n\nafter", ["$$L = \\frac{1}{2}"]),
    ("Inline $a$ and display $$b$$ on one line.", ["$a", "$$b"]),
    ("```\n$x$ in a fence\n```\nthen $y$", ["$y"]),
    ("~~~~\n$x$\n```\n$still$\n~~~~\n$out$", ["$out"]),
    ("A line break does not end inline math: $a\nb$", []),
])
func mathSpansFollowPandocsDollarRule(_ text: String, _ expected: [String]) {
    #expect(MathSpan.find(in: text).map(\.key) == expected)
}

@Test func mathSpansKnowTheirLineAndSource() {
    let spans = MathSpan.find(in: "first\n\nsecond $x^2$ and\n$$\n\\sum_i x_i\n$$\nlast $y$", firstLine: 10)
    #expect(spans.map(\.line) == [12, 13, 16])
    #expect(spans.map(\.source) == ["$x^2$", "$$\n\\sum_i x_i\n$$", "$y$"])
    #expect(spans[1].display && spans[1].tex == "\\sum_i x_i")
}

let mathLesson = """
---
title: Formulas
summary: TeX in prose, such as $\\lambda$.
seed: 1
---

# Formulas

The minimum-norm solution is $w = F^\\top (F F^\\top)^{-1} y$, and a price is $5.

$$
L(w) = \\frac{1}{2} \\lVert F w - y \\rVert^2
$$

```{experiment}
id: main
run: fixture
```
"""

@Test func theHTMLReportCarriesMathMLAndNeedsNoScriptForIt() throws {
    let folder = TemporaryFolder()
    let file = try folder.lesson(mathLesson)
    let outcome = try folder.renderer().render(lessonAt: file, path: "lessons/01-demo.md")
    let markdown = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
    let html = try String(contentsOf: outcome.folder.appendingPathComponent("report.html"), encoding: .utf8)
    // The Markdown keeps the TeX as written; the HTML has MathML in its place.
    #expect(markdown.contains("$w = F^\\top (F F^\\top)^{-1} y$"))
    #expect(markdown.contains("$$\nL(w) = \\frac{1}{2}"))
    #expect(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"))
    #expect(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"))
    #expect(html.contains("<mi>F</mi>") && html.contains("<mfrac>"))
    #expect(!html.contains("$w = F") && !html.contains("\u{FFFC}"))
    #expect(html.contains("a price is $5."))
    // The summary's formula too.
    #expect(html.contains("<em>TeX in prose, such as <math"), "\(html)")
    // No script: the lesson has no animation, and MathML needs none.
    #expect(!html.contains("<script"))
    // The same lesson gives the same bytes.
    let again = try folder.renderer().render(lessonAt: file, path: "lessons/01-demo.md")
    #expect(try Data(contentsOf: again.folder.appendingPathComponent("report.html")) == Data(html.utf8))
}

@Test func aFormulaThatDoesNotParseIsRefusedWithItsFileLineAndKaTeXsMessage() throws {
    let broken = mathLesson.replacingOccurrences(of: "\\frac{1}{2}", with: "\\frac{1}{")
    let error = notebookError { _ = try plan(broken) }
    #expect(error?.file == "lessons/01-demo.md")
    #expect(error?.line == 11)
    #expect(error?.message.contains("KaTeX parse error") == true, "\(error?.message ?? "")")
    #expect(error?.message.contains("expected '}'") == true, "\(error?.message ?? "")")
}

@Test func aFormulaHoldingAReferenceIsRefused() throws {
    let text = mathLesson.replacingOccurrences(of: "a price is $5.", with: "a rate of $\\eta = {{main.lr}}$.")
    let error = notebookError { _ = try plan(text) }
    #expect(error?.line == 9)
    #expect(error?.message.contains("cannot hold a `{{cell.metric}}` reference") == true)
}

@Test func aLessonsOwnMathElementStaysUnderTheAllowlist() throws {
    let markdown = "# T\n\nRaw <math><mi>x</mi></math> and $y$.\n"
    let math = MathMarkup(mathML: ["$y": "<math><mi>y</mi></math>"])
    let html = HTMLReport(markdown: markdown, folder: FileManager.default.temporaryDirectory, title: "T", math: math).html()
    #expect(html.contains("Raw &lt;math>&lt;mi>x&lt;/mi>&lt;/math>"))
    #expect(html.contains("<math><mi>y</mi></math>"))
}

@Test func aFormulaInAHeadingIsTypesetInTheHeadingAndTheContentsButNotInItsID() throws {
    let markdown = "# T\n\n## Loss $L$ here\n\ntext\n\n## Other\n\ntext\n"
    let math = MathMarkup(mathML: ["$L": "<math><mi>L</mi>\u{FFFC}figure-data\u{FFFC}</math>"])
    let html = HTMLReport(markdown: markdown, folder: FileManager.default.temporaryDirectory, title: "T", math: math).html()
    #expect(html.contains("<h2 id=\"loss--here\">Loss <math><mi>L</mi>figure-data</math> here</h2>"), "\(html)")
    #expect(html.contains("<a href=\"#loss--here\">Loss <math><mi>L</mi>figure-data</math> here</a>"))
    #expect(!html.contains("\u{FFFC}"))
}

@Test func findingFormulasInAnyTextNeitherCrashesNorLosesText() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ab $$\\`~\n 1{}_^")
    for _ in 0..<2000 {
        let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        let spans = MathSpan.find(in: text)
        let characters = Array(text)
        for span in spans {
            #expect(String(characters[span.range]) == span.source, "\(text.debugDescription)")
            #expect(!span.tex.isEmpty)
        }
        #expect(MathSpan.replacing(in: text) { $0.source } == text)
    }
}
