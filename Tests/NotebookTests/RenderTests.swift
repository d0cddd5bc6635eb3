import Foundation
import Testing
@testable import Notebook

func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

@Test func aRenderWritesTheOutputLayout() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    let run = outcome.folder
    #expect(run.lastPathComponent == "demo")
    let manager = FileManager.default
    for file in ["report.md", "run.json", "data/main.json", "data/other.json", "data/main-summary.csv"] {
        #expect(manager.fileExists(atPath: run.appendingPathComponent(file).path), "missing \(file)")
    }
    #expect(try read(run.appendingPathComponent("data/main-summary.csv")) == "name,value\nscore,10\n\"a, b\",2\n")
    let report = try read(run.appendingPathComponent("report.md"))
    #expect(report.contains("# A demo"))
    #expect(report.contains("✓ All 2 claims of this lesson hold."))
    #expect(report.contains("| name | value |"))
    #expect(report.contains("- ✓ `final.score >= 5` (10 >= 5)"))
    #expect(report.contains("> Note: A fixture note."))
    let index = try read(folder.url.appendingPathComponent("output/README.md"))
    #expect(index.contains("[A demo](demo/report.md)"))
    #expect(index.contains("Numbers from a fixture."))
    // Nothing but the run folder and the index is left in the output folder.
    #expect(try manager.contentsOfDirectory(atPath: folder.url.appendingPathComponent("output").path).sorted() == ["README.md", "demo", "index.html"])
}

@Test func cellDataHoldsConfigMetricsSeriesTablesAndClaims() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    let loaded = try RunFolder(contentsOf: outcome.folder)
    #expect(loaded.manifest == outcome.manifest)
    let main = try #require(loaded.cells.first)
    #expect(main.cell == "main")
    #expect(main.config["epochs"] == .int(20))
    #expect(main.metrics["final.score"] == 10)
    #expect(main.metrics["diverged"]?.isNaN == true)
    #expect(main.series["loss"]?.y == [1, 0.5, 0.25])
    #expect(main.tables["summary"]?.columns == ["name", "value"])
    #expect(main.claims.count == 2)
    let json = try read(outcome.folder.appendingPathComponent("data/main.json"))
    #expect(json.contains("\"diverged\" : \"nan\""))
    #expect(loaded.manifest.profile == "full")
    #expect(loaded.manifest.seed == 7)
    #expect(loaded.manifest.sourceHash == SHA256.hex(of: demoLesson))
}

@Test func aSecondRenderIsServedFromTheCacheWithIdenticalData() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson(demoLesson)
    let first = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(first.manifest.cells.map(\.cache) == ["miss", "miss"])
    let data1 = try Data(contentsOf: first.folder.appendingPathComponent("data/main.json"))
    let report1 = try Data(contentsOf: first.folder.appendingPathComponent("report.md"))

    let second = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(second.manifest.cells.map(\.cache) == ["hit", "hit"])
    // A cached render still reports how long the lesson takes to compute.
    let computed = try #require(first.manifest.computeSeconds)
    #expect(second.manifest.cells.map(\.computeSeconds) == first.manifest.cells.map(\.computeSeconds))
    #expect(second.manifest.computeSeconds == computed)
    let index = try read(folder.url.appendingPathComponent("output/README.md"))
    #expect(index.contains("| Compute time | Last render |"))
    #expect(index.contains(String(format: "| %.1f s |", computed)))
    #expect(try Data(contentsOf: second.folder.appendingPathComponent("data/main.json")) == data1)
    #expect(try Data(contentsOf: second.folder.appendingPathComponent("report.md")) == report1)

    let uncached = try folder.renderer(useCache: false).render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(uncached.manifest.cells.map(\.cache) == ["off", "off"])
    #expect(try Data(contentsOf: uncached.folder.appendingPathComponent("data/main.json")) == data1)
}

@Test func changingAParameterMissesTheCacheForThatCellOnly() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson(demoLesson)
    let first = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    let changed = try folder.renderer(overrides: ["main.epochs=21"]).render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(changed.manifest.cells.map(\.cache) == ["miss", "hit"])
    #expect(changed.manifest.cells[0].cacheKey != first.manifest.cells[0].cacheKey)
    #expect(changed.manifest.overrides == ["main.epochs=21"])
    let seeded = try folder.renderer(overrides: ["main.seed=8"]).render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(seeded.manifest.cells[0].cache == "miss")
}

@Test func aFailedRenderLeavesThePreviousReportWhole() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson(demoLesson)
    let good = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    let before = try Data(contentsOf: good.folder.appendingPathComponent("report.md"))
    let files = try FileManager.default.subpathsOfDirectory(atPath: good.folder.path).sorted()

    // A typo that only the run can reveal: the unknown metric is found after the cells ran.
    _ = try folder.lesson(demoLesson.replacingOccurrences(of: "{{other.value}}", with: "{{other.valeu}}"))
    #expect(notebookError { _ = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md") } != nil)
    // And one found before running.
    _ = try folder.lesson(demoLesson.replacingOccurrences(of: "epochs: 20", with: "epochs: -20"))
    #expect(notebookError { _ = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md") } != nil)

    #expect(try Data(contentsOf: good.folder.appendingPathComponent("report.md")) == before)
    #expect(try FileManager.default.subpathsOfDirectory(atPath: good.folder.path).sorted() == files)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("output").path)
    #expect(left.sorted() == ["README.md", "demo", "index.html"], "temporary folders left behind: \(left)")
}

