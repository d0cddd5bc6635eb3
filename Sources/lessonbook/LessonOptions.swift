import ArgumentParser
import Foundation
import Notebook
import Plot

/// Options shared by `render`, `check` and `list`.
struct LessonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder holding the lesson notebooks.", valueName: "dir"))
    var lessons = "lessons"

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Change one parameter of one cell, e.g. --set counts.hidden=[20,20,20] (repeatable). The value is read like YAML and checked like the lesson file.",
        valueName: "cell.param=value"))
    var overrides: [String] = []

    @Option(name: .customLong("predict"), help: ArgumentHelp(
        "A prediction for an exercise, e.g. --predict 'deeper=deep.ratio_with_bias >= 3' (repeatable): a claim over the changed run's metrics (bare names) and the lesson's cells' (cell.metric), checked when the exercise runs.",
        valueName: "exercise=claim"))
    var predictions: [String] = []

    @Flag(name: .long, help: "Use each experiment's small quick settings (seconds, not minutes); output goes to output/quick/ unless --out is given.")
    var quick = false

    /// The parsed overrides.
    func parsedOverrides() throws -> [Override] { try overrides.map(Override.init) }

    /// The parsed predictions.
    func parsedPredictions() throws -> [Prediction] { try predictions.map(Prediction.init) }
}

/// Where output goes and how cells run.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write reports under this folder instead of output/ (or output/quick/).", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("The folder for cached cell results.", valueName: "dir"))
    var cache = ".lessonbook-cache"

    @Flag(name: .customLong("no-cache"), help: "Rerun every cell instead of reusing cached results.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("How many trials may run at once; the default is the number of cores.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Figure formats to write, comma-separated.", valueName: "png,svg"))
    var format = "png,svg"

    @Option(name: .long, help: ArgumentHelp("Report formats to write, comma-separated: md (report.md), html (a self-contained report.html) and slides (slides.pdf and a self-contained slides.html).", valueName: "md,html"))
    var report = "md,html"

    @Option(name: .long, help: ArgumentHelp("Figure theme: standard (for a page), slides or slides-dark (figures laid out again for a 16:9 slide). With --report slides it also chooses the slides' theme.", valueName: "name"))
    var theme = "standard"

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs: expected a whole number 1 or larger, found \(jobs)") }
        for name in formats where !["png", "svg", "pdf"].contains(name) {
            throw ValidationError("--format: unknown format `\(name)`; expected png, svg or pdf, comma-separated")
        }
        if formats.isEmpty { throw ValidationError("--format: expected at least one of png, svg, pdf") }
        for name in reports where !["md", "html", "slides"].contains(name) {
            throw ValidationError("--report: unknown format `\(name)`; expected md, html or slides, comma-separated")
        }
        if reports.isEmpty { throw ValidationError("--report: expected at least one of md, html, slides") }
        if Theme.named(theme) == nil {
            throw ValidationError("--theme: unknown theme `\(theme)`; expected one of \(Theme.names.joined(separator: ", "))")
        }
    }

    var formats: [String] {
        format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    var reports: [String] {
        report.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// The folder receiving `<lesson>/`: --out, else output/quick for quick runs, else output.
    func outputRoot(quick: Bool) -> URL {
        URL(fileURLWithPath: out ?? (quick ? "output/quick" : "output"))
    }

    /// What the renderer needs from these options, writing under `outputRoot`.
    func renderOptions(outputRoot: URL, quick: Bool, overrides: [Override]) -> RenderOptions {
        RenderOptions(outputRoot: outputRoot, cacheDirectory: URL(fileURLWithPath: cache), useCache: !noCache,
                      quick: quick, jobs: jobs, formats: formats, overrides: overrides, reports: reports,
                      buildIdentity: BuildIdentity.current(cache: URL(fileURLWithPath: cache)), theme: theme)
    }
}

/// Exit statuses: 0 success (undecided claims only warn), 1 an error (message on stderr),
/// 3 a claim failed (or, with `render --strict`, was undecided).
enum ExitStatus {
    static let error = ExitCode(1)
    static let claimFailed = ExitCode(3)
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
