import Foundation

/// How `LessonRenderer` runs: where output and cache go, which profile, which overrides.
///
/// The command line builds one from its flags; tests build one with a scratch folder:
///
///     let options = RenderOptions(outputRoot: folder.appendingPathComponent("out"),
///                                 cacheDirectory: folder.appendingPathComponent("cache"), quick: true, jobs: 2)
///     let outcome = try LessonRenderer(catalogue: Catalogue.byKind, options: options).render(lessonAt: lessonURL)
public struct RenderOptions: Sendable {
    /// The folder that receives `<lesson>/` and the `README.md` index (`output`, or
    /// `output/quick` for quick runs; the command line decides).
    public var outputRoot: URL
    /// The cache folder (`.lessonbook-cache`): cell results and per-trial caches.
    public var cacheDirectory: URL
    /// False for `--no-cache`: every cell reruns (and refreshes its cache entry).
    public var useCache: Bool
    /// Whether to run the quick profile (`--quick`): the kind's `quickProfile` applies under a
    /// cell's `with:` and the cell's `quick:` block over it; recorded as the run's `profile`.
    public var quick: Bool
    /// Independent trials that may run at once.
    public var jobs: Int
    /// Figure formats to write, by file extension (`png`, `svg`).
    public var formats: [String]
    /// Command-line `--set CELL.KEY=VALUE` overrides, applied last, over the named cell's
    /// `with:` and `quick:` settings.
    public var overrides: [Override]
    /// Report formats to write: `md` (report.md, README.md index), `html` (report.html,
    /// index.html) and `slides` (slides.pdf and slides.html, `SlideDeck`), as `--report`
    /// chooses.
    public var reports: [String]
    /// The theme of the report's figures (`--theme`): `standard`, or a slide theme, which
    /// also lays the figures out at their slide size (`Figure.forSlide`). Not standard,
    /// it is part of every cell's cache key.
    public var theme: String
    /// Formats of the slide figures each cell also draws (`<figure>.<slide theme>.<format>`
    /// in the cell cache): `png` for slides, `png`, `svg` and `pdf` for a figure pack.
    public var slideFormats: [String]
    /// Whether the slide figures are copied into the run folder, as `slides/<cell>-<figure>.*`
    /// (what `lessonbook figures --pack` collects).
    public var keepSlideFigures: Bool
    /// Part of every cache key, so a new tool version recomputes.
    public var toolVersion: String
    /// Identifies the build of the program that renders (the command line passes a hash of
    /// its own executable). Part of every cell's cache key, so a rebuilt plotter or engine
    /// redraws and reruns cells instead of serving figures drawn by older code; not shown
    /// in reports. Part of every trial key too (`TrialCache.code`), so no trial computed by
    /// an older build is served.
    public var buildIdentity: String
    /// Which trials of sweeps this render may compute: `.all`, or `.cachedOnly` for the
    /// final render of a cluster run, which trains no trial and fails, naming the cell,
    /// when one is missing from the cache.
    public var trialSelection: TrialCache.Selection
    /// Which edition to write: the student edition leaves exercises' answers out of every
    /// output. Any output that shows exercises (reports, slides) reads it here.
    public var edition: Edition = .instructor
    /// Predictions from `--predict EXERCISE=CLAIM`, replacing those written in the lessons.
    public var predictions: [Prediction] = []

    /// Options with the defaults of an ordinary render: cache on, full profile, one job, PNG and SVG
    /// figures, Markdown and HTML reports, every trial computable, the standard theme.
    /// `edition` and `predictions` are set after, as properties.
    public init(outputRoot: URL, cacheDirectory: URL, useCache: Bool = true, quick: Bool = false, jobs: Int = 1,
                formats: [String] = ["png", "svg"], overrides: [Override] = [], reports: [String] = ["md", "html"],
                toolVersion: String = ToolVersion.current, buildIdentity: String = "",
                trialSelection: TrialCache.Selection = .all, theme: String = "standard", slideFormats: [String] = [],
                keepSlideFigures: Bool = false) {
        self.theme = theme
        self.slideFormats = slideFormats
        self.keepSlideFigures = keepSlideFigures
        self.outputRoot = outputRoot
        self.cacheDirectory = cacheDirectory
        self.useCache = useCache
        self.quick = quick
        self.jobs = jobs
        self.formats = formats
        self.overrides = overrides
        self.reports = reports
        self.toolVersion = toolVersion
        self.buildIdentity = buildIdentity
        self.trialSelection = trialSelection
    }
}

extension RenderOptions {
    /// The theme of slides and slide figures: `--theme` when it names a slide theme, else
    /// `slides`.
    public var slideThemeName: String { theme == "standard" ? "slides" : theme }

    /// Every slide figure format wanted: `slideFormats`, and `png` for the slides report.
    var wantedSlideFormats: [String] {
        var formats = slideFormats
        if reports.contains("slides") && !formats.contains("png") { formats.insert("png", at: 0) }
        return formats
    }

    /// File suffixes (after `<figure>.`) of the slide figures: `slides.png`, ...
    var slideFileSuffixes: [String] { wantedSlideFormats.map { "\(slideThemeName).\($0)" } }
}

/// The version of the tool, recorded in `run.json` and part of every cache key.
public enum ToolVersion {
    /// The version string; part of every cell's cache key (trial keys use the build identity).
    public static let current = "0.1.0"
}

/// Callbacks for progress display; called from the rendering thread and, for
/// `cellProgress`, from parallel trials (so implementations must be thread-safe).
public struct RenderProgress: Sendable {
    /// A cell starts: lesson name, cell id, 0-based index, cell count.
    public var cellStarted: @Sendable (String, String, Int, Int) -> Void
    /// Status of the running cell (`trial 3/12, loss 0.31`) and the fraction done.
    public var cellProgress: @Sendable (String, Double) -> Void
    /// A cell finished, with its timing and cache outcome.
    public var cellFinished: @Sendable (String, CellRun) -> Void

    /// Callbacks for the three moments; each defaults to doing nothing.
    public init(cellStarted: @escaping @Sendable (String, String, Int, Int) -> Void = { _, _, _, _ in },
                cellProgress: @escaping @Sendable (String, Double) -> Void = { _, _ in },
                cellFinished: @escaping @Sendable (String, CellRun) -> Void = { _, _ in }) {
        self.cellStarted = cellStarted
        self.cellProgress = cellProgress
        self.cellFinished = cellFinished
    }

    /// No progress display: every callback does nothing.
    public static let silent = RenderProgress()
}

/// What a render produced.
public struct RenderOutcome: Sendable {
    /// The run folder, `<outputRoot>/<lesson>`.
    public var folder: URL
    /// The run's record, as written to `run.json` in `folder`.
    public var manifest: RunManifest
    /// Claims that failed (the command exits 3 when this is not empty): the cells' and the
    /// exercises' answer claims (instructor edition), never a prediction.
    public var failedClaims: [ClaimResult] {
        checkedClaims.filter { $0.verdict == .fails }
    }
    /// Claims the seeds could not decide (a warning each; `render --strict` exits 3).
    public var undecidedClaims: [ClaimResult] {
        checkedClaims.filter { $0.verdict == .undecided }
    }
    /// The exercises' predictions and their verdicts, by exercise id.
    public var predictions: [(exercise: String, result: ClaimResult)] {
        (manifest.exercises ?? []).compactMap { run in run.prediction.map { (run.id, $0) } }
    }
    var checkedClaims: [ClaimResult] {
        manifest.cells.flatMap(\.claims) + (manifest.exercises ?? []).compactMap(\.answer)
    }
}
