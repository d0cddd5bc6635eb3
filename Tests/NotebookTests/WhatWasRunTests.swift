import Foundation
import Testing
@testable import Notebook

/// The report's "What was run" section lists the effective settings of every cell.
@Test func theReportListsEveryEffectiveSettingOfEveryCell() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer(overrides: ["main.rate=0.25"]).render(lessonAt: try folder.lesson(demoLesson),
                                                                            path: "lessons/01-demo.md")
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    let section = try #require(report.components(separatedBy: "## What was run").last)
    #expect(report.components(separatedBy: "## What was run").count == 2)
    #expect(section.contains("**`main`**: `fixture` v1, seed 7"))
    // From the cell's `with:`, from the override, and a default the lesson never names.
    #expect(section.contains("| `epochs` | 20 |"))
    #expect(section.contains("| `hidden` | [3, 4] |"))
    #expect(section.contains("| `rate` | 0.25 |"))
    #expect(section.contains("| `activation` | tanh |"))
    #expect(section.contains("| `optimizer` | {lr: 0.01} |"))
    #expect(section.contains("**`other`**: `constant`"))
}

@Test func theQuickReportListsTheQuickSettings() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer(quick: true).render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    #expect(report.contains("| `epochs` | 4 |"))
    #expect(!report.contains("| `epochs` | 20 |"))
}

@Test func cellsWithTheSameSettingsShareOneTable() throws {
    let twice = demoLesson.replacingOccurrences(of: "Other is {{other.value}}.", with: """
        Other is {{other.value}}.

        ```{experiment}
        id: again
        run: constant
        ```
        """)
    let folder = TemporaryFolder()
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(twice), path: "lessons/01-demo.md")
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    #expect(report.contains("**`other`, `again`**: `constant`"))
}

@Test func listsOfMappingsGetOneRowPerItemAndStringsAreQuotedWhenNeeded() {
    let variants = ConfigValue.array([.object(["id": .string("narrow"), "hidden": .array([.int(2), .int(2)])]),
                                      .object(["id": .string("wide"), "label": .string("8-8, 1.75 turns")])])
    let rows = ReportWriter.settingRows("variants", variants)
    #expect(rows.map(\.0) == ["variants[0]", "variants[1]"])
    #expect(rows[0].1 == "{hidden: [2, 2], id: narrow}")
    #expect(rows[1].1 == "{id: wide, label: \"8-8, 1.75 turns\"}")
    #expect(ReportWriter.settingRows("rates", .array([.double(0.025), .double(0.1)])).map(\.1) == ["[0.025, 0.1]"])
    #expect(ReportWriter.settingText(.bool(true)) == "true")
}
