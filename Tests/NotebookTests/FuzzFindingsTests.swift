import Foundation
import Testing
@testable import Notebook

/// The repository root, found from this file's path.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Test func aRunFolderPackedForTheFuzzerUnpacksIntoAFolderThatCompareReads() throws {
    let folder = TemporaryFolder()
    let archive = try RunFolderArchive.pack(root.appendingPathComponent("output/width-vs-depth"))
    let copy = folder.url.appendingPathComponent("run")
    try RunFolderArchive.unpack(archive, into: copy)
    let run = try ComparedRun(contentsOf: copy, path: "run", label: "a")
    #expect(run.cells.count == run.manifest.cells.count && !run.cells.isEmpty)
    // Paths that would leave the folder are not written.
    try RunFolderArchive.unpack(Data("@@@ ../escape.json\n{}\n@@@ /abs.json\n{}\n".utf8), into: copy)
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("escape.json").path))
}

/// Every seed input of every fuzz target, through the same calls the targets make: none
/// may crash, and each must be accepted or refused with the project's own error.
@Test func everyFuzzSeedIsAcceptedOrRefusedWithANotebookError() throws {
    let corpus = root.appendingPathComponent("Fuzz/Corpus")
    func inputs(_ target: String) throws -> [Data] {
        let folder = corpus.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }
    func refusedOnlyByNotebookErrors(_ body: () throws -> Void) {
        do { try body() } catch is NotebookError {} catch { Issue.record("not a NotebookError: \(error)") }
    }
    let lessons = try inputs("FuzzLessonParser")
    #expect(lessons.count >= 4)
    for data in lessons { refusedOnlyByNotebookErrors { _ = try LessonParser.parse(data: data, path: "x.md", name: "x") } }
    for data in try inputs("FuzzClaim") {
        refusedOnlyByNotebookErrors { _ = try Claim(String(decoding: data, as: UTF8.self), line: 1, path: "x.md") }
    }
    for data in try inputs("FuzzInlineReference") {
        refusedOnlyByNotebookErrors { _ = try InlineReference.scan(String(decoding: data, as: UTF8.self), firstLine: 1, path: "x.md") }
    }
    for data in try inputs("FuzzOverride") { refusedOnlyByNotebookErrors { _ = try Override(String(decoding: data, as: UTF8.self)) } }
    let folder = TemporaryFolder()
    for (index, data) in try inputs("FuzzRunFolder").enumerated() {
        let run = folder.url.appendingPathComponent("run\(index)")
        try RunFolderArchive.unpack(data, into: run)
        refusedOnlyByNotebookErrors { _ = try Comparison(runs: [try ComparedRun(contentsOf: run, label: "a"), try ComparedRun(contentsOf: run, label: "b")]) }
    }
}

// Found by FuzzOverride: YAML 1.1 reads `555...5:10` as a base-60 integer, and Yams
// overflowed computing it (a trap, not an error).
@Test func aBase60IntegerTooLargeForAnIntStaysTextInsteadOfCrashing() throws {
    #expect(try LessonParser.parseValue("[55555555555555555555:10, 1]") == .array([.string("55555555555555555555:10"), .int(1)]))
    #expect(try LessonParser.parseValue("5555555555555:10:10:10:10") == .string("5555555555555:10:10:10:10"))
    #expect(try LessonParser.parseValue("1:30") == .int(90))
    #expect(try LessonParser.parseValue("-1:30") == .int(-90))
}

/// A FuzzRunFolder finding: an empty run.json made Foundation's file reading leak 4 KB.
/// `FileBytes` reads it (and any file) into memory it owns; empty files, folders and
/// missing paths come back as an empty value, nil and nil.
@Test func fileBytesReadsEmptyFilesAndRefusesFoldersAndMissingPaths() throws {
    let folder = TemporaryFolder()
    let empty = folder.url.appendingPathComponent("run.json")
    try Data().write(to: empty)
    #expect(FileBytes.read(empty) == Data())
    #expect(FileBytes.read(folder.url) == nil)
    #expect(FileBytes.read(folder.url.appendingPathComponent("missing")) == nil)
    let big = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    let file = folder.url.appendingPathComponent("big.bin")
    try big.write(to: file)
    #expect(FileBytes.read(file) == big)
    // The run folder of the finding is refused with the project's own message.
    let run = folder.url.appendingPathComponent("run")
    try RunFolderArchive.unpack(Data("@@@ run.json\n".utf8), into: run)
    #expect(throws: NotebookError.self) { try ComparedRun(contentsOf: run, path: "run", label: "a") }
}
