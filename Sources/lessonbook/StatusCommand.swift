import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook status`: how many of a lesson's sweep trials are in the trial cache.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Count how many of a lesson's sweep trials are cached (for example while its shards run on a cluster).",
        discussion: """
        Runs each sweep of the lesson with the cache alone, training nothing, and prints per \
        cell how many of its trials are cached and how many are missing. Give the settings \
        of the render you mean (--quick, --set, --cache): they decide which trials exist. \
        Cells of kinds without a sweep are listed as such; a render computes them.

        Examples:
          lessonbook status batch-size-vs-learning-rate
          lessonbook status width-vs-depth --quick --cache /shared/lessonbook-cache
        """)

    @Argument(help: ArgumentHelp("Lessons, by name or path; none: all of them.", valueName: "lesson"))
    var lessonNames: [String] = []

    @OptionGroup var lessonOptions: LessonOptions

    @Option(name: .long, help: ArgumentHelp("The cache folder.", valueName: "dir"))
    var cache = ".lessonbook-cache"

    @Option(name: .long, help: ArgumentHelp("How many cached trials may be read at once; the default is the number of cores.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs: expected a whole number 1 or larger, found \(jobs)") }
    }

    func run() throws {
        let display = ProgressDisplay(quiet: true)
        try display.exitingOnError {
            let entries = try LessonSelection(directory: lessonOptions.lessons).select(lessonNames)
            let options = RenderOptions(outputRoot: URL(fileURLWithPath: "output"), cacheDirectory: URL(fileURLWithPath: cache),
                                        quick: lessonOptions.quick, jobs: jobs, overrides: try lessonOptions.parsedOverrides(),
                                        buildIdentity: BuildIdentity.current(cache: URL(fileURLWithPath: cache)), trialSelection: .cachedOnly)
            let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options)
            let planner = renderer.planner(strictOverrides: entries.count == 1)
            for entry in entries {
                let plan = try planner.plan(try LessonParser.parse(contentsOf: entry.url, path: entry.path))
                let survey = try renderer.runTrials(plan, selection: .cachedOnly)
                print(Self.describe(survey, quick: lessonOptions.quick))
            }
        }
    }

    /// A lesson's line and one line per cell.
    static func describe(_ survey: TrialSurvey, quick: Bool) -> String {
        let total = survey.total
        let all = total.hits + total.skipped
        var lines = ["\(survey.lesson)\(quick ? " (quick)" : ""): \(total.hits) of \(all) trials cached, \(total.skipped) missing"]
        for cell in survey.cells {
            let counts = cell.counts
            let text = cell.hasSweep
                ? "\(counts.hits) of \(counts.hits + counts.skipped) trials cached, \(counts.skipped) missing"
                : "no sweep (a render computes it)"
            lines.append("  \(cell.id) (\(cell.kind)): \(text)")
        }
        return lines.joined(separator: "\n")
    }
}
