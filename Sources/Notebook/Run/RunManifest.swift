import Foundation

/// `run.json`: what a render did, for `lessonbook list`, comparison reports and people.
/// Unlike `data/*.json` it holds wall-clock times, so it differs between runs.
///
/// `RenderOutcome.manifest` holds the one just written; `RunFolder` reads one back:
///
///     let run = try RunFolder(contentsOf: URL(fileURLWithPath: "output/01-width-vs-depth"))
///     print(run.manifest.claims.status, run.manifest.computeSeconds ?? .nan)
public struct RunManifest: Codable, Sendable, Equatable {
    /// The lesson's name (`width-vs-depth`), title and summary.
    public var lesson: String
    /// The lesson's title, from its front matter.
    public var title: String
    /// The lesson's one-line summary, from its front matter.
    public var summary: String
    /// The lesson file as named on the command line, and the SHA-256 of its bytes.
    public var source: String
    /// The SHA-256 of the lesson file's bytes, in hex.
    public var sourceHash: String
    /// `full` or `quick`.
    public var profile: String
    /// The `--set` overrides that applied, as written.
    public var overrides: [String]
    /// The lesson's seed (cells may have their own; see `cells`).
    public var seed: UInt64
    /// The tool's version (`ToolVersion.current`) that rendered.
    public var toolVersion: String
    /// When the render started (ISO 8601, UTC) and how long it took, in seconds.
    public var startedAt: String
    /// Wall-clock seconds the whole render took.
    public var seconds: Double
    /// `ok`, `claims-failed` (some claim failed) or `claims-undecided` (none failed, some
    /// undecided).
    public var status: String
    /// Every cell's run, in the lesson's order.
    public var cells: [CellRun]
    /// How many of the cells' claims held, failed and were undecided (exercises not counted).
    public var claims: ClaimSummary
    /// The OpenBLAS kernel set the render ran on (`Cooperlake`, `Haswell`, ...): another
    /// set gives other last digits in everything computed through BLAS (`BLASKernels`).
    /// Nil in manifests written before it was recorded.
    public var blasKernels: String?
    /// `instructor` or `student` (`Edition`); nil in manifests written before editions.
    public var edition: String?
    /// The exercises' changed runs; nil for a lesson without exercises.
    public var exercises: [ExerciseRun]?

    /// A manifest with every field given; the renderer builds it once the cells have run.
    public init(lesson: String, title: String, summary: String, source: String, sourceHash: String,
                profile: String, overrides: [String], seed: UInt64, toolVersion: String, startedAt: String,
                seconds: Double, status: String, cells: [CellRun], claims: ClaimSummary, blasKernels: String? = nil,
                edition: String? = nil, exercises: [ExerciseRun]? = nil) {
        self.edition = edition
        self.exercises = exercises
        self.lesson = lesson
        self.title = title
        self.summary = summary
        self.source = source
        self.sourceHash = sourceHash
        self.profile = profile
        self.overrides = overrides
        self.seed = seed
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.seconds = seconds
        self.status = status
        self.cells = cells
        self.claims = claims
        self.blasKernels = blasKernels
    }
}

extension RunManifest {
    /// How long the lesson takes to compute: the sum of its cells' (and exercises') compute times, which
    /// a render served from the cache reports too. Nil when a cell's time is unknown.
    public var computeSeconds: Double? {
        var total = 0.0
        for seconds in cells.map(\.computeSeconds) + (exercises ?? []).map(\.computeSeconds) {
            guard let seconds else { return nil }
            total += seconds
        }
        return total
    }
}

