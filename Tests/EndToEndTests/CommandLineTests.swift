import Foundation
import Testing
import Notebook

@Test func renderWritesAReportAndSecondRenderComesFromTheCache() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let first = try workspace.run("render", "demo")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("output/demo/report.md"))
    #expect(first.stderr.contains("cell `counts` (parameter-count) ran [cache miss]"))
    let report = try String(contentsOf: workspace.file("output/demo/report.md"), encoding: .utf8)
    #expect(report.contains("The base has 374 parameters."))
    #expect(FileManager.default.fileExists(atPath: workspace.file("output/README.md").path))
    #expect(FileManager.default.fileExists(atPath: workspace.file(".lessonbook-cache/cells").path))

    let second = try workspace.run("render", "lessons/01-demo.md")
    #expect(second.status == 0)
    #expect(second.stderr.contains("[cache hit]"))
    let third = try workspace.run("render", "demo", "--no-cache", "--quiet")
    #expect(third.status == 0)
    #expect(third.stdout.isEmpty && third.stderr.isEmpty)
}

@Test func theBuildIdentityIsTheExecutablesDigestRememberedInTheCache() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    #expect(try workspace.run("render", "demo", "--quiet").status == 0)
    let memo = try String(contentsOf: workspace.file(".lessonbook-cache/build-identity"), encoding: .utf8)
    let lines = memo.split(separator: "\n").map(String.init)
    let binary = try Data(contentsOf: CommandRunner.binary.resolvingSymlinksInPath())
    #expect(lines.count == 2 && lines[1] == SHA256.hex(of: [UInt8](binary)), "\(memo)")
    #expect(lines.first?.hasPrefix(CommandRunner.binary.resolvingSymlinksInPath().path + "\t") == true, "\(memo)")

    // A stale memo (another executable's stamp) is replaced, never trusted.
    try Data("elsewhere\t1\t2\t3\n\(String(repeating: "0", count: 64))\n".utf8)
        .write(to: workspace.file(".lessonbook-cache/build-identity"))
    let again = try workspace.run("render", "demo")
    #expect(again.status == 0)
    #expect(again.stderr.contains("[cache hit]"), "\(again.stderr)")
    let rewritten = try String(contentsOf: workspace.file(".lessonbook-cache/build-identity"), encoding: .utf8)
    #expect(rewritten == memo)
}

@Test func quickRendersGoToTheirOwnFolderUnlessOutSaysOtherwise() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    #expect(try workspace.run("render", "--quick").status == 0)
    #expect(FileManager.default.fileExists(atPath: workspace.file("output/quick/demo/report.md").path))
    #expect(!FileManager.default.fileExists(atPath: workspace.file("output/demo").path))
    #expect(try workspace.run("render", "--quick", "--out", "elsewhere", "--cache", "cache2").status == 0)
    #expect(FileManager.default.fileExists(atPath: workspace.file("elsewhere/demo/run.json").path))
    #expect(FileManager.default.fileExists(atPath: workspace.file("cache2").path))
}

@Test func aMalformedLessonExitsOneAndLeavesThePreviousReport() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    #expect(try workspace.run("render").status == 0)
    let before = try Data(contentsOf: workspace.file("output/demo/report.md"))

    try workspace.write(countingLesson.replacingOccurrences(of: "  inputs: 10", with: "  inptus: 10"))
    let result = try workspace.run("render", "demo")
    #expect(result.status == 1)
    #expect(result.stderr.contains("lessons/01-demo.md:15: counts.inptus: unknown parameter of `parameter-count`; did you mean `inputs`?"), "\(result.stderr)")
    #expect(try Data(contentsOf: workspace.file("output/demo/report.md")) == before)

    try workspace.write(countingLesson.replacingOccurrences(of: "  outputs: 4", with: "  outputs: 0"))
    let range = try workspace.run("check")
    #expect(range.status == 1)
    #expect(range.stderr.contains("lessons/01-demo.md:17: counts.outputs:"), "\(range.stderr)")
}

@Test func aFailedClaimExitsThreeAfterWritingTheReport() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson.replacingOccurrences(of: "base.with_bias == 374", with: "base.with_bias == 375"))
    let result = try workspace.run("render")
    #expect(result.status == 3)
    #expect(result.stderr.contains("lessons/01-demo.md:20: claim failed: base.with_bias == 375 (374 == 375)"), "\(result.stderr)")
    let report = try String(contentsOf: workspace.file("output/demo/report.md"), encoding: .utf8)
    #expect(report.contains("✗ `base.with_bias == 375`"))
    let manifest = try String(contentsOf: workspace.file("output/demo/run.json"), encoding: .utf8)
    #expect(manifest.contains("\"status\" : \"claims-failed\""))
}

