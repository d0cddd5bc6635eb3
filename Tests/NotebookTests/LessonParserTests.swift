import Foundation
import Testing
@testable import Notebook

@Test func frontMatterProseAndCellsAreReadWithTheirLines() throws {
    let lesson = try parse(demoLesson)
    #expect(lesson.title == "A demo")
    #expect(lesson.summary == "Numbers from a fixture.")
    #expect(lesson.seed == 7)
    #expect(lesson.cells.map(\.id) == ["main", "other"])
    let main = lesson.cells[0]
    #expect(main.kind == "fixture")
    #expect(main.line == 11)
    #expect(main.lines["id"] == 12)
    #expect(main.lines["with.epochs"] == 15)
    #expect(main.lines["with.hidden.1"] == 16)
    #expect(main.with["hidden"] == .array([.int(3), .int(4)]))
    #expect(main.quick["epochs"] == .int(4))
    #expect(main.show == ["summary"])
    #expect(main.expect.map(\.line) == [21, 22])
    guard case .prose(let prose, let line) = lesson.blocks[0] else { Issue.record("expected prose first"); return }
    #expect(line == 6)
    #expect(prose.contains("{{main.final.score:.2f}}"))
}

@Test func lessonNamesDropTheNumberAndExtension() {
    #expect(Lesson.name(ofFile: URL(fileURLWithPath: "lessons/01-width-vs-depth.md")) == "width-vs-depth")
    #expect(Lesson.name(ofFile: URL(fileURLWithPath: "x/spiral.md")) == "spiral")
}

@Test func quotedNumbersStayText() throws {
    let lesson = try parse("---\ntitle: T\n---\n```{experiment}\nid: a\nrun: fixture\nwith:\n  activation: \"3\"\n  rate: 1e-3\n```\n")
    #expect(lesson.cells[0].with["activation"] == .string("3"))
    #expect(lesson.cells[0].with["rate"] == .double(0.001))
}

@Test func otherCodeBlocksStayProse() throws {
    let lesson = try parse("---\ntitle: T\n---\n```swift\nlet x = 1\n```\n")
    #expect(lesson.cells.isEmpty)
}

@Test func commandLineValuesAreReadAsYAML() throws {
    #expect(try LessonParser.parseValue("3") == .int(3))
    #expect(try LessonParser.parseValue("0.25") == .double(0.25))
    #expect(try LessonParser.parseValue("relu") == .string("relu"))
    #expect(try LessonParser.parseValue("true") == .bool(true))
    #expect(try LessonParser.parseValue("[2, 2]") == .array([.int(2), .int(2)]))
    #expect(try LessonParser.parseValue("{lr: 0.1}") == .object(["lr": .double(0.1)]))
}
