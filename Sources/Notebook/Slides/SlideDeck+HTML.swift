import Foundation
import Plot

extension SlideDeck {
    /// The deck as one self-contained HTML page: every slide a `<section>`, figures inlined
    /// as `data:` PNGs, one inline script allowed by its hash (`ContentSecurityPolicy`), no
    /// request to anything. Arrow keys, space, Page Up and Page Down (what presentation
    /// clickers send), Home and End move between slides; the slide number is the address's
    /// fragment (`#3`), so a reload keeps the place; `s` opens the presenter view (the slide
    /// beside its speaker notes, `#3/notes`); printing gives one slide per page.
    public func html() throws -> String {
        var sections: [String] = []
        for (index, slide) in slides.enumerated() {
            sections.append(try section(slide, number: index + 1))
        }
        let dark = themeName == "slides-dark"
        let style = Self.style(background: dark ? "#161616" : "#ffffff", text: dark ? "#eeeeee" : "#222222",
                               muted: dark ? "#bbbbbb" : "#555555", accent: dark ? "#56B4E9" : "#0072B2",
                               holds: dark ? "#66BB6A" : "#2E7D32", fails: dark ? "#EF5350" : "#C62828",
                               undecided: dark ? "#FFB300" : "#A15C00")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        \(ContentSecurityPolicy.meta(ContentSecurityPolicy.report(scripts: [Self.script])))
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(Self.plain(title))) (slides)</title>
        <style>\(style)</style>
        </head>
        <body>
        <main aria-live="polite">
        \(sections.joined(separator: "\n"))
        </main>
        <nav class="bar" aria-label="Slides">
        <button type="button" id="previous" aria-label="Previous slide">‹</button>
        <span id="count" aria-live="polite">1 / \(slides.count)</span>
        <button type="button" id="next" aria-label="Next slide">›</button>
        <button type="button" id="presenter" aria-pressed="false">Notes (s)</button>
        </nav>
        <script>\(Self.script)</script>
        </body>
        </html>

