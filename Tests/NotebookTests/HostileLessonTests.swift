import Foundation
import Testing
@testable import Notebook

/// The demo lesson's cells and prose, as a reference for lessons saved by other editors.
private func shape(_ lesson: Lesson) -> [String] {
    lesson.blocks.map { block in
        switch block {
        case .prose(let text, let line): return "prose@\(line): \(text)"
        case .cell(let cell):
            return "cell@\(cell.line) \(cell.id) \(cell.kind) \(cell.with) \(cell.quick) \(cell.show ?? []) "
                + cell.expect.map { "\($0.text)@\($0.line)" }.joined(separator: ",") + " \(cell.lines.sorted { $0.key < $1.key })"
        case .exercise(let exercise):
            return "exercise@\(exercise.line) \(exercise.id) \(exercise.change.map(\.text)) \(exercise.lines.sorted { $0.key < $1.key })"
        }
    } + [lesson.title, lesson.summary, String(lesson.seed)]
}

@Test func aLessonWithWindowsLineEndingsReadsLikeTheSameLessonWithUnixOnes() throws {
    let crlf = demoLesson.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(shape(try parse(crlf)) == shape(try parse(demoLesson)))
}

@Test func mixedLineEndingsAndOldMacEndingsAreLineBreaksToo() throws {
    let lines = demoLesson.split(separator: "\n", omittingEmptySubsequences: false)
    var mixed = ""
    for (index, line) in lines.enumerated() {
        mixed += line
        if index < lines.count - 1 { mixed += ["\r\n", "\n", "\r"][index % 3] }
    }
    #expect(shape(try parse(mixed)) == shape(try parse(demoLesson)))
}

@Test func aByteOrderMarkBeforeTheFrontMatterIsSkipped() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data(demoLesson.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    let lesson = try LessonParser.parse(data: data, path: "lessons/01-demo.md", name: "demo")
    #expect(shape(lesson) == shape(try parse(demoLesson)))
    #expect(shape(try parse("\u{FEFF}" + demoLesson)) == shape(try parse(demoLesson)))
}

@Test func trailingSpacesAndTabsAfterFencesAndValuesAreAccepted() throws {
    let spaced = demoLesson
        .replacingOccurrences(of: "---\n", with: "---  \t\n")
        .replacingOccurrences(of: "```{experiment}\n", with: "```{experiment}   \n")
        .replacingOccurrences(of: "```\n", with: "```\t \n")
        .replacingOccurrences(of: "run: fixture\n", with: "run:\tfixture\t\n")
        .replacingOccurrences(of: "epochs: 20\n", with: "epochs: 20\t# a comment\n")
    let lesson = try parse(spaced)
    #expect(lesson.cells.map(\.id) == ["main", "other"])
    #expect(lesson.cells[0].kind == "fixture")
    #expect(lesson.cells[0].with["epochs"] == .int(20))
}

@Test func aLineIndentedWithATabIsRefusedWithItsLineAndTheReason() throws {
    let tabbed = demoLesson.replacingOccurrences(of: "  epochs: 20\n", with: "\tepochs: 20\n")
    let error = try #require(notebookError { _ = try parse(tabbed) })
    #expect(error.line == 15)
    #expect(error.message.contains("tab"))
}

@Test func yamlAliasesAndAnchorsAreRefusedNamingTheLine() throws {
    let aliased = demoLesson.replacingOccurrences(of: "  hidden: [3, 4]\n", with: "  hidden: &h [3, 4]\nquick:\n  hidden: *h\n")
        .replacingOccurrences(of: "quick:\n  epochs: 4\n", with: "")
    let error = try #require(notebookError { _ = try parse(aliased) })
    #expect(error.line == 16)
    #expect(error.message.contains("anchor"))
    let front = "---\ntitle: &t A\nsummary: *t\nseed: 1\n---\n"
    #expect(notebookError { _ = try parse(front) }?.message.contains("anchors and aliases") == true)
    // A `*` inside a claim or quoted text is no alias.
    let starred = demoLesson.replacingOccurrences(of: "final.score / 2", with: "final.score * 2 / 4")
    #expect(try parse(starred).cells[0].expect.count == 2)
}

@Test func nestedAliasesThatWouldExpandBeyondAnyBoundAreRefusedAtOnce() throws {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<40 {
        yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    let lesson = "---\ntitle: Laughs\nsummary: s\nseed: 1\n---\n```{experiment}\nid: a\nrun: fixture\nwith:\n  "
        + yaml.replacingOccurrences(of: "\n", with: "\n  ") + "\n```\n"
    let error = try #require(notebookError { _ = try parse(lesson) })
    #expect(error.message.contains("anchor"))
    let refused = try #require(notebookError { _ = try Override("main.hidden=[&a [1, 2], *a]") })
    #expect(refused.file.hasPrefix("--set"))
    #expect(refused.message.contains("anchor"))
}

@Test func filesLargerThanAMegabyteOrNotUTF8AreRefusedWithAReason() throws {
    let big = Data(repeating: 0x61, count: LessonParser.maximumBytes + 1)
    #expect(notebookError { _ = try LessonParser.parse(data: big, path: "big.md", name: "big") }?.message.contains("1 MB") == true)
    let utf16 = Data([0xFF, 0xFE]) + demoLesson.data(using: .utf16LittleEndian)!
    #expect(notebookError { _ = try LessonParser.parse(data: utf16, path: "u.md", name: "u") }?.message.contains("UTF-16") == true)
}

@Test func deeplyNestedOrHugeClaimsAreRefusedNotCrashed() throws {
    let deep = String(repeating: "(", count: 100_000) + "a.b" + String(repeating: ")", count: 100_000) + " > 1"
    #expect(notebookError { _ = try Claim(deep, line: 3, path: "x.md") }?.line == 3)
    let negations = String(repeating: "-", count: 50_000) + "a.b > 1"
    #expect(notebookError { _ = try Claim(negations, line: 3, path: "x.md") } != nil)
    let long = Array(repeating: "a.b", count: 20_000).joined(separator: " + ") + " > 1"
    #expect(notebookError { _ = try Claim(long, line: 3, path: "x.md") }?.message.contains("characters") == true)
    let tooDeep = String(repeating: "(", count: 40) + "a.b" + String(repeating: ")", count: 40) + " > 1"
    #expect(notebookError { _ = try Claim(tooDeep, line: 3, path: "x.md") }?.message.contains("nest") == true)
    let nested = String(repeating: "(", count: 30) + "a.b" + String(repeating: ")", count: 30) + " > -(-1)"
    #expect(try Claim(nested, line: 1, path: "x.md").evaluate { _ in .number(2) }.holds)
}

@Test func inlineReferencesOnManyLinesKeepTheirLineNumbers() throws {
    let prose = (0..<2000).map { "line \($0) {{a.m\($0)}}" }.joined(separator: "\n")
    let references = try InlineReference.scan(prose, firstLine: 10, path: "x.md")
    #expect(references.count == 2000)
    #expect(references.map(\.line) == Array(10..<2010))
}
