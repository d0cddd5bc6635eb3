import Foundation
import Notebook
import Testing

/// Lesson 01's student edition, rendered by the binary: every answer's text and claim is
/// absent from every file of the output folder, while the questions and a student's
/// predictions are there; the instructor edition shows the answers.
@Test func theStudentEditionOfALessonHoldsNoAnswerInAnyFile() throws {
    let workspace = try Workspace()
    let lessons = CommandRunner.root.appendingPathComponent("lessons")
    let file = try #require(lessonFiles.first { $0.hasPrefix("01-") })
    let lesson = try LessonParser.parse(contentsOf: lessons.appendingPathComponent(file), path: file)
    #expect(lesson.exercises.count >= 2)
    let result = try workspace.run("render", lessons.appendingPathComponent(file).path, "--quick", "--edition", "student",
                                   "--predict", "deeper=deep.ratio_with_bias >= 3",
                                   "--predict", "wider=wide.ratio_with_bias > 6",
                                   "--out", "output/student", "--cache", "cache", "--format", "png", "--jobs", "2")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("exercise `deeper`: your prediction fails: deep.ratio_with_bias >= 3 (2.76471 >= 3)"), "\(result.stdout)")
    #expect(result.stdout.contains("exercise `wider`: your prediction holds"), "\(result.stdout)")

    let secrets = lesson.exercises.flatMap { exercise in
        [exercise.answer, exercise.answerClaim?.text].compactMap { $0 }
            // Each line of an answer on its own, so a rewrapped paragraph is found too.
            .flatMap { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { $0.count >= 12 }
    }
    #expect(!secrets.isEmpty)
    let root = workspace.file("output/student")
    let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
    var files = 0
    for case let url as URL in walker where !url.hasDirectoryPath {
        files += 1
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        for secret in secrets {
            #expect(!text.contains(secret), "\(url.path) holds the answer text `\(secret)`")
        }
    }
    #expect(files > 10)
    let report = try String(contentsOf: root.appendingPathComponent("width-vs-depth/report.md"), encoding: .utf8)
    #expect(report.contains("**Exercise `deeper`.**"))
    #expect(report.contains("*Your prediction (from `--predict`):* ✗ **fails**"))

    let instructor = try workspace.run("render", lessons.appendingPathComponent(file).path, "--quick", "--out", "output/teacher",
                                       "--cache", "cache", "--format", "png", "--jobs", "2", "--quiet")
    #expect(instructor.status == 0, "\(instructor.stderr)")
    let shown = try String(contentsOf: workspace.file("output/teacher/width-vs-depth/report.md"), encoding: .utf8)
    #expect(shown.contains("*The answer's claim:* ✓ **holds**"))
    #expect(shown.contains("lessonbook render width-vs-depth --quick --predict 'deeper=CLAIM'"))
}

@Test func checkNamesTheLineAndKeyOfABadExercise() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson + """

    ```{exercise}
    id: deeper
    question: Deeper?
    change: counts.hidden=[10, -10]
    ```
    """)
    let result = try workspace.run("check", "demo")
    #expect(result.status == 1)
    #expect(result.stderr.contains("lessons/01-demo.md:"), "\(result.stderr)")
    #expect(result.stderr.contains("deeper.change: `counts.hidden"), "\(result.stderr)")
}
