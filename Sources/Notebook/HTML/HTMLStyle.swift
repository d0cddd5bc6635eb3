/// The style sheet inlined into every HTML report: a readable column with a table of
/// contents beside it on wide screens, light and dark colours (`prefers-color-scheme`),
/// claim results coloured by verdict (green holds, red fails, amber undecided), and a print
/// style that gives a clean handout.
enum HTMLStyle {
    static let css = """
    :root {
      --text: #1f2328; --muted: #59636e; --background: #ffffff; --panel: #f6f8fa;
      --border: #d1d9e0; --link: #0550ae; --holds: #1a7f37; --holds-bg: #dafbe1;
      --fails: #cf222e; --fails-bg: #ffebe9; --undecided: #8a5a00; --undecided-bg: #fff5d6;
      --code-bg: #eff1f3; --figure-bg: #ffffff;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6edf3; --muted: #9198a1; --background: #0d1117; --panel: #151b23;
        --border: #3d444d; --link: #4493f8; --holds: #3fb950; --holds-bg: #12261e;
        --fails: #f85149; --fails-bg: #2d1214; --undecided: #e3b341; --undecided-bg: #2b2111;
        --code-bg: #1f2630; --figure-bg: #f6f8fa;
      }
    }
    * { box-sizing: border-box; }
    html { scroll-padding-top: 1rem; }
    body { margin: 0; background: var(--background); color: var(--text);
      font: 16px/1.6 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
    .page { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
    @media (min-width: 64rem) {
      .page { display: grid; grid-template-columns: 14rem minmax(0, 1fr); gap: 2.5rem; }
      .toc { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; }
    }
    .toc { font-size: 0.875rem; border-left: 3px solid var(--border); padding: 0.25rem 0 0.25rem 0.9rem; margin-bottom: 1.5rem; }
    .toc-title { font-weight: bold; margin: 0 0 0.4rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.75rem; }
    .toc ol { list-style: none; margin: 0; padding: 0; }
    .toc li { margin: 0.2rem 0; }
    .toc .toc-level-3 { padding-left: 0.9rem; }
    .toc a { color: var(--muted); text-decoration: none; }
    .toc a:hover { color: var(--link); text-decoration: underline; }
    .report { min-width: 0; max-width: 50rem; }
    a { color: var(--link); }
    h1, h2, h3, h4 { line-height: 1.25; margin: 1.8em 0 0.6em; }
    h1 { font-size: 2rem; margin-top: 0.3em; }
    h2 { font-size: 1.5rem; border-bottom: 1px solid var(--border); padding-bottom: 0.3em; }
    h3 { font-size: 1.2rem; }
    p, ul, ol, table, blockquote, figure, pre { margin: 0 0 1rem; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.875em;
      background: var(--code-bg); padding: 0.1em 0.35em; border-radius: 4px; }
    pre { background: var(--code-bg); padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; }
    pre code { background: none; padding: 0; }
    blockquote { margin-left: 0; padding: 0.6rem 1rem; border-left: 4px solid var(--border);
      background: var(--panel); color: var(--text); border-radius: 0 6px 6px 0; }
    blockquote p:last-child { margin-bottom: 0; }
    .claims-summary.holds { border-left-color: var(--holds); background: var(--holds-bg); }
    .claims-summary.fails { border-left-color: var(--fails); background: var(--fails-bg); }
    .claims-summary.undecided { border-left-color: var(--undecided); background: var(--undecided-bg); }
    li.claim { list-style: none; margin-left: -1.2rem; padding: 0.15rem 0.5rem; border-radius: 4px; }
    li.claim.holds { color: var(--holds); }
    li.claim.fails { color: var(--fails); background: var(--fails-bg); font-weight: bold; }
    li.claim.undecided { color: var(--undecided); background: var(--undecided-bg); }
    li.claim code { color: var(--text); }
    td.claim.holds { color: var(--holds); }
    td.claim.fails { color: var(--fails); font-weight: bold; }
    td.claim.undecided { color: var(--undecided); }
    table { border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; font-size: 0.9rem; }
    th, td { border: 1px solid var(--border); padding: 0.3rem 0.6rem; }
    th { background: var(--panel); }
    tr:nth-child(even) td { background: var(--panel); }
    td[align="right"], th[align="right"] { font-variant-numeric: tabular-nums; }
    img { max-width: 100%; height: auto; }
    figure { margin: 1.2rem 0 1.5rem; }
    figure img, .animation canvas { display: block; background: var(--figure-bg); border-radius: 4px; max-width: 100%; height: auto; }
    figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4rem; }
    sub { color: var(--muted); font-size: 0.8rem; vertical-align: baseline; }
    .scrubber { display: flex; align-items: center; gap: 0.75rem; margin-top: 0.5rem; font-size: 0.875rem; flex-wrap: wrap; }
    .scrubber[hidden] { display: none; }
    .scrubber input[type=range] { flex: 1 1 12rem; }
    .scrubber button { font: inherit; padding: 0.2rem 0.8rem; border: 1px solid var(--border);
      border-radius: 4px; background: var(--panel); color: var(--text); cursor: pointer; min-width: 4.5rem; }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
    summary:focus-visible, [tabindex]:focus-visible {
      outline: 3px solid var(--link); outline-offset: 2px; }
    .math-display { margin: 0 0 1rem; text-align: center; }
    math { font-size: 1.1em; }
    @media (prefers-reduced-motion: reduce) { html { scroll-behavior: auto; } }
    .frame-counter { font-variant-numeric: tabular-nums; color: var(--muted); }
    .frame-label { font-weight: bold; }
    @media print {
      :root { --text: #000; --muted: #333; --background: #fff; --panel: #f3f3f3; --border: #999;
        --link: #000; --holds: #0a5a1f; --holds-bg: #fff; --fails: #a00; --fails-bg: #fff;
        --undecided: #6b4500; --undecided-bg: #fff; --code-bg: #f3f3f3; }
      body { font-size: 10.5pt; }
      .page { display: block; max-width: none; padding: 0; }
      .toc, .scrubber { display: none; }
      .report { max-width: none; }
      a { text-decoration: none; }
      h1, h2, h3 { break-after: avoid; }
      figure, table, blockquote, pre, li.claim { break-inside: avoid; }
      figure img, .animation canvas { max-height: 60vh; width: auto; }
    }

    """
}