@Test func overridesAreCheckedAndApplied() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let missingCell = try workspace.run("render", "--set", "count.inputs=3")
    #expect(missingCell.status == 1)
    #expect(missingCell.stderr.contains("--set count.inputs=3: no cell `count` in this lesson; did you mean `counts`?"))
    let badValue = try workspace.run("render", "--set", "counts.hidden=[10, -1]")
    #expect(badValue.status == 1)
    #expect(badValue.stderr.contains("counts.hidden"), "\(badValue.stderr)")
    // Widening the network breaks the lesson's claim: the report is written, the exit status is 3.
    let wider = try workspace.run("render", "--set", "counts.hidden=[20, 20, 20]")
    #expect(wider.status == 3)
    let manifest = try String(contentsOf: workspace.file("output/demo/run.json"), encoding: .utf8)
    #expect(manifest.contains("counts.hidden=[20, 20, 20]"))
}

@Test func unknownLessonsAreNamedWithTheKnownOnes() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let result = try workspace.run("render", "dmeo")
    #expect(result.status == 1)
    #expect(result.stderr.contains("no lesson named `dmeo` in lessons; did you mean `demo`?"), "\(result.stderr)")
}

@Test func checkAndListDescribeTheLessons() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let check = try workspace.run("check")
    #expect(check.status == 0)
    #expect(check.stdout.contains("✓ demo (lessons/01-demo.md): 1 cells, 1 claims"))
    let before = try workspace.run("list")
    #expect(before.stdout.contains("demo — Counting"))
    #expect(before.stdout.contains("not rendered yet"))
    _ = try workspace.run("render")
    let after = try workspace.run("list")
    #expect(after.stdout.contains("full render"))
    #expect(after.stdout.contains("✓ 1 claim holds"))
}

@Test func helpShowsExamples() throws {
    let workspace = try Workspace()
    let help = try workspace.run("render", "--help")
    #expect(help.stdout.contains("Examples:"))
    #expect(help.stdout.contains("--set"))
    #expect(help.stdout.contains("--quick"))
}

@Test func systemErrorsOnChosenPathsAreTheToolsOwnSentences() throws {
    let workspace = try Workspace()
    let lessons = CommandRunner.root.appendingPathComponent("lessons").path
    try Data("a file".utf8).write(to: workspace.file("notes.txt"))
    let out = try CommandRunner.run(["render", "width-vs-depth", "--quick", "--lessons", lessons, "--out", "notes.txt/reports",
                                     "--cache", "cache"], in: workspace.url)
    #expect(out.status == 1)
    #expect(out.stderr.contains("notes.txt` is a file, not a folder"), "\(out.stderr)")
    let cache = try CommandRunner.run(["render", "width-vs-depth", "--quick", "--lessons", lessons, "--out", "out",
                                       "--cache", "notes.txt"], in: workspace.url)
    #expect(cache.status == 1)
    #expect(cache.stderr.contains("is a file, not a folder"), "\(cache.stderr)")
    let folder = try CommandRunner.run(["check", "--lessons", "notes.txt"], in: workspace.url)
    #expect(folder.status == 1)
    for result in [out, cache, folder] {
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("UserInfo"), "\(result.stderr)")
    }
}

@Test func benchPrintsATableWhoseColumnsLineUpAndCountsInFull() throws {
    let workspace = try Workspace()
    let result = try workspace.run("bench", "--only", "PNG", "--repeats", "1")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 9, "\(result.stdout)")
    guard let header = lines.first, let column = header.range(of: "seconds (median)") else {
        Issue.record("no header: \(result.stdout)"); return
    }
    let secondsEnd = header.distance(from: header.startIndex, to: column.upperBound)
    for row in lines.dropFirst() {
        // The seconds end where the header's "seconds (median)" ends, and the check (a
        // byte count) is a whole number, never in exponent notation.
        let fields = row.split(separator: " ")
        guard fields.count == 5, let seconds = row.range(of: " " + fields[2] + " ") else {
            Issue.record("not five columns: \(row)"); continue
        }
        #expect(row.distance(from: row.startIndex, to: seconds.upperBound) - 1 == secondsEnd, "\(row)")
        #expect(Int(fields[4]) != nil, "\(row)")
    }
}
