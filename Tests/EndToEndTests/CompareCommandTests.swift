import Foundation
import Testing

/// A workspace with the counting lesson rendered once into output/demo.
private func renderedWorkspace() throws -> Workspace {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let render = try workspace.run("render", "demo", "--quiet")
    #expect(render.status == 0, "\(render.stderr)")
    return workspace
}

private func exists(_ workspace: Workspace, _ path: String) -> Bool {
    FileManager.default.fileExists(atPath: workspace.file(path).path)
}

/// The counting lesson plus a cell that draws a figure.
let figureLesson = countingLesson + """


```{experiment}
id: growth
run: parameter-count
show: [growth]
```
"""

@Test func comparingARunWithItselfReportsNoDifferences() throws {
    let workspace = try Workspace()
    try workspace.write(figureLesson)
    #expect(try workspace.run("render", "demo", "--quiet").status == 0)
    let result = try workspace.run("compare", "demo", "output/demo")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("✓ comparison: output/compare/demo--demo-2/report.md · 2 runs · no setting differs · 0 of 32 metrics changed · figures identical"), "\(result.stdout)")
    let report = try String(contentsOf: workspace.file("output/compare/demo--demo-2/report.md"), encoding: .utf8)
    #expect(report.contains("# Comparison: demo vs demo (2)"))
    #expect(report.contains("Settings: no setting differs between the runs."))
    #expect(report.contains("Metrics: no metric changed (32 compared)."))
    #expect(report.contains("Figures: all 1 figure is identical in every run."))
    #expect(report.contains("All 1 figure is identical in every run (pixel for pixel), so none is drawn here: [`growth` · growth](figures/runs/demo/growth-growth.png)."), "\(report)")
    #expect(exists(workspace, "output/compare/demo--demo-2/figures/runs/demo/growth-growth.png"))
    #expect(report.contains("No claim changes its verdict between the runs."))
}

@Test func twoRendersWithOneChangedSettingReportThatSettingAndItsEffects() throws {
    let workspace = try renderedWorkspace()
    let wide = try workspace.run("render", "demo", "--set", "counts.hidden=[20, 20, 20]", "--out", "wide", "--quiet")
    #expect(wide.status == 3)
    let result = try workspace.run("compare", "output/demo", "wide/demo", "--name", "widths")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("output/compare/widths/report.md · 2 runs · 1 setting differs · 10 of 16 metrics changed · ⚠ 1 claim changes verdict"), "\(result.stdout)")
    let report = try String(contentsOf: workspace.file("output/compare/widths/report.md"), encoding: .utf8)
    #expect(report.contains("Settings: 1 differs (`counts.hidden`)."))
    #expect(report.contains("| `hidden` | `[10, 10, 10]` | `[20, 20, 20]` |"))
    #expect(report.contains("| `base.with_bias` | 374 | 1,144 | +770 (+206%) |"), "\(report)")
    #expect(report.contains("`base.with_bias == 374` in cell `counts`: holds in output/demo (374 == 374), **fails** in wide/demo (1144 == 374)"))
    #expect(report.contains("| Overrides | none | `counts.hidden=[20, 20, 20]` |"))
}

@Test func aChangedSettingThatRedrawsAFigureShowsWherePixelsChanged() throws {
    let workspace = try Workspace()
    try workspace.write(figureLesson)
    let result = try workspace.run("compare", "demo", "--name", "growth", "--variant", "base", "--variant", "wider:growth.hidden=[20,20,20]")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("· 1 setting differs ·"), "\(result.stdout)")
    #expect(result.stdout.contains("· 1 of 1 figures differ"), "\(result.stdout)")
    let report = try String(contentsOf: workspace.file("output/compare/growth/report.md"), encoding: .utf8)
    #expect(report.contains("Settings: 1 differs (`growth.hidden`)."))
    #expect(report.contains("% of pixels changed**"))
    #expect(report.contains("](runs/wider/figures/growth-growth.png)"))
    #expect(exists(workspace, "output/compare/growth/figures/diff/growth-growth-wider.png"))
    #expect(report.contains("No claim changes its verdict between the runs."))
}

@Test func variantsOfALessonAreRenderedAndCompared() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let result = try workspace.run("compare", "demo", "--variant", "base", "--variant", "wide:counts.hidden=[20, 20, 20],counts.outputs=2")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("output/compare/demo--base--wide/report.md · 2 runs · 2 settings differ"), "\(result.stdout)")
    #expect(exists(workspace, "output/compare/demo--base--wide/runs/base/run.json"))
    #expect(exists(workspace, "output/compare/demo--base--wide/runs/wide/data/counts.json"))
    let report = try String(contentsOf: workspace.file("output/compare/demo--base--wide/report.md"), encoding: .utf8)
    #expect(report.contains("| `outputs` | `4` | `2` |"))
    // The variants went through the cache: a second comparison reruns nothing.
    let again = try workspace.run("compare", "demo", "--variant", "base", "--variant", "wide:counts.hidden=[20, 20, 20],counts.outputs=2")
    #expect(again.status == 0)
    #expect(again.stderr.contains("[cache hit]") && !again.stderr.contains("[cache miss]"), "\(again.stderr)")
    #expect(try String(contentsOf: workspace.file("output/compare/demo--base--wide/report.md"), encoding: .utf8).contains("| `outputs` | `4` | `2` |"))
}

