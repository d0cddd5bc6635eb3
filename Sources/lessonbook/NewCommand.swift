import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook new NAME`: writes a lesson skeleton with one `train` cell that renders as
/// written, so that a new lesson starts from something that works.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new lesson from a skeleton that renders as written.",
        discussion: """
        The lesson gets the next free number in the lessons folder (`08-NAME.md` after \
        `07-...`), front matter, a paragraph of prose and one `train` cell (a sweep of two \
        network shapes on the two-spirals data, with a claim that holds). An existing file \
        is never overwritten.

        Examples:
          lessonbook new my-first-lesson
          lessonbook render my-first-lesson --quick
        """)

    @Argument(help: ArgumentHelp("The lesson's name: lowercase letters, digits and hyphens.", valueName: "name"))
    var name: String

    @Option(name: .long, help: ArgumentHelp("The folder holding the lesson notebooks.", valueName: "dir"))
    var lessons = "lessons"

    func run() throws {
        guard let first = name.first, first.isLowercase || first.isNumber,
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            printError("new: `\(name)`: expected a name of lowercase letters, digits and hyphens (such as my-first-lesson)")
            throw ExitStatus.error
        }
        let folder = URL(fileURLWithPath: lessons)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            printError("new: --lessons \(lessons): not a folder; expected the folder holding the lessons")
            throw ExitStatus.error
        }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if let clash = existing.first(where: { $0.hasSuffix(".md") && Lesson.name(ofFile: folder.appendingPathComponent($0)) == name }) {
            printError("new: \(lessons)/\(clash) already holds a lesson named `\(name)`; expected a new name")
            throw ExitStatus.error
        }
        let numbers = existing.compactMap { Int($0.prefix(while: \.isNumber)) }
        let file = numbers.isEmpty ? "\(name).md" : String(format: "%02d-%@.md", (numbers.max() ?? 0) + 1, name)
        let url = folder.appendingPathComponent(file)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(LessonSkeleton.text(name: name).utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            printError("new: \(url.path): cannot write the lesson: \(error.localizedDescription)")
            throw ExitStatus.error
        }
        print("wrote \(lessons)/\(file); render it with `lessonbook render \(name)`")
    }
}