@Test func aFailedClaimIsWrittenToTheReportAndManifest() throws {
    let folder = TemporaryFolder()
    let text = demoLesson.replacingOccurrences(of: "final.score >= 5", with: "final.score >= 50")
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(text), path: "lessons/01-demo.md")
    #expect(outcome.failedClaims.map(\.claim) == ["final.score >= 50"])
    #expect(outcome.manifest.status == "claims-failed")
    #expect(outcome.manifest.claims == ClaimSummary(passed: 1, failed: 1))
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    #expect(report.contains("✗ **1 of 2 claims failed:**"))
    #expect(report.contains("- ✗ `final.score >= 50` (10 >= 50) — **this claim failed**"))
    #expect(try read(folder.url.appendingPathComponent("output/README.md")).contains("✗ 1 of 2 claims failed"))
}

@Test func replacingAFolderIsAllOrNothing() throws {
    let folder = TemporaryFolder()
    let target = folder.url.appendingPathComponent("run")
    try OutputFolder.replace(target) { try Data("one".utf8).write(to: $0.appendingPathComponent("a.txt")) }
    struct Interrupted: Error {}
    #expect(throws: Interrupted.self) {
        try OutputFolder.replace(target) { build in
            try Data("two".utf8).write(to: build.appendingPathComponent("a.txt"))
            throw Interrupted()
        }
    }
    #expect(try read(target.appendingPathComponent("a.txt")) == "one")
    try OutputFolder.replace(target) { try Data("three".utf8).write(to: $0.appendingPathComponent("b.txt")) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["b.txt"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["run"])
}

@Test func quickRendersUseTheQuickProfile() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer(quick: true).render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    #expect(outcome.manifest.profile == "quick")
    #expect(try RunFolder(contentsOf: outcome.folder).cells[0].metrics["final.epochs"] == 4)
}

@Test func anInterruptedReplacementIsRecovered() throws {
    let folder = TemporaryFolder()
    let target = folder.url.appendingPathComponent("run")
    // As if a render died between stepping the old folder aside and moving the new one in.
    let previous = folder.url.appendingPathComponent(".run.old-1234")
    let halfBuilt = folder.url.appendingPathComponent(".run.new-1234")
    try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: halfBuilt, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: previous.appendingPathComponent("a.txt"))
    OutputFolder.recover(target)
    #expect(try read(target.appendingPathComponent("a.txt")) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["run"])
}

@Test func finishedTrialsAreKeptPerCellAndAChangedSettingRecomputesThem() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson("---\ntitle: Sweep\n---\n```{experiment}\nid: s\nrun: sweep\n```\n")
    let first = try RunFolder(contentsOf: try folder.renderer().render(lessonAt: lesson).folder)
    #expect(first.cells[0].metrics["computed"] == 3)
    // An interrupted render (no cell entry yet, its trials stored) reuses every finished trial.
    try FileManager.default.removeItem(at: folder.url.appendingPathComponent("cache/cells"))
    let resumed = try folder.renderer().render(lessonAt: lesson)
    #expect(try RunFolder(contentsOf: resumed.folder).cells[0].metrics == ["computed": 0, "total": 5])
    // A changed setting changes every trial's key: no trial computed for other settings is served.
    let wider = try folder.renderer(overrides: ["s.points=5"]).render(lessonAt: lesson)
    #expect(try RunFolder(contentsOf: wider.folder).cells[0].metrics == ["computed": 5, "total": 30])
    #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("cache/trials/demo/s").path))
    // --no-cache reruns every trial.
    let fresh = try folder.renderer(useCache: false, overrides: ["s.points=5"]).render(lessonAt: lesson)
    #expect(try RunFolder(contentsOf: fresh.folder).cells[0].metrics["computed"] == 5)
}

@Test func figuresAreDrawnLinkedAndCachedWithStableBytes() throws {
    let folder = TemporaryFolder()
    let text = demoLesson.replacingOccurrences(of: "show: [summary]", with: "show: [curve, summary]")
    let lesson = try folder.lesson(text)
    let first = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    let png = first.folder.appendingPathComponent("figures/main-curve.png")
    let svg = first.folder.appendingPathComponent("figures/main-curve.svg")
    #expect(try Data(contentsOf: png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let svgBytes = try Data(contentsOf: svg)
    let report = try read(first.folder.appendingPathComponent("report.md"))
    let alt = "Loss against epoch. Loss against epoch (x from 0 to 2, y from 0.125 to 1) for train; the curve falls; "
        + "lowest 0.125 (at epoch 2), highest 1 (at epoch 0)."
    #expect(report.contains("![\(alt)](figures/main-curve.png)\n\n*Loss falls with training.* ([SVG](figures/main-curve.svg), [data (CSV)](data/main-curve.csv))"))
    // The figure comes before the table, as `show:` lists them.
    #expect(report.range(of: "main-curve.png")!.lowerBound < report.range(of: "| name | value |")!.lowerBound)
    let record = try RunFolder(contentsOf: first.folder).cells[0]
    #expect(record.figures == [FigureRecord(name: "curve", caption: "Loss falls with training.", title: "Loss against epoch",
                                            alt: alt, files: ["figures/main-curve.png", "figures/main-curve.svg",
                                                              "data/main-curve.csv"])])

    let cached = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(cached.manifest.cells[0].cache == "hit")
    #expect(try Data(contentsOf: svg) == svgBytes)
    let rerun = try folder.renderer(useCache: false).render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(rerun.manifest.cells[0].cache == "off")
    #expect(try Data(contentsOf: svg) == svgBytes)
}
