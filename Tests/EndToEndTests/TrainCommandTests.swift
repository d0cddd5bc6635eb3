import Foundation
import Notebook
import Testing

/// The `train` kind from the command line: `lessonbook new`, the README's lesson examples
/// rendered as pasted, and a bad experiment that leaves the previous report whole.
@Suite struct TrainCommandTests {
    @Test func newWritesASkeletonThatRendersWithItsClaimsHolding() throws {
        let workspace = try Workspace()
        let made = try workspace.run("new", "my-first-lesson")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.file("lessons/my-first-lesson.md").path))
        let rendered = try workspace.run("render", "my-first-lesson", "--out", "out", "--cache", "cache")
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let run = try RunFolder(contentsOf: workspace.file("out/my-first-lesson"))
        #expect(run.manifest.claims.failed == 0)
        #expect(run.manifest.claims.total == 2)
        let again = try workspace.run("new", "my-first-lesson")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds a lesson named `my-first-lesson`"))
        let badName = try workspace.run("new", "My Lesson")
        #expect(badName.status == 1)
        #expect(badName.stderr.contains("expected a name of lowercase letters, digits and hyphens"))
    }

    @Test func theNextLessonGetsTheNextNumber() throws {
        let workspace = try Workspace()
        try workspace.write(countingLesson, to: "07-counting.md")
        let made = try workspace.run("new", "shapes")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.file("lessons/08-shapes.md").path))
    }

    /// Every lesson in the README (an indented block that starts with front matter) is
    /// pasted into a file and rendered as it stands: it must render with its claims holding.
    @Test func everyLessonExampleInTheReadmeRendersAsWritten() throws {
        let readme = try String(contentsOf: CommandRunner.root.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = Self.lessonExamples(in: readme)
        #expect(examples.count >= 2, "the README's lesson examples")
        for (index, example) in examples.enumerated() {
            let workspace = try Workspace()
            try workspace.write(example, to: "example-\(index).md")
            let rendered = try workspace.run("render", "example-\(index)", "--out", "out", "--cache", "cache")
            #expect(rendered.status == 0, "README example \(index + 1): \(rendered.stderr)")
            let run = try RunFolder(contentsOf: workspace.file("out/example-\(index)"))
            #expect(run.manifest.claims.failed == 0, "README example \(index + 1)")
            #expect(run.manifest.claims.total > 0, "README example \(index + 1) states a claim")
        }
    }

    /// The indented code blocks of a Markdown text that begin with `---`, without their indent.
    static func lessonExamples(in markdown: String) -> [String] {
        var examples: [String] = []
        var current: [String]?
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("    ") {
                if current == nil {
                    guard line.trimmingCharacters(in: .whitespaces) == "---" else { continue }
                    current = []
                }
                current?.append(String(line.dropFirst(4)))
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty, current != nil {
                current?.append("")
            } else if let block = current {
                examples.append(block.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
                current = nil
            }
        }
        if let block = current { examples.append(block.joined(separator: "\n")) }
        return examples
    }

    /// A sweep that is too large is refused before anything runs, exit 1, and the report
    /// of the last good render stays as it was.
    @Test func aBadExperimentLeavesThePreviousReportWhole() throws {
        let workspace = try Workspace()
        let good = """
        ---
        title: Data
        seed: 2
        ---

        ```{experiment}
        id: mine
        run: train
        with:
          data: {source: blobs, points: 40}
          training: {epochs: 20}
          seeds: 2
        expect:
          - final.validation_accuracy > 0.5
        ```
        """
        try workspace.write(good, to: "data.md")
        let first = try workspace.run("render", "data", "--out", "out", "--cache", "cache")
        #expect(first.status == 0, "\(first.stderr)")
        let report = try Data(contentsOf: workspace.file("out/data/report.md"))
        try workspace.write(good.replacingOccurrences(of: "  seeds: 2", with: "  seeds: 2\n  sweep: {training.epochs: {linear: [1, 400], points: 400}}"),
                            to: "data.md")
        let second = try workspace.run("render", "data", "--out", "out", "--cache", "cache")
        #expect(second.status == 1)
        #expect(second.stderr.contains("mine.sweep: expected at most max_trials (400) trials; raise max_trials to 800"))
        #expect(try Data(contentsOf: workspace.file("out/data/report.md")) == report)
    }

    @Test func kindsTrainDocumentsTheNamingWithAnExample() throws {
        let workspace = try Workspace()
        let result = try workspace.run("kinds", "train")
        #expect(result.status == 0)
        for text in ["data: mapping", "learning_rate", "Metric names.", "funnel.final.validation_accuracy", "run: train"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
    }
}
