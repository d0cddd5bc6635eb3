import Foundation
import Testing
@testable import Notebook

/// How prose marks slides and notes, and how Markdown reads on a PDF slide.
@Suite struct SlideDeckTests {
    @Test func markersTakeTheParagraphAfterThemAndHeadingsSetTheSection() {
        let prose = """
        ## Width

        Plain prose stays out of the deck.

        <!-- slide -->
        Width costs parameters
        quadratically.

        <!-- notes -->

        Say why depth is cheaper.

        ```python
        <!-- slide -->
        # not a heading
        ```

        ### Depth ###
        """
        #expect(SlideDeck.paragraphs(prose) == [
            .heading("Width"), .slide("Width costs parameters\nquadratically."), .notes("Say why depth is cheaper."),
            .heading("Depth"),
        ])
    }

    @Test func markdownBecomesPlainText() {
        #expect(SlideDeck.plain("A **bold** and *quiet* `code` [link](https://x.org) <!-- slide --> &amp; more\nlines")
                    == "A bold and quiet code link  & more lines")
        #expect(SlideDeck.plain("$a_b$ stays") == "$a_b$ stays")
    }

    @Test func slideFiguresAreKnownByTheirSuffix() {
        #expect(SlideDeck.slideTheme(ofSuffix: ".slides.png") == "slides")
        #expect(SlideDeck.slideTheme(ofSuffix: ".slides-dark.svg") == "slides-dark")
        #expect(SlideDeck.slideTheme(ofSuffix: ".png") == nil)
        #expect(SlideDeck.slideTheme(ofSuffix: ".frames.json") == nil)
    }

    @Test func theDeckScriptIsAllowedByItsHash() {
        let policy = ContentSecurityPolicy.report(scripts: [SlideDeck.script])
        #expect(policy.contains(ContentSecurityPolicy.hash(SlideDeck.script)))
        #expect(policy.contains("default-src 'none'"))
    }
}