/// One cell's run in `run.json`.
public struct CellRun: Codable, Sendable, Equatable {
    /// The cell's id.
    public var id: String
    /// The cell's kind (`run:`).
    public var kind: String
    /// The kind's version when the cell ran.
    public var version: Int
    /// The seed the cell ran with: the cell's `seed:` (or `--set CELL.seed=N`), else the lesson's.
    public var seed: UInt64
    /// The cell cache key (`CellCache.key`): SHA-256 of kind, version, canonical configuration,
    /// seed, tool version, build identity, the digests of the input files, and the theme.
    public var cacheKey: String
    /// `hit` (served from the cache), `miss` (run and stored) or `off` (`--no-cache`).
    public var cache: String
    /// Wall-clock seconds for this cell in this render (run or cache load, plus figure drawing).
    public var seconds: Double
    /// Seconds the cell's result took to compute and draw, whether it ran in this render
    /// or was stored by an earlier one (nil for cache entries older than this field). A cell
    /// that ran on trials served from the trial cache adds their recorded compute times,
    /// divided by the render's jobs, so the figure does not shrink to the loading time.
    public var computeSeconds: Double?
    /// The data file, relative to the run folder (`data/<cell>.json`).
    public var data: String
    /// The verdicts of the cell's `expect:` claims, in the order written.
    public var claims: [ClaimResult]
    /// For a cell with `seeds: {min, max}`: the range, and the count of seeds it ended with
    /// (absent for every other cell).
    public var adaptiveSeeds: AdaptiveSeeds?
    /// The count of seeds an adaptive cell ended with (see `adaptiveSeeds`); nil for every other cell.
    public var seeds: Int?

    /// A record of one cell's run in this render.
    public init(id: String, kind: String, version: Int, seed: UInt64, cacheKey: String, cache: String,
                seconds: Double, computeSeconds: Double? = nil, data: String, claims: [ClaimResult],
                adaptiveSeeds: AdaptiveSeeds? = nil, seeds: Int? = nil) {
        self.adaptiveSeeds = adaptiveSeeds
        self.seeds = seeds
        self.id = id
        self.kind = kind
        self.version = version
        self.seed = seed
        self.cacheKey = cacheKey
        self.cache = cache
        self.seconds = seconds
        self.computeSeconds = computeSeconds
        self.data = data
        self.claims = claims
    }
}

/// How many claims held, failed and were undecided. `undecided` is written only when it is
/// not zero, so manifests of lessons without such claims keep their bytes.
public struct ClaimSummary: Codable, Sendable, Equatable {
    /// Claims that held.
    public var passed: Int
    /// Claims that failed.
    public var failed: Int
    /// Claims the seeds could not decide (written only when not zero).
    public var undecided: Int

    /// A summary of the given counts.
    public init(passed: Int, failed: Int, undecided: Int = 0) {
        self.passed = passed
        self.failed = failed
        self.undecided = undecided
    }

    /// Counts the verdicts of `claims`.
    public init(_ claims: [ClaimResult]) {
        self.init(passed: claims.filter { $0.verdict == .holds }.count,
                  failed: claims.filter { $0.verdict == .fails }.count,
                  undecided: claims.filter { $0.verdict == .undecided }.count)
    }

    /// Every claim counted.
    public var total: Int { passed + failed + undecided }

    enum CodingKeys: String, CodingKey { case passed, failed, undecided }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        passed = try container.decode(Int.self, forKey: .passed)
        failed = try container.decode(Int.self, forKey: .failed)
        undecided = try container.decodeIfPresent(Int.self, forKey: .undecided) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
        if undecided > 0 { try container.encode(undecided, forKey: .undecided) }
    }

    /// `✓ 3 claims hold`, `✗ 1 of 4 claims failed`, `? 1 of 4 claims undecided`, or both
    /// counts when some failed and some are undecided: the status the index and `compare`
    /// show, with the mark of the worst verdict first.
    public var status: String {
        if failed > 0 {
            return "✗ \(failed) of \(total) claims failed" + (undecided > 0 ? ", \(undecided) undecided" : "")
        }
        if undecided > 0 { return "? \(undecided) of \(total) claims undecided" }
        return passed == 1 ? "✓ 1 claim holds" : "✓ \(passed) claims hold"
    }
}