        """
    }

    func section(_ slide: Slide, number: Int) throws -> String {
        var body = ""
        var kind = ""
        switch slide.content {
        case .title(let summary):
            kind = "title"
            body = "<h1>\(HTMLText.escape(Self.plain(title)))</h1>\n<div class=\"summary\">\(MarkdownHTML.fragment(summary))</div>\n"
                + "<p class=\"counts\">\(HTMLText.escape(claimCounts))</p>\n" + claimList(slide.claims)
        case .figure(_, _, let caption, let alt, let png):
            kind = "figure"
            let bytes = try Data(contentsOf: png)
            let layout = slide.claims.isEmpty ? "alone" : {
                let image = (try? PNGImage(contentsOf: png)).map { Double($0.width) / Double(max(1, $0.height)) } ?? 1.6
                return SlideGeometry.placement(aspect: image) == .beside ? "beside" : "below"
            }()
            body = "<h2>\(HTMLText.escape(Self.plain(slide.heading)))</h2>\n<div class=\"body \(layout)\">"
                + "<figure><img src=\"data:image/png;base64,\(bytes.base64EncodedString())\" alt=\"\(HTMLText.escape(alt))\">"
                + "<figcaption>\(HTMLText.escape(Self.plain(caption)))</figcaption></figure>\n"
                + claimList(slide.claims) + "</div>\n"
        case .text(let text):
            kind = "text"
            body = "<h2>\(HTMLText.escape(Self.plain(slide.heading)))</h2>\n<div class=\"body\">\(MarkdownHTML.fragment(text))</div>\n"
        case .closing:
            kind = "closing"
            body = "<h2>\(HTMLText.escape(slide.heading))</h2>\n<p class=\"counts\">\(HTMLText.escape(claimCounts))</p>\n"
                + claimList(slide.claims)
        }
        let notes = slide.notes.map { MarkdownHTML.fragment($0) }.joined(separator: "\n")
        return """
        <section class="slide \(kind)" id="slide-\(number)" aria-label="Slide \(number) of \(slides.count)"\(number == 1 ? "" : " hidden")>
        \(body)<aside class="notes" aria-label="Speaker notes">\(notes.isEmpty ? "<p>No notes.</p>" : notes)</aside>
        <footer><span>\(HTMLText.escape(Self.plain(title)))</span><span>\(number) / \(slides.count)</span></footer>
        </section>
        """
    }

    func claimList(_ claims: [ClaimResult]) -> String {
        guard !claims.isEmpty else { return "" }
        let items = claims.map { claim in
            "<li class=\"\(claim.verdict.rawValue)\"><span class=\"mark\" aria-hidden=\"true\">\(claim.verdict.mark)</span> "
                + "<code>\(HTMLText.escape(claim.claim))</code> <strong>\(claim.verdict.rawValue)</strong>: \(HTMLText.escape(claim.values))</li>"
        }
        return "<ul class=\"claims\" aria-label=\"Claims\">\n" + items.joined(separator: "\n") + "\n</ul>\n"
    }

    /// The page's one script: navigation, the address fragment and the presenter view.
    static let script = """
    (function () {
      var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
      var current = 0, presenter = false;
      function show() {
        slides.forEach(function (slide, index) { slide.hidden = index !== current; });
        document.body.classList.toggle('presenter', presenter);
        document.getElementById('presenter').setAttribute('aria-pressed', String(presenter));
        document.getElementById('count').textContent = (current + 1) + ' / ' + slides.length;
        var hash = '#' + (current + 1) + (presenter ? '/notes' : '');
        if (location.hash !== hash) { location.replace(hash); }
      }
      function fromHash() {
        var match = /^#(\\d+)(\\/notes)?$/.exec(location.hash);
        if (match) {
          current = Math.min(slides.length - 1, Math.max(0, parseInt(match[1], 10) - 1));
          presenter = !!match[2];
        }
        show();
      }
      function go(step) {
        var next = Math.min(slides.length - 1, Math.max(0, current + step));
        if (next !== current) { current = next; show(); }
      }
      document.addEventListener('keydown', function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey) { return; }
        var key = event.key;
        if (event.target && event.target.tagName === 'BUTTON' && (key === ' ' || key === 'Enter')) { return; }
        if (key === 'ArrowRight' || key === 'ArrowDown' || key === 'PageDown' || key === 'Enter' || (key === ' ' && !event.shiftKey)) {
          go(1);
        } else if (key === 'ArrowLeft' || key === 'ArrowUp' || key === 'PageUp' || key === 'Backspace' || (key === ' ' && event.shiftKey)) {
          go(-1);
        } else if (key === 'Home') {
          current = 0; show();
        } else if (key === 'End') {
          current = slides.length - 1; show();
        } else if (key === 's' || key === 'S') {
          presenter = !presenter; show();
        } else {
          return;
        }
        event.preventDefault();
      });
      document.getElementById('previous').addEventListener('click', function () { go(-1); });
      document.getElementById('next').addEventListener('click', function () { go(1); });
      document.getElementById('presenter').addEventListener('click', function () { presenter = !presenter; show(); });
      window.addEventListener('hashchange', fromHash);
      fromHash();
    })();
    """

    static func style(background: String, text: String, muted: String, accent: String, holds: String, fails: String,
                      undecided: String) -> String {
        """
        :root { --bg: \(background); --fg: \(text); --muted: \(muted); --accent: \(accent); --holds: \(holds); --fails: \(fails); --undecided: \(undecided); }
        * { box-sizing: border-box; }
        html, body { margin: 0; height: 100%; background: #000; color: var(--fg); font-family: "DejaVu Sans", Verdana, sans-serif; }
        main { display: flex; align-items: center; justify-content: center; height: 100vh; }
        section.slide { --w: min(100vw, calc(100vh * 16 / 9)); width: var(--w); height: calc(var(--w) * 9 / 16);
          background: var(--bg); padding: calc(var(--w) * 0.0375); position: relative; overflow: hidden;
          font-size: calc(var(--w) * 0.019); display: flex; flex-direction: column; }
        section.slide[hidden] { display: none; }
        h1 { font-size: 2em; margin: 1.2em 0 0.4em; }
        h2 { font-size: 1.45em; margin: 0 0 0.5em; padding-bottom: 0.3em; border-bottom: 0.1em solid var(--accent); }
        .summary { color: var(--muted); font-size: 1.15em; }
        .counts { font-weight: bold; }
        .body { flex: 1; display: flex; gap: 1.2em; min-height: 0; }
        .body.below, .body.alone { flex-direction: column; align-items: center; }
        figure { margin: 0; min-height: 0; display: flex; flex-direction: column; align-items: center; flex: 0 1 auto; }
        .body.beside figure { flex: 0 0 64%; }
        figure img { max-width: 100%; max-height: 100%; min-height: 0; object-fit: contain; }
        .body.below figure img { max-height: calc(var(--w) * 0.38); }
        .body.alone figure img { max-height: calc(var(--w) * 0.43); }
        figcaption { position: absolute; left: -9999px; }
        ul.claims { list-style: none; margin: 0; padding: 0; font-size: 0.85em; overflow: auto; }
        ul.claims li { margin: 0 0 0.5em 1.4em; text-indent: -1.4em; }
        ul.claims .mark { display: inline-block; width: 1.4em; text-indent: 0; font-weight: bold; }
        li.holds .mark, li.holds strong { color: var(--holds); }
        li.fails .mark, li.fails strong { color: var(--fails); }
        li.undecided .mark, li.undecided strong { color: var(--undecided); }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        .notes { display: none; }
        section.slide footer { position: absolute; left: calc(var(--w) * 0.0375); right: calc(var(--w) * 0.0375); bottom: 0.6em;
          display: flex; justify-content: space-between; font-size: 0.55em; color: var(--muted); }
        .bar { position: fixed; right: 0.5em; top: 0.5em; display: flex; gap: 0.4em; align-items: center; opacity: 0.35;
          font-size: 14px; color: #ddd; }
        .bar:hover, .bar:focus-within { opacity: 1; }
        .bar button { font: inherit; background: #333; color: #eee; border: 1px solid #777; border-radius: 4px; padding: 0.1em 0.6em; }
        .bar button:focus-visible { outline: 3px solid #fd0; outline-offset: 2px; }
        body.presenter main { justify-content: flex-start; }
        body.presenter section.slide { --w: min(62vw, calc(100vh * 16 / 9)); }
        body.presenter section.slide:not([hidden]) .notes { display: block; position: fixed; top: 0; right: 0; width: 36vw; height: 100vh;
          overflow: auto; padding: 1em; background: #1d1d1d; color: #eee; font-size: 20px; line-height: 1.45; }
        @media print {
          @page { size: 13.333in 7.5in; margin: 0; }
          html, body { background: var(--bg); height: auto; }
          main { display: block; height: auto; }
          section.slide, section.slide[hidden] { --w: 13.333in; display: flex !important; page-break-after: always; break-after: page; }
          .bar, .notes, body.presenter section.slide .notes { display: none !important; }
        }
        """
    }
}
