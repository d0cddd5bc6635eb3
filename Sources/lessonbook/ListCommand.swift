import ArgumentParser
import Foundation
import Notebook

/// `lessonbook list`: the lessons, their cells and how their last render went.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons with their title, cells and last render.",
        discussion: """
        Example:
          lessonbook list
          lessonbook list --quick        last quick renders (output/quick/)
        """)

    @Option(name: .long, help: ArgumentHelp("The folder holding the lesson notebooks.", valueName: "dir"))
    var lessons = "lessons"

    @Option(name: .long, help: ArgumentHelp("Where reports are (default output/, or output/quick/ with --quick).", valueName: "dir"))
    var out: String?

    @Flag(name: .long, help: "Show the last quick renders instead of the full ones.")
    var quick = false

    func run() throws {
        let root = URL(fileURLWithPath: out ?? (quick ? "output/quick" : "output"))
        let entries: [LessonSelection.Entry]
        do {
            entries = try LessonSelection(directory: lessons).all()
        } catch {
            printError("\(error)")
            throw ExitStatus.error
        }
        var failed = false
        for entry in entries {
            let lesson: Lesson
            do {
                lesson = try LessonParser.parse(contentsOf: entry.url, path: entry.path)
            } catch {
                print("\(entry.name)\n  ✗ \(error)")
                failed = true
                continue
            }
            let cells = lesson.cells.map { "\($0.id) (\($0.kind))" }.joined(separator: ", ")
            var status = "not rendered yet"
            if let run = try? RunFolder(contentsOf: root.appendingPathComponent(lesson.name)) {
                let manifest = run.manifest
                let stale = manifest.sourceHash == lesson.sourceHash ? "" : " · lesson changed since"
                status = "\(manifest.profile) render \(manifest.startedAt) · \(manifest.claims.status)\(stale)"
            }
            print("\(lesson.name) — \(lesson.title)\n  \(entry.path) · cells: \(cells.isEmpty ? "none" : cells)\n  last run: \(status)")
        }
        if failed { throw ExitStatus.error }
    }
}
