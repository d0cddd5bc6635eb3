import ArgumentParser
import Experiments
import Foundation
import Notebook
import Plot

/// `lessonbook figures LESSON --pack DIR`: a lesson's figures drawn for slides, in PNG,
/// SVG and PDF under stable names, with a CSV listing them (`FigurePack`).
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Write a lesson's figures as a pack for slides: PNG (1920 wide), SVG and PDF, and a CSV listing them.",
        discussion: """
        Each figure of the lesson is laid out again in the slide theme and written into the \
        pack folder as <lesson>-<cell>-<figure>.png, .svg and .pdf (the same names on every \
        render), with <lesson>-figures.csv: each file's caption, alt text, the settings that \
        produced it and the claims of its cell with their verdicts. Cells come from the cache \
        where they can; the lesson's report in output/ is left as it is.

        Examples:
          lessonbook figures width-vs-depth --pack packs/width-vs-depth
          lessonbook figures width-vs-depth --pack packs --theme slides-dark
          lessonbook figures --pack packs          (every lesson)
        """)

    @Argument(help: ArgumentHelp("Lessons, by name or path; none: all of them.", valueName: "lesson"))
    var lessonNames: [String] = []

    @Option(name: .long, help: ArgumentHelp("The folder receiving the pack (created if missing).", valueName: "dir"))
    var pack: String

    @Option(name: .long, help: ArgumentHelp("Figure theme: slides or slides-dark.", valueName: "name"))
    var theme = "slides"

    @OptionGroup var lessonOptions: LessonOptions

    @Option(name: .long, help: ArgumentHelp("The folder for cached cell results.", valueName: "dir"))
    var cache = ".lessonbook-cache"

    @Option(name: .long, help: ArgumentHelp("How many trials may run at once; the default is the number of cores.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard ["slides", "slides-dark"].contains(theme) else {
            throw ValidationError("--theme: unknown slide theme `\(theme)`; expected slides or slides-dark")
        }
        if jobs < 1 { throw ValidationError("--jobs: expected a whole number 1 or larger, found \(jobs)") }
    }

    func run() throws {
        let display = ProgressDisplay(quiet: quiet)
        try display.exitingOnError {
            let entries = try LessonSelection(directory: lessonOptions.lessons).select(lessonNames)
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lessonbook-pack-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let options = RenderOptions(outputRoot: scratch, cacheDirectory: URL(fileURLWithPath: cache), quick: lessonOptions.quick,
                                        jobs: jobs, formats: ["png"], overrides: try lessonOptions.parsedOverrides(), reports: [],
                                        buildIdentity: BuildIdentity.current(cache: URL(fileURLWithPath: cache)),
                                        theme: theme == "slides" ? "standard" : theme, slideFormats: ["png", "svg", "pdf"],
                                        keepSlideFigures: true)
            let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options, progress: display.callbacks)
            let folder = URL(fileURLWithPath: pack)
            for entry in entries {
                let outcome = try renderer.render(lessonAt: entry.url, path: entry.path)
                let files = try FigurePack.write(run: outcome.folder, lesson: outcome.manifest.lesson, into: folder)
                display.clear()
                if !quiet {
                    print("\(outcome.manifest.lesson): \(files.count - 1) figure files and \(files.last ?? "") in \(folder.relativePath)")
                }
            }
        }
    }
}