@Test func runsOfDifferentLessonsAreComparedOnTheirSharedCells() throws {
    let workspace = try renderedWorkspace()
    try workspace.write(countingLesson.replacingOccurrences(of: "title: Counting", with: "title: More counting")
        + "\n\n```{experiment}\nid: extra\nrun: parameter-count\nshow: [shapes]\n```\n", to: "02-more.md")
    #expect(try workspace.run("render", "more", "--quiet").status == 0)
    let result = try workspace.run("compare", "demo", "more")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("1 cells not compared"), "\(result.stdout)")
    let report = try String(contentsOf: workspace.file("output/compare/demo--more/report.md"), encoding: .utf8)
    #expect(report.contains("2 runs of different lessons (`demo`, `more`)"))
    #expect(report.contains("Not compared (only one run has them): `extra` (more)."))
}

/// Bad input: the arguments, after `compare`, and the message stderr must hold.
private let badInputs: [([String], String)] = [
    (["output/demo"], "output/demo: a comparison needs at least two runs, found 1"),
    ([], "a comparison needs at least two runs, found 0"),
    (["output/demo", "lessons"], "lessons: not a run folder: it has no run.json; expected a folder written by `lessonbook render`"),
    (["output/demo", "nowhere/demo"], "nowhere/demo: no such folder; expected a run folder written by `lessonbook render`"),
    (["output/demo", "nosuchlesson"], "nosuchlesson: no run folder here, and no rendered lesson `nosuchlesson`"),
    (["output/demo", "lessons/01-demo.md"], "lessons/01-demo.md: this is a lesson file, not a run folder"),
    (["output/demo", "broken-manifest"], "broken-manifest/run.json: cannot read the run manifest: it is not valid JSON"),
    (["output/demo", "missing-data"], "missing-data/data/counts.json: missing cell data listed in run.json"),
    (["output/demo", "broken-data"], "broken-data/data/counts.json: cannot read the cell data: the key `kind` is missing"),
    (["output/demo", "output/demo", "--set", "counts.inputs=3"], "--set counts.inputs=3: --set changes a lesson before it runs, so it only applies with --variant"),
    (["demo", "--variant", "base", "--variant", "wide:count.hidden=[20]"],
     "--variant wide:count.hidden=[20]: count.hidden=[20]: no cell `count` in lessons/01-demo.md; did you mean `counts`?"),
    (["demo", "--variant", "base", "--variant", "wide:counts.hiden=[20]"],
     "counts.hiden: unknown parameter of `parameter-count`; did you mean `hidden`?"),
    (["demo", "--variant", "base", "--variant", "wide:counts.hidden=[20, -1]"], "(from --variant wide:counts.hidden=[20, -1])"),
    (["demo", "--variant", "base"], "a comparison needs at least two variants, found 1"),
    (["demo", "output/demo", "--variant", "a", "--variant", "b"], "with --variant, expected exactly one lesson (by name or path), found 2 arguments"),
    (["nolesson", "--variant", "a", "--variant", "b"], "nolesson: no lesson named `nolesson` in lessons"),
    (["demo", "--variant", "a b:counts.inputs=3", "--variant", "c"], "the variant name `a b` is not a plain name"),
    (["output/demo", "output/demo", "--name", "../up"], "--name ../up: expected a plain folder name"),
]

@Test(arguments: badInputs)
func badInputExitsOneNamesTheProblemAndWritesNothing(arguments: [String], message: String) throws {
    let workspace = try renderedWorkspace()
    let manager = FileManager.default
    // Damaged copies of the good run.
    for name in ["broken-manifest", "missing-data", "broken-data"] {
        try manager.copyItem(at: workspace.file("output/demo"), to: workspace.file(name))
    }
    try Data("{ not json".utf8).write(to: workspace.file("broken-manifest/run.json"))
    try manager.removeItem(at: workspace.file("missing-data/data/counts.json"))
    try Data("{\"cell\": \"counts\"}".utf8).write(to: workspace.file("broken-data/data/counts.json"))
    // A previous comparison under the name the bad runs would use stays as it was.
    #expect(try workspace.run("compare", "output/demo", "output/demo", "--name", "keep").status == 0)
    let before = try Data(contentsOf: workspace.file("output/compare/keep/report.md"))

    let name = arguments.contains("--name") ? [] : ["--name", "keep"]
    let result = try CommandRunner.run(["compare"] + arguments + name, in: workspace.url)
    #expect(result.status == 1, "\(result.stdout)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(try Data(contentsOf: workspace.file("output/compare/keep/report.md")) == before)
    #expect(try manager.contentsOfDirectory(atPath: workspace.file("output/compare").path) == ["keep"])
}
