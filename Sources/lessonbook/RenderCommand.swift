import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook render`: runs lessons and writes their reports.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run lessons and write their reports (figures, tables, checked claims).",
        discussion: """
        Each lesson in lessons/ becomes output/<lesson>/report.md and a self-contained \
        report.html (--report chooses), with its figures in figures/, its numbers in data/ and \
        a run.json manifest; output/README.md and output/index.html list them all. \
        Cells whose settings did not change are served from the cache (.lessonbook-cache/).

        Examples:
          lessonbook render                    (every lesson, full settings)
          lessonbook render width-vs-depth     (one lesson, by name)
          lessonbook render lessons/01-width-vs-depth.md
          lessonbook render width-vs-depth --quick
          lessonbook render width-vs-depth --set counts.hidden=[20,20,20]
          lessonbook render width-vs-depth --shard 2/4   (one shard of the trials, no report)
          lessonbook render width-vs-depth --predict 'deeper=deep.ratio_with_bias >= 3'
          lessonbook render --edition student --out output/student   (no exercise answers)

        Exit status: 0 when no claim failed, 1 on an error (nothing is overwritten), \
        3 when the report was written but a claim in it failed. A claim on metrics measured \
        over seeds whose 95% interval straddles its boundary is undecided: one warning line \
        each on stderr, exit status 0, or 3 with --strict.
        """)

    @Argument(help: ArgumentHelp("Lessons to render, by name (width-vs-depth) or path; none: all of them.", valueName: "lesson"))
    var lessonNames: [String] = []

    @OptionGroup var lessonOptions: LessonOptions
    @OptionGroup var runOptions: RunOptions
    @OptionGroup(title: "Cluster runs") var clusterOptions: ClusterRenderOptions

    @Flag(help: "Exit with status 3 when a claim is undecided, as when one fails.")
    var strict = false

    @Option(help: ArgumentHelp("`instructor` (exercises' answers shown, with how their claims fared) or `student` (no answer in any output).", valueName: "edition"))
    var edition = Edition.instructor.rawValue

    func run() throws {
        let display = ProgressDisplay(quiet: runOptions.quiet)
        var errors = 0
        var failedClaims = 0
        var undecidedClaims = 0
        try display.exitingOnError {
            let entries = try LessonSelection(directory: lessonOptions.lessons).select(lessonNames)
            let overrides = try lessonOptions.parsedOverrides()
            var options = runOptions.renderOptions(outputRoot: runOptions.outputRoot(quick: lessonOptions.quick),
                                                   quick: lessonOptions.quick, overrides: overrides)
            if clusterOptions.fromCache { options.trialSelection = .cachedOnly }
            options.edition = Edition(rawValue: edition) ?? .instructor
            options.predictions = try lessonOptions.parsedPredictions()
            let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options, progress: display.callbacks)
            let planner = renderer.planner(strictOverrides: entries.count == 1)

            // Check every lesson first, so a typo is reported before minutes of training.
            var plans: [LessonPlan] = []
            for entry in entries {
                do {
                    plans.append(try planner.plan(try LessonParser.parse(contentsOf: entry.url, path: entry.path)))
                } catch {
                    printError("\(error)")
                    errors += 1
                }
            }
            for override in overrides where !plans.contains(where: { $0.overrides.contains(override.text) }) && entries.count > 1 {
                printError("--set \(override.text): no lesson rendered here has a cell `\(override.cell)`")
                errors += 1
            }
            for prediction in options.predictions where !plans.contains(where: { $0.predictions.contains(prediction.text) }) && entries.count > 1 {
                printError("--predict \(prediction.text): no lesson rendered here has an exercise `\(prediction.exercise)`")
                errors += 1
            }
            if errors > 0 { throw ExitStatus.error }
            if let shard = try clusterOptions.parsedShard() {
                try runShard(shard, plans: plans, renderer: renderer, display: display)
                return
            }

            for plan in plans {
                do {
                    let outcome = try renderer.render(plan)
                    display.clear()
                    failedClaims += outcome.failedClaims.count
                    undecidedClaims += outcome.undecidedClaims.count
                    if !runOptions.quiet {
                        let manifest = outcome.manifest
                        let hits = manifest.cells.filter { $0.cache == "hit" }.count
                        let mark = !outcome.failedClaims.isEmpty ? "✗" : !outcome.undecidedClaims.isEmpty ? "?" : "✓"
                        let undecided = manifest.claims.undecided > 0 ? ", \(manifest.claims.undecided) undecided" : ""
                        print("\(mark) \(manifest.lesson): \(outcome.folder.appendingPathComponent(runOptions.reports.contains("md") ? "report.md" : "report.html").relativePath) · \(manifest.cells.count) cells (\(hits) from cache) · claims \(manifest.claims.passed)/\(manifest.claims.total) hold\(undecided) · \(ProgressDisplay.duration(manifest.seconds))")
                    }
                    if !runOptions.quiet {
                        for (exercise, claim) in outcome.predictions {
                            print("  exercise `\(exercise)`: your prediction \(claim.verdict.rawValue): \(claim.claim) (\(claim.values)\(claim.intervals.isEmpty ? "" : "; " + claim.intervalText))")
                        }
                    }
                    for claim in outcome.failedClaims {
                        printError("\(plan.lesson.path):\(claim.line): claim failed: \(claim.claim) (\(claim.values))")
                    }
                    for claim in outcome.undecidedClaims {
                        printError("warning: \(plan.lesson.path):\(claim.line): claim undecided: \(claim.claim) (\(claim.values); \(claim.intervalText))")
                    }
                } catch {
                    display.clear()
                    printError("\(error)")
                    errors += 1
                }
            }
        }
        if errors > 0 { throw ExitStatus.error }
        if failedClaims > 0 || (strict && undecidedClaims > 0) { throw ExitStatus.claimFailed }
    }
}
