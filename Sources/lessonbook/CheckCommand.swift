import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook check`: parses and validates lessons without running anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check lessons for mistakes without running them.",
        discussion: """
        Reads each lesson and checks its front matter, its cells (experiment kinds, \
        parameter names, types and ranges, `show:` names, claim syntax) and its {{cell.metric}} \
        references to cells, exactly as render would, in a second. Metric names are checked \
        when the lesson renders, since only the run knows them.

        Examples:
          lessonbook check
          lessonbook check width-vs-depth --set counts.hidden=[5,5]
        """)

    @Argument(help: ArgumentHelp("Lessons to check, by name or path; none: all of them.", valueName: "lesson"))
    var lessonNames: [String] = []

    @OptionGroup var lessonOptions: LessonOptions

    func run() throws {
        var errors = 0
        do {
            let entries = try LessonSelection(directory: lessonOptions.lessons).select(lessonNames)
            let overrides = try lessonOptions.parsedOverrides()
            let planner = LessonPlanner(catalogue: Catalogue.byKind, quick: lessonOptions.quick, overrides: overrides,
                                        strictOverrides: entries.count == 1,
                                        predictions: try lessonOptions.parsedPredictions())
            var used: Set<String> = []
            for entry in entries {
                do {
                    let plan = try planner.plan(try LessonParser.parse(contentsOf: entry.url, path: entry.path))
                    used.formUnion(plan.overrides)
                    let claims = plan.cells.map(\.claims.count).reduce(0, +)
                    let exercises = plan.exercises.isEmpty ? "" : ", \(plan.exercises.count) exercises"
                    print("✓ \(plan.lesson.name) (\(entry.path)): \(plan.cells.count) cells, \(claims) claims\(exercises)")
                } catch {
                    printError("\(error)")
                    errors += 1
                }
            }
            for override in overrides where !used.contains(override.text) && entries.count > 1 {
                printError("--set \(override.text): no lesson checked here has a cell `\(override.cell)`")
                errors += 1
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.error
        }
        if errors > 0 { throw ExitStatus.error }
    }
}
