import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook compare`: puts runs side by side in one report.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Put two or more runs side by side: settings that differ, metric deltas, overlaid curves, figure differences.",
        discussion: """
        Each RUN is a folder written by `lessonbook render` (output/width-vs-depth) or a lesson \
        name, meaning its default output folder (output/<lesson>, or output/quick/<lesson> with \
        --quick). The first run is the baseline. With --variant, the one argument is a lesson: \
        it is rendered once per variant (cached like any render) into the comparison's runs/ \
        folder, and the variants are compared; the first variant is the baseline, and a bare \
        NAME is the lesson as written.

        The report goes to output/compare/<name>/report.md and report.html (output/quick/compare/ with --quick; \
        --out DIR replaces output/), written atomically.

        Examples:
          lessonbook compare output/width-vs-depth archive/2024/width-vs-depth
          lessonbook compare width-vs-depth --name wider \\
              --variant lecture --variant wide:counts.hidden=[20,20,20]
          lessonbook compare width-vs-depth --quick \\
              --variant a --variant b:counts.hidden=[5,5],counts.outputs=2

        Exit status: 0 when the report was written (claims that fail in a run are part of the \
        report), 1 on an error (nothing is written).
        """)

    @Argument(help: ArgumentHelp("Run folders (or rendered lesson names) to compare, baseline first; with --variant, the one lesson to render.",
                                 valueName: "run"))
    var runs: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "A variant of the lesson: a name, a colon and overrides separated by commas, e.g. wide:spiral.hidden=[8,8],spiral.epochs=500 (repeatable; the first is the baseline).",
        valueName: "name:cell.param=value,..."))
    var variant: [String] = []

    @Option(name: .long, help: ArgumentHelp("The comparison's folder name under compare/; the default joins the run names.", valueName: "name"))
    var name: String?

    @OptionGroup var lessonOptions: LessonOptions
    @OptionGroup var runOptions: RunOptions

    func run() throws {
        let display = ProgressDisplay(quiet: runOptions.quiet)
        try display.exitingOnError {
            let root = runOptions.outputRoot(quick: lessonOptions.quick).appendingPathComponent("compare")
            let comparison: Comparison
            let folder: URL
            if variant.isEmpty {
                (comparison, folder) = try compareRuns(root: root)
            } else {
                (comparison, folder) = try compareVariants(root: root, display: display)
            }
            display.clear()
            if !runOptions.quiet { print(summary(comparison, folder: folder)) }
        }
    }

    /// `compare RUN RUN ...`: loads the run folders and writes their comparison.
    func compareRuns(root: URL) throws -> (Comparison, URL) {
        if !lessonOptions.overrides.isEmpty {
            throw NotebookError(file: "--set \(lessonOptions.overrides[0])", message:
                "--set changes a lesson before it runs, so it only applies with --variant; expected run folders alone, or a lesson with --variant options")
        }
        guard runs.count >= 2 else {
            throw NotebookError(file: runs.first ?? "lessonbook compare", message:
                "a comparison needs at least two runs, found \(runs.count); expected two or more run folders (or a lesson and two or more --variant options)")
        }
        let resolved = try runs.map(resolveRun)
        let labels = Comparison.labels(forPaths: resolved.map(\.path))
        let loaded = try zip(resolved, labels).map { run, label in
            try ComparedRun(contentsOf: run.url, path: run.path, label: label)
        }
        let comparison = try Comparison(runs: loaded)
        let name = try folderName(default: Comparison.defaultName(labels: labels))
        let folder = root.appendingPathComponent(name)
        try comparison.write(to: folder, shownFolder: folder.relativePath, reports: runOptions.reports)
        return (comparison, folder)
    }

    /// A RUN argument: a folder if one exists at that path, else a rendered lesson's folder.
    func resolveRun(_ argument: String) throws -> (url: URL, path: String) {
        var isFolder: ObjCBool = false
        if argument.hasSuffix(".md"), FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), !isFolder.boolValue {
            throw NotebookError(file: argument, message:
                "this is a lesson file, not a run folder; expected a folder written by `lessonbook render` (to compare variants of this lesson, add two or more --variant options)")
        }
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) || argument.contains("/") {
            return (URL(fileURLWithPath: argument), argument)
        }
        let path = (lessonOptions.quick ? "output/quick/" : "output/") + argument
        guard FileManager.default.fileExists(atPath: path + "/run.json") else {
            throw NotebookError(file: argument, message:
                "no run folder here, and no rendered lesson `\(argument)` (\(path)/run.json does not exist); expected a folder written by `lessonbook render`, or the name of a lesson rendered with `lessonbook render \(argument)\(lessonOptions.quick ? " --quick" : "")`")
        }
        return (URL(fileURLWithPath: path), path)
    }

    /// `compare LESSON --variant ...`: renders each variant and writes their comparison.
    func compareVariants(root: URL, display: ProgressDisplay) throws -> (Comparison, URL) {
        guard runs.count == 1 else {
            throw NotebookError(file: runs.isEmpty ? "lessonbook compare" : runs.joined(separator: " "), message:
                "with --variant, expected exactly one lesson (by name or path), found \(runs.count) arguments")
        }
        let variants = try variant.map(Variant.init)
        let entry = try LessonSelection(directory: lessonOptions.lessons).select(runs)[0]
        let lesson = try LessonParser.parse(contentsOf: entry.url, path: entry.path)
        let options = runOptions.renderOptions(outputRoot: root, quick: lessonOptions.quick,
                                               overrides: try lessonOptions.parsedOverrides())
        let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options, progress: display.callbacks)
        let job = try VariantComparison(lesson: lesson, variants: variants, renderer: renderer)
        let name = try folderName(default: ([lesson.name] + variants.map(\.name)).joined(separator: "--"))
        let folder = root.appendingPathComponent(name)
        let comparison = try job.write(to: folder, shownFolder: folder.relativePath)
        return (comparison, folder)
    }

    /// --name, checked, or the default.
    func folderName(default fallback: String) throws -> String {
        guard let name else { return fallback }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.allSatisfy(allowed.contains), !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw NotebookError(file: "--name \(name)", message:
                "expected a plain folder name (letters, digits, `-`, `_` or `.`, not starting with `.` or `-`), for example spiral-widths")
        }
        return name
    }

    /// One line saying where the report is and what it found.
    func summary(_ comparison: Comparison, folder: URL) -> String {
        var parts = ["\(comparison.runs.count) runs"]
        let settings = comparison.settings.count
        parts.append(settings == 0 ? "no setting differs" : "\(settings) setting\(settings == 1 ? "" : "s") differ\(settings == 1 ? "s" : "")")
        parts.append("\(comparison.changedMetrics.count) of \(comparison.metrics.count) metrics changed")
        let figures = comparison.figures.count
        if figures > 0 {
            let differing = comparison.figures.filter { !$0.identical }.count
            parts.append(differing == 0 ? "figures identical" : "\(differing) of \(figures) figures differ")
        }
        let flips = comparison.flippedClaims.count
        if flips > 0 { parts.append("⚠ \(flips) claim\(flips == 1 ? "" : "s") change\(flips == 1 ? "s" : "") verdict") }
        if !comparison.uncomparedCells.isEmpty { parts.append("\(comparison.uncomparedCells.count) cells not compared") }
        return "✓ comparison: \(folder.appendingPathComponent("report.md").relativePath) · " + parts.joined(separator: " · ")
    }
}
