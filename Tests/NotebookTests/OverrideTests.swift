import Foundation
import Testing
@testable import Notebook

@Test func overridesAreParsedAsCellParameterAndYAMLValue() throws {
    let override = try Override("main.hidden=[8, 8, 8]")
    #expect(override.cell == "main")
    #expect(override.parameter == ["hidden"])
    #expect(override.value == .array([.int(8), .int(8), .int(8)]))
    let nested = try Override("main.optimizer.lr=0.3")
    #expect(nested.parameter == ["optimizer", "lr"])
    #expect(nested.value == .double(0.3))
}

@Test func malformedOverridesSayWhatIsExpected() {
    #expect(notebookError { _ = try Override("main.epochs") }?.description.contains("expected CELL.PARAM=VALUE") == true)
    #expect(notebookError { _ = try Override("epochs=3") }?.description.contains("expected CELL.PARAM") == true)
    #expect(notebookError { _ = try Override("main.hidden=[1, 2") } != nil)
}

@Test func configurationLayersApplyInOrder() throws {
    let full = try plan(demoLesson).cells[0]
    #expect(full.config["epochs"] == .int(20))
    #expect(full.config["hidden"] == .array([.int(3), .int(4)]))
    #expect(full.config["rate"] == .double(0.5))
    #expect(full.seed == 7)

    // Quick: the kind's quick profile (3) is overridden by the cell's quick block (4).
    let quick = try plan(demoLesson, quick: true).cells[0]
    #expect(quick.config["epochs"] == .int(4))

    // --set wins over everything, also in quick mode.
    let overridden = try plan(demoLesson, quick: true, overrides: ["main.epochs=50", "main.optimizer.lr=0.2", "main.seed=11"])
    #expect(overridden.cells[0].config["epochs"] == .int(50))
    #expect(overridden.cells[0].config["optimizer"] == .object(["lr": .double(0.2)]))
    #expect(overridden.cells[0].seed == 11)
    #expect(overridden.overrides == ["main.epochs=50", "main.optimizer.lr=0.2", "main.seed=11"])
}

@Test func aCellSeedReplacesTheLessonSeed() throws {
    let plan = try plan(cell("id: a\nrun: fixture\nseed: 99"))
    #expect(plan.cells[0].seed == 99)
}

@Test func overrideNamingAMissingCellIsAnError() {
    let error = notebookError { _ = try plan(demoLesson, overrides: ["mian.epochs=3"]) }
    #expect(error?.description == "lessons/01-demo.md: --set mian.epochs=3: no cell `mian` in this lesson; did you mean `main`? Expected one of: main, other")
}

@Test func overrideNamingAMissingParameterIsAnError() {
    let error = notebookError { _ = try plan(demoLesson, overrides: ["main.epoch=3"]) }
    #expect(error?.key == "main.epoch")
    #expect(error?.description.contains("did you mean `epochs`?") == true)
    #expect(error?.description.contains("(from --set main.epoch=3)") == true)
}

@Test func overridesAreValidatedLikeTheFile() {
    let wrongType = notebookError { _ = try plan(demoLesson, overrides: ["main.epochs=lots"]) }
    #expect(wrongType?.description == "lessons/01-demo.md: main.epochs: expected a whole number, found lots (from --set main.epochs=lots)")
    let outOfRange = notebookError { _ = try plan(demoLesson, overrides: ["main.epochs=0"]) }
    #expect(outOfRange?.description.contains("expected a positive whole number, found 0") == true)
}

@Test func unknownNameMessagesHintTheNearestAndListTheKnown() {
    #expect(Suggestion.message("no cell `lose` in this lesson", name: "lose", among: ["loss", "main"])
            == "no cell `lose` in this lesson; did you mean `loss`? Expected one of: loss, main")
    #expect(Suggestion.message("no cell `zzz` in this lesson", name: "zzz", among: ["loss"])
            == "no cell `zzz` in this lesson. Expected one of: loss")
    #expect(Suggestion.message("no cell `x` in this lesson", name: "x", among: ["main"], expected: "Expected `CELL.PARAM=VALUE`.")
            == "no cell `x` in this lesson. Expected `CELL.PARAM=VALUE`.")
    #expect(Suggestion.message("no exercise `x` in this lesson", name: "x", among: [], ifNone: "; it has no exercises")
            == "no exercise `x` in this lesson; it has no exercises")
}
