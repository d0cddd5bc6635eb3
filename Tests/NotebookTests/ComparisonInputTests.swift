import Foundation
import Testing
@testable import Notebook

/// The error loading `folder` as a compared run gives.
private func loadError(_ folder: URL) -> NotebookError? {
    notebookError { _ = try ComparedRun(contentsOf: folder, path: folder.lastPathComponent, label: "x") }
}

@Test func aMissingFolderIsNamedAndExplained() {
    let workspace = ComparisonWorkspace()
    let error = loadError(workspace.url.appendingPathComponent("nowhere"))
    #expect(error?.file == "nowhere")
    #expect(error?.message.contains("no such folder; expected a run folder written by `lessonbook render`") == true)
}

@Test func aFileIsNotARunFolder() throws {
    let workspace = ComparisonWorkspace()
    let file = workspace.url.appendingPathComponent("notes.txt")
    try Data("hello".utf8).write(to: file)
    #expect(loadError(file)?.message.contains("this is a file, not a run folder") == true)
}

@Test func aFolderWithoutRunJSONIsNotARun() throws {
    let workspace = ComparisonWorkspace()
    let folder = workspace.url.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let error = loadError(folder)
    #expect(error?.description == "lessons: not a run folder: it has no run.json; expected a folder written by `lessonbook render`")
}

@Test(arguments: [
    ("{ not json", "cannot read the run manifest: it is not valid JSON"),
    ("{}", "cannot read the run manifest: the key `"),
    ("[1, 2]", "cannot read the run manifest: expected a mapping of names to values"),
])
func aCorruptRunJSONIsNamedWithWhatIsWrong(text: String, message: String) throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    try Data(text.utf8).write(to: folder.appendingPathComponent("run.json"))
    let error = loadError(folder)
    #expect(error?.file == "decay/run.json")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
}

@Test func aRunJSONWithAWrongTypeNamesTheKey() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    let url = folder.appendingPathComponent("run.json")
    let text = try read(url).replacingOccurrences(of: "\"seed\" : 5,\n  \"source\"", with: "\"seed\" : \"five\",\n  \"source\"")
    try Data(text.utf8).write(to: url)
    let error = loadError(folder)
    #expect(error?.message.contains("`seed`: expected a whole number") == true, "\(String(describing: error))")
}

@Test func aMissingDataFileIsNamed() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("data/slow.json"))
    let error = loadError(folder)
    #expect(error?.file == "decay/data/slow.json")
    #expect(error?.message.contains("missing cell data listed in run.json") == true)
}

@Test func aCorruptDataFileIsNamed() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    try Data("{\"cell\": 3}".utf8).write(to: folder.appendingPathComponent("data/fast.json"))
    let error = loadError(folder)
    #expect(error?.file == "decay/data/fast.json")
    #expect(error?.message.contains("cannot read the cell data: `cell`: expected text") == true, "\(String(describing: error))")
}

@Test func aDataFileOfAnotherCellIsRefused() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("data/fast.json"))
    try FileManager.default.copyItem(at: folder.appendingPathComponent("data/slow.json"), to: folder.appendingPathComponent("data/fast.json"))
    #expect(loadError(folder)?.message == "the file holds cell `slow`; expected cell `fast` as run.json says")
}

@Test func aCorruptFigureIsNamed() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render()
    try Data("not a png".utf8).write(to: folder.appendingPathComponent("figures/slow-curve.png"))
    let run = try workspace.run(folder, label: "a")
    let error = notebookError { _ = try Comparison(runs: [run, run.relabelled("b")]) }
    #expect(error?.file == "decay/figures/slow-curve.png")
    #expect(error?.message.contains("not a readable PNG image") == true)
}

@Test func fewerThanTwoRunsIsAnError() throws {
    let workspace = ComparisonWorkspace()
    let run = try workspace.run(try workspace.render(), label: "a")
    let error = notebookError { _ = try Comparison(runs: [run]) }
    #expect(error?.message.contains("a comparison needs at least two runs, found 1") == true)
    #expect(notebookError { _ = try Comparison(runs: []) } != nil)
}

@Test func twoRunsWithOneLabelAreRefused() throws {
    let workspace = ComparisonWorkspace()
    let run = try workspace.run(try workspace.render(), label: "a")
    #expect(notebookError { _ = try Comparison(runs: [run, run]) }?.message.contains("both named `a`") == true)
}

@Test func aComparisonCannotReplaceAFolderHoldingOneOfItsRuns() throws {
    let workspace = ComparisonWorkspace()
    let folder = try workspace.render(out: "compare/cmp")
    let run = try workspace.run(folder, label: "a")
    let comparison = try Comparison(runs: [run, run.relabelled("b")])
    let error = notebookError { try comparison.write(to: workspace.target()) }
    #expect(error?.message.contains("this run lies inside the comparison folder") == true)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path))
}

extension ComparedRun {
    func relabelled(_ label: String) -> ComparedRun {
        var run = self
        run.label = label
        return run
    }
}
