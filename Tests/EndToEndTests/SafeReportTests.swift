import Foundation
import Notebook
import Testing

/// A lesson received from someone else, with markup meant to run script in every place a
/// lesson's text reaches a page. Every payload sets `window.__pwned`, which the browser
/// check reads; each carries the text `pwned` so that the tests can see it shown as text.
let hostileLesson = """
---
title: Hostile <img src=x onerror=window.__pwned=1> title
summary: Summary <img src=x onerror=window.__pwned=2> with <a href=javascript:window.__pwned=3>a pwned link</a>
seed: 3
---

Prose <img src=x onerror=window.__pwned=4> and <a href="javascript:window.__pwned=5">a pwned link</a> and [md pwned](javascript:window.__pwned=6).

<svg onload="window.__pwned=7"><circle r="1"/></svg>

<iframe src="javascript:parent.__pwned=8"></iframe>

<style>@import url(https://example.org/pwned.css); body { background: url(https://example.org/pwned.png) }</style>

<script>window.__pwned=9</script>

<details><summary>Allowed summary</summary>Folded text</details>

<a href="&#106;avascript:window.__pwned=10">entity pwned</a> <img src="https://example.org/pwned.png"> <p onmouseover="window.__pwned=11">hover</p>

The base has {{counts.base.with_bias:d}} parameters.

```{experiment}
id: counts
run: parameter-count
with:
  hidden: [10, 10, 10]
show: [lecture-example]
expect:
  - base.with_bias > 0
```

<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=12>
"""

extension BrowserTests {
    /// The payloads of `hostileLesson`, a `--set` value, and a run folder edited to carry
    /// them in its title, overrides, claims, metric names and folder name (a comparison's
    /// column label) reach `report.html`, `index.html` and a comparison's `report.html`
    /// as text: Chromium runs none of them, shows them as written, loads nothing, and logs
    /// no error (so the policy had nothing left to block).
    @Test func hostileTextInEveryPlaceOfALessonReadsAsTextAndRunsNothing() throws {
        let workspace = try Workspace()
        try workspace.write(hostileLesson, to: "01-hostile.md")
        let override = "counts.hidden=[10, 10, 10] #`<img src=x onerror=window.__pwned=13>` pwned"
        let render = try workspace.run("render", "--out", "out", "--cache", "cache", "--quiet", "--set", override)
        #expect(render.status == 0, "\(render.stderr)")
        let run = workspace.file("out/hostile")
        let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("``counts.hidden=[10, 10, 10] #`<img src=x onerror=window.__pwned=13>` pwned``"))

