import Foundation
import Testing
@testable import Notebook

/// One malformed lesson: its text, the line the message must name, and words it must say.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int?
    var says: [String]
    var testDescription: String { name }
}

func cell(_ body: String) -> String {
    "---\ntitle: T\nseed: 1\n---\n\nProse.\n\n```{experiment}\n\(body)\n```\n"
}

let malformedCases: [MalformedCase] = [
    MalformedCase(name: "missing front matter", text: "# Title\n", line: 1, says: ["expected front matter"]),
    MalformedCase(name: "unclosed front matter", text: "---\ntitle: T\n", line: 1, says: ["not closed"]),
    MalformedCase(name: "broken front matter", text: "---\ntitle: [T\n---\n", line: 2, says: ["broken YAML in the front matter"]),
    MalformedCase(name: "front matter without title", text: "---\nseed: 1\n---\n", line: 1, says: ["title:", "no title"]),
    MalformedCase(name: "unknown front matter key", text: "---\ntitle: T\nsed: 1\n---\n", line: 3, says: ["sed:", "did you mean `seed`"]),
    MalformedCase(name: "negative seed", text: "---\ntitle: T\nseed: -1\n---\n", line: 3, says: ["seed:", "whole number 0 or larger", "found -1"]),
    MalformedCase(name: "broken YAML in a cell", text: cell("id: a\nrun: fixture\nwith:\n  hidden: [2, 2"), line: 12, says: ["broken YAML in the experiment cell"]),
    MalformedCase(name: "unclosed cell", text: "---\ntitle: T\n---\n```{experiment}\nid: a\n", line: 4, says: ["not closed"]),
    MalformedCase(name: "unknown experiment kind", text: cell("id: a\nrun: fixtur"), line: 10, says: ["a.run:", "unknown experiment kind `fixtur`", "did you mean `fixture`", "constant, fixture"]),
    MalformedCase(name: "misspelled parameter", text: cell("id: a\nrun: fixture\nwith:\n  epohcs: 3"), line: 12, says: ["a.epohcs:", "unknown parameter", "did you mean `epochs`"]),
    MalformedCase(name: "misspelled nested parameter", text: cell("id: a\nrun: fixture\nwith:\n  optimizer:\n    rl: 3"), line: 13, says: ["a.optimizer.rl:", "did you mean `lr`"]),
    MalformedCase(name: "wrong type", text: cell("id: a\nrun: fixture\nwith:\n  epochs: many"), line: 12, says: ["a.epochs:", "expected a whole number, found many"]),
    MalformedCase(name: "fraction for a whole number", text: cell("id: a\nrun: fixture\nwith:\n  epochs: 2.5"), line: 12, says: ["a.epochs:", "expected a whole number, found 2.5"]),
    MalformedCase(name: "wrong type in a list", text: cell("id: a\nrun: fixture\nwith:\n  hidden:\n    - 2\n    - wide"), line: 14, says: ["a.hidden.1:", "expected a whole number, found wide"]),
    MalformedCase(name: "unknown name for a choice", text: cell("id: a\nrun: fixture\nwith:\n  loss: hinge"), line: 12, says: ["a.loss:", "expected one of the names `Loss` accepts (the default is squared), found hinge"]),
    MalformedCase(name: "text for a list", text: cell("id: a\nrun: fixture\nwith:\n  hidden: 3"), line: 12, says: ["a.hidden:", "expected a list"]),
    MalformedCase(name: "out of range", text: cell("id: a\nrun: fixture\nwith:\n  epochs: -3"), line: 12, says: ["a.epochs: expected a positive whole number, found -3"]),
    MalformedCase(name: "zero width", text: cell("id: a\nrun: fixture\nwith:\n  hidden: [4, 0]"), line: 12, says: ["a.hidden.1:", "positive whole number, found 0"]),
    MalformedCase(name: "duplicate cell id", text: cell("id: a\nrun: fixture") + "\n```{experiment}\nid: a\nrun: constant\n```\n", line: 14, says: ["duplicate cell id `a`", "line 9"]),
    MalformedCase(name: "cell without id", text: cell("run: fixture"), line: 8, says: ["id:", "no id"]),
    MalformedCase(name: "cell without run", text: cell("id: a"), line: 8, says: ["a.run:", "run: <kind>"]),
    MalformedCase(name: "bad cell id", text: cell("id: my-cell\nrun: fixture"), line: 9, says: ["id:", "letters, digits and underscores"]),
    MalformedCase(name: "unknown cell key", text: cell("id: a\nrun: fixture\nwiht: {}"), line: 11, says: ["wiht:", "did you mean `with`"]),
    MalformedCase(name: "unknown name in show", text: cell("id: a\nrun: fixture\nshow: [summary, curv]"), line: 11, says: ["a.show:", "no figure or table `curv`", "did you mean `curve`"]),
    MalformedCase(name: "claim without comparison", text: cell("id: a\nrun: fixture\nexpect:\n  - final.score + 1"), line: 12, says: ["a.expect:", "no comparison"]),
    MalformedCase(name: "claim with a single equals", text: cell("id: a\nrun: fixture\nexpect:\n  - final.score = 1"), line: 12, says: ["use `==`"]),
    MalformedCase(name: "claim with unbalanced parenthesis", text: cell("id: a\nrun: fixture\nexpect:\n  - (final.score + 1 > 2"), line: 12, says: ["not closed"]),
    MalformedCase(name: "reference to an unknown cell", text: cell("id: a\nrun: fixture") + "\nSee {{b.final.score}}.\n", line: 13, says: ["{{b.final.score}}", "no cell `b`"]),
    MalformedCase(name: "reference with an unknown format", text: cell("id: a\nrun: fixture") + "\nSee {{a.final.score:.2q}}.\n", line: 13, says: ["unknown format `.2q`"]),
    MalformedCase(name: "reference without a metric", text: cell("id: a\nrun: fixture") + "\nSee {{a}}.\n", line: 13, says: ["expected a reference `{{cell.metric}}`"]),
]

