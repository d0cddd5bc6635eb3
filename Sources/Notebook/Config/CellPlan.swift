import Foundation

/// One cell, resolved and validated: the experiment to run, its effective configuration
/// and seed, and its parsed claims. Produced by `LessonPlanner`.
public struct CellPlan: Sendable {
    /// The cell as parsed, with the lines of its keys for messages.
    public var cell: LessonCell
    /// The kind the cell's `run:` names.
    public var experiment: AnyExperiment
    /// The effective configuration: defaults <- quick profile (quick runs) <- `with:` <-
    /// `quick:` (quick runs) <- `--set`, decoded and re-encoded (every key present).
    public var config: [String: ConfigValue]
    /// The seed to run with: the cell's `seed:` (or `--set CELL.seed=N`), else the lesson's.
    public var seed: UInt64
    /// The cell's `seeds: {min, max}` when it applies: `config["seeds"]` is then `min`, and
    /// the renderer adds seeds while a claim is undecided. Nil for a fixed count, also when
    /// `--set CELL.seeds=N` or, in quick runs, the cell's `quick:` sets one.
    public var adaptiveSeeds: AdaptiveSeeds?
    /// The cell's `expect:` claims, parsed; decided once the cell has run.
    public var claims: [Claim]
    /// The overrides that applied to this cell, as written.
    public var overrides: [String]
    /// SHA-256 of each input file the configuration reads, by its key (`data.path`); part
    /// of the cell's cache key when not empty.
    public var inputDigests: [String: String] = [:]

    /// The cell's id (`LessonCell.id`).
    public var id: String { cell.id }

    /// The input files' digests by the path the configuration names, for the run's
    /// `ExperimentContext.inputDigests` (so the run does not hash them again).
    public var inputDigestsByPath: [String: String] {
        guard !inputDigests.isEmpty, let files = try? experiment.inputFiles(config) else { return [:] }
        var byPath: [String: String] = [:]
        for file in files { if let digest = inputDigests[file.key] { byPath[file.path] = digest } }
        return byPath
    }
}

/// A lesson checked against the catalogue and the overrides: everything knowable before
/// running. Metrics named in claims and `{{...}}` are checked after the run.
public struct LessonPlan: Sendable {
    /// The lesson as parsed.
    public var lesson: Lesson
    /// Every cell's plan, in the lesson's order.
    public var cells: [CellPlan]
    /// Whether the plan is for a quick run (`--quick`).
    public var quick: Bool
    /// Inline references of each prose block, by block index.
    var references: [Int: [InlineReference]]
    /// The overrides that applied to some cell of this lesson, as written.
    public var overrides: [String]
    /// The prose's formulas as MathML, for the HTML report.
    public var math = MathMarkup()
    /// The exercises, in file order.
    public var exercises: [ExercisePlan] = []
    /// The `--predict` predictions that named an exercise of this lesson, as written.
    public var predictions: [String] { exercises.compactMap(\.predictedOnCommandLine) }
}