        // Someone else's run, the baseline of a comparison: every text field of run.json and
        // the cell's data made hostile, in a folder whose name is a payload too.
        let label = "theirs <img src=x onerror=window.__pwned=20>"
        let theirs = workspace.file("runs/\(label)")
        try FileManager.default.createDirectory(at: workspace.file("runs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: run, to: theirs)
        try editJSON(theirs.appendingPathComponent("run.json")) { manifest in
            manifest["title"] = "Their <img src=x onerror=window.__pwned=21> title"
            manifest["overrides"] = ["counts.hidden=<img src=x onerror=window.__pwned=22>", "x=`<b>`|pwned|"]
        }
        try editJSON(theirs.appendingPathComponent("data/counts.json")) { data in
            var metrics = data["metrics"] as? [String: Any] ?? [:]
            metrics["<img src=x onerror=window.__pwned=23>"] = 1.0
            metrics["base.with_bias"] = 375.0
            data["metrics"] = metrics
            var claims = data["claims"] as? [[String: Any]] ?? []
            if !claims.isEmpty { claims[0]["claim"] = "base.with_bias > 0 <img src=x onerror=window.__pwned=24> `pwned`" }
            data["claims"] = claims
        }
        let compare = try CommandRunner.run(["compare", theirs.path, run.path, "--name", "hostile", "--out", "cmp", "--quiet"],
                                            in: workspace.url)
        #expect(compare.status == 0, "\(compare.stderr)")
        let comparison = workspace.file("cmp/compare/hostile/report.html")

        let pages = [run.appendingPathComponent("report.html"), workspace.file("out/index.html"), comparison]
        let answer = try Browser.run(["hostile"] + pages.map(\.path))
        let results = answer["pages"] as? [[String: Any]] ?? []
        #expect(results.count == 3)
        for result in results {
            let file = result["file"] as? String ?? ""
            #expect(result["pwned"] is NSNull, "\(file): injected script ran (\(result["pwned"] ?? ""))")
            #expect((result["errors"] as? [String]) == [], "\(file)")
            #expect((result["requests"] as? [String]) == [], "\(file)")
            #expect(result["frames"] as? Int == 0 && result["handlers"] as? Int == 0, "\(file)")
            #expect((result["policy"] as? String ?? "").hasPrefix("default-src 'none'"), "\(file)")
        }
        guard results.count == 3 else { return }
        func text(_ index: Int) -> String { results[index]["text"] as? String ?? "" }
        // The report: title, summary, prose and the --set value, each as written.
        #expect(results[0]["title"] as? String == "Hostile <img src=x onerror=window.__pwned=1> title")
        for shown in ["Hostile <img src=x onerror=window.__pwned=1> title", "<img src=x onerror=window.__pwned=2>",
                      "<a href=javascript:window.__pwned=3>a pwned link</a>", "<img src=x onerror=window.__pwned=4>",
                      "<a href=\"javascript:window.__pwned=5\">a pwned link</a>", "<svg onload=\"window.__pwned=7\">",
                      "<iframe src=\"javascript:parent.__pwned=8\">", "@import url(https://example.org/pwned.css)",
                      "<script>window.__pwned=9</script>", "<a href=\"javascript:window.__pwned=10\">entity pwned</a>",
                      "<p onmouseover=\"window.__pwned=11\">hover", "onerror=window.__pwned=12",
                      "counts.hidden=[10, 10, 10] #`<img src=x onerror=window.__pwned=13>` pwned", "Allowed summary",
                      "The base has 374 parameters."] {
            #expect(text(0).contains(shown), "report.html does not show \(shown)")
        }
        // The index: the title and summary.
        #expect(text(1).contains("Hostile <img src=x onerror=window.__pwned=1> title"), "\(text(1))")
        #expect(text(1).contains("Summary <img src=x onerror=window.__pwned=2>"), "\(text(1))")
        // The comparison: the folder name as a column label, their title, overrides, claim and metric name.
        for shown in [label, "Their <img src=x onerror=window.__pwned=21> title", "counts.hidden=<img src=x onerror=window.__pwned=22>",
                      "x=`<b>`|pwned|", "<img src=x onerror=window.__pwned=23>", "<img src=x onerror=window.__pwned=24> `pwned`"] {
            #expect(text(2).contains(shown), "the comparison does not show \(shown)")
        }
    }

    /// The page's policy is what stops script that got past the sanitiser: markup added to
    /// a report after it was written (as if the sanitiser had missed it) does not run, and
    /// Chromium reports the policy blocking it.
    @Test func thePolicyBlocksScriptThatIsNotThePagesOwn() throws {
        let workspace = try Workspace()
        var page = HTMLReport(markdown: "# Policy\n\nText.\n", folder: workspace.url, title: "Policy").html()
        page = page.replacingOccurrences(of: "</main>", with: "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script></main>")
        let file = workspace.file("report.html")
        try Data(page.utf8).write(to: file)
        let result = (try Browser.run(["hostile", file.path])["pages"] as? [[String: Any]])?.first ?? [:]
        #expect(result["pwned"] is NSNull, "\(result["pwned"] ?? "")")
        let errors = result["errors"] as? [String] ?? []
        #expect(errors.contains { $0.contains("Content Security Policy") }, "\(errors)")
    }

    /// Under its policy a report keeps every feature: the contents bar and its links, the
    /// animation scrubber (the inline script, allowed by its hash, decodes the inlined APNG
    /// from blobs) and the dark colours.
    @Test func aReportsOwnFeaturesWorkUnderItsPolicy() throws {
        let workspace = try Workspace()
        let figures = workspace.file("run/figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        _ = try Browser.run(["make-apng", figures.appendingPathComponent("cell-steps.png").path])
        let filler = String(repeating: "A paragraph of text that takes up room on the page. ", count: 40)
        let markdown = "# Steps\n\n## First\n\n![Steps](figures/cell-steps.png)\n\n*Four frames.*\n\n\(filler)\n\n"
            + "## Second\n\n\(filler)\n\n\(filler)\n\n## Third\n\n\(filler)\n\n\(filler)\n\n\(filler)\n"
        let page = HTMLReport(markdown: markdown, folder: workspace.file("run"), title: "Steps").html()
        let file = workspace.file("run/report.html")
        try Data(page.utf8).write(to: file)

        let answer = try Browser.run(["features", file.path])
        let policy = answer["policy"] as? String ?? ""
        #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-") && policy.contains("img-src data:"), "\(policy)")
        #expect((answer["toc_width"] as? Double ?? 0) > 0)
        #expect(answer["toc_links"] as? Int == 3)
        let scrolled = answer["scrolled_to"] as? [Any] ?? []
        #expect((scrolled.first as? Double ?? 0) > 0 && scrolled.last as? String == "#third", "\(scrolled)")
        #expect(answer["animation_ready"] as? Bool == true)
        #expect(answer["counter"] as? String == "2 / 4")
        let colours = answer["colours"] as? [String: [String]] ?? [:]
        #expect(colours["light"] != nil && colours["light"] != colours["dark"], "\(colours)")
        #expect((answer["errors"] as? [String]) == [])
    }
}

/// A lesson whose cell id or `--variant` name is markup is refused with a message naming
/// it; nothing is written.
@Test func markupInACellIDOrAVariantNameIsRefusedWithItsFileAndLine() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson.replacingOccurrences(of: "id: counts", with: "id: <img src=x onerror=alert(1)>"))
    let render = try workspace.run("render", "--out", "out", "--cache", "cache", "--quiet")
    #expect(render.status == 1)
    #expect(render.stderr.contains("01-demo.md:") && render.stderr.contains("<img src=x onerror=alert(1)>"), "\(render.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace.file("out/demo/report.html").path))

    try workspace.write(countingLesson)
    let compare = try workspace.run("compare", "demo", "--variant", "a", "--variant", "<img src=x onerror=alert(1)>",
                                    "--out", "out", "--cache", "cache", "--quiet")
    #expect(compare.status == 1)
    #expect(compare.stderr.contains("is not a plain name"), "\(compare.stderr)")
}

/// Reads a JSON object, lets `edit` change it, writes it back.
func editJSON(_ url: URL, _ edit: (inout [String: Any]) -> Void) throws {
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    edit(&object)
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
}