@Test(arguments: malformedCases)
func malformedLessonsNameFileLineAndKey(_ malformed: MalformedCase) {
    let error = notebookError { _ = try plan(malformed.text) }
    #expect(error != nil, "no error for \(malformed.name)")
    guard let error else { return }
    #expect(error.file == "lessons/01-demo.md")
    #expect(error.line == malformed.line, "\(error)")
    for words in malformed.says {
        #expect(error.description.contains(words), "\(error) should say \(words)")
    }
}

@Test func messagesReadFileLineKeyThenProblem() {
    let error = notebookError { _ = try plan(cell("id: spiral\nrun: fixture\nwith:\n  epochs: -3")) }
    #expect(error?.description == "lessons/01-demo.md:12: spiral.epochs: expected a positive whole number, found -3")
}

@Test func unknownMetricsInClaimsAndReferencesAreFoundAfterTheRun() throws {
    let folder = TemporaryFolder()
    let claim = try folder.lesson(cell("id: a\nrun: fixture\nexpect:\n  - final.scor > 1"))
    let claimError = notebookError { _ = try folder.renderer().render(lessonAt: claim, path: "lessons/01-demo.md") }
    #expect(claimError?.line == 12)
    #expect(claimError?.description.contains("unknown metric `final.scor`") == true)
    #expect(claimError?.description.contains("did you mean `final.score`") == true)

    let reference = try folder.lesson(cell("id: a\nrun: fixture") + "\n{{a.final.scroe:.1f}}\n")
    let referenceError = notebookError { _ = try folder.renderer().render(lessonAt: reference, path: "lessons/01-demo.md") }
    #expect(referenceError?.line == 13)
    #expect(referenceError?.description.contains("cell `a` has no metric `final.scroe`; did you mean `final.score`?") == true)
}
