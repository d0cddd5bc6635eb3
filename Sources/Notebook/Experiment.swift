import Foundation
import Plot

/// An experiment kind: what a lesson cell names in `run:`. One file per kind in the
/// Experiments target; Notebook sees kinds only through `AnyExperiment`, so it never
/// imports the learning code.
///
/// A kind is a value type with a `Config`, a few static descriptions and `run`; it is listed
/// once in `Catalogue.all` and cells then name it:
///
///     public struct SquaresExperiment: Experiment {
///         public struct Config: ExperimentConfig {
///             public var count = 10
///             public init() {}
///             public static let parameters: [Parameter<Config>] = [
///                 .whole("count", \.count, 1...1000, "How many squares to compute."),
///             ]
///         }
///         public static let kind = "squares"
///         public static let version = 1
///         public static let summary = "The squares of the first whole numbers."
///         public static let outputs: [String] = []
///         public static let quickProfile: [String: ConfigValue] = ["count": .int(3)]
///         public static let hasSweep = false
///         public init() {}
///         public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
///             CellResult(metrics: ["last": Double(config.count * config.count)])
///         }
///     }
public protocol Experiment: Sendable {
    /// The typed configuration. Every property has a default (`init()`), is non-optional
    /// (so encoding the defaults lists every key, which is how unknown keys are found)
    /// and is declared in the configuration's `parameters` table, which is the lesson
    /// author's reference.
    associatedtype Config: ExperimentConfig

    /// The name used in `run:` (`parameter-count`).
    static var kind: String { get }
    /// Bumped whenever the results of the same configuration change, to invalidate caches.
    static var version: Int { get }
    /// One line for `lessonbook list` and `--help`.
    static var summary: String { get }
    /// How to use the kind beyond its parameter table (how its metrics are named, a cell
    /// that works as written), printed by `lessonbook kinds KIND`; empty for most kinds.
    static var guide: String { get }
    /// Names of the figures and tables this kind can produce; `show:` picks among them.
    static var outputs: [String] { get }
    /// The metrics a run reports, as names or patterns (`k<k>.deep_error`), for
    /// `lessonbook kinds`; the end-to-end tests check every reported metric against them.
    static var metrics: [MetricName] { get }
    /// Overrides applied in `--quick` mode before the cell's own `quick:` block.
    static var quickProfile: [String: ConfigValue] { get }
    /// Whether a run goes through `context.trials` (a sweep of cached trials). False for a
    /// kind that trains one network or evaluates a closed form: shards of a cluster run and
    /// `lessonbook status` then leave its cells alone, and the final render computes them.
    /// True by default, which is always correct (only slower for a kind without a sweep).
    static var hasSweep: Bool { get }

    init()

    /// Runs the experiment. Must be deterministic in (config, context.seed).
    func run(_ config: Config, context: ExperimentContext) throws -> CellResult

    /// The reader's own files a configuration reads (a CSV data set), each under the
    /// lesson-side key that names it, with its path as written (relative to the lesson's
    /// folder). The planner checks that each exists, and their SHA-256 is part of the cell's
    /// cache key, so editing the file reruns the cell.
    static func inputFiles(of config: Config) -> [InputFile]

    /// Reads the input files as `run` will and reports the first problem in them (a ragged
    /// row, a cell that is not a number, a missing column) as an `InputFileError`, so that
    /// `lessonbook check` finds it and a render fails before anything runs.
    static func checkInputs(of config: Config, lessonDirectory: String) throws

    /// The names `show:` accepts for this configuration: `outputs`, plus any figures the
    /// configuration itself declares (the `plots:` of a `train` cell).
    static func outputs(of config: Config) -> [String]
}

extension Experiment {
    /// No metrics declared: `lessonbook kinds` lists none.
    public static var metrics: [MetricName] { [] }
    /// No guide beyond the parameter table.
    public static var guide: String { "" }
    /// No input files: the configuration reads nothing besides the lesson.
    public static func inputFiles(of config: Config) -> [InputFile] { [] }
    /// Nothing to check, for a kind without input files.
    public static func checkInputs(of config: Config, lessonDirectory: String) throws {}
    /// The static `outputs`, for a kind whose configuration declares no figures of its own.
    public static func outputs(of config: Config) -> [String] { outputs }
}

/// A file a cell reads besides the lesson: the key that names it (`data.path`) and the
/// path as written, relative to the lesson's folder.
public struct InputFile: Sendable, Equatable {
    /// The lesson-side key that names the file (`data.path`), as messages report it.
    public var key: String
    /// The path as written in the lesson, relative to the lesson's folder.
    public var path: String

    /// The file a configuration reads under `key`, at `path`.
    public init(key: String, path: String) {
        self.key = key
        self.path = path
    }
}

/// A problem inside an input file, located there: the file, the line (1-based, counting
/// the header) and the column where known, and what was expected.
public struct InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file, as written in the lesson.
    public var path: String
    /// The 1-based line of the problem, counting the header; nil when it concerns the whole file.
    public var line: Int?
    /// The name of the column concerned, where known.
    public var column: String?
    /// What is wrong and what was expected, in words.
    public var message: String

    /// A problem in the file at `path`, with as much of its place as is known.
    public init(path: String, line: Int? = nil, column: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// The path, then `:line` and the column where known, then the message: how a check prints it.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(column.map { "column `\($0)`: " } ?? "")\(message)"
    }
}

/// A configuration: Codable with defaults, its parameters declared in one table, and able
/// to say which values are out of range.
public protocol ExperimentConfig: Codable, Sendable, DeclaredParameters {
    init()
    /// Range checks beyond the type: each problem names its key and what was expected.
    /// The default runs every declared parameter's check, then `checkRelations`; kinds
    /// do not replace it.
    func validate() -> [ConfigProblem]
    /// Checks that involve several parameters at once (`drawn` must be among
    /// `compositions`); the single-parameter checks come from `parameters`.
    func checkRelations(_ checks: inout ConfigChecks)
}

extension Experiment {
    /// True by default: always correct, only slower for a kind without a sweep (see `Experiment.hasSweep`).
    public static var hasSweep: Bool { true }
}

extension ExperimentConfig {
    /// No declared parameters (small test kinds only: the conformance test requires every
    /// catalogued kind to declare all of its parameters).
    public static var parameters: [Parameter<Self>] { [] }

    /// Runs every declared parameter's check, then `checkRelations`, and returns the problems.
    public func validate() -> [ConfigProblem] {
        var checks = ConfigChecks()
        Self.checkParameters(of: self, into: &checks)
        checkRelations(&checks)
        return checks.problems
    }

    /// No checks across parameters.
    public func checkRelations(_ checks: inout ConfigChecks) {}
}

/// One out-of-range value in a configuration.
public struct ConfigProblem: Error, Sendable, Equatable {
    /// Dotted key inside the configuration (`hidden`, `optimizer.lr`).
    public var key: String
    /// What was expected, in words (`a positive whole number`).
    public var expected: String
    /// What was found, as written.
    public var found: String

    /// A problem under the dotted `key`, with what was `expected` and what was `found`.
    public init(key: String, expected: String, found: String) {
        self.key = key
        self.expected = expected
        self.found = found
    }
}

/// What an experiment's run is given besides its configuration.
public struct ExperimentContext: Sendable {
    /// The seed: the lesson's `seed`, or the cell's `seed` parameter where it has one.
    public var seed: UInt64
    /// How many independent trials may run at once.
    public var jobs: Int
    /// Whether this is a quick run (tests, smoke runs) or the full one.
    public var quick: Bool
    /// Progress: called with a short status (`trial 12/48, loss 0.31`) and the fraction done.
    public var progress: @Sendable (String, Double) -> Void
    /// Per-trial cache for sweeps: `trials.value(Kind.self, config: config, trial: point) { compute }`
    /// returns a stored result for the same trial, so an interrupted sweep keeps its finished
    /// trials (`value(sharedBy:version:trial:)` for trials several cells or kinds share).
    public var trials: TrialCache
    /// The folder of the lesson file, against which input files (`InputFile`) resolve;
    /// the current folder when the run has no lesson (tests, benchmarks).
    public var lessonDirectory: String
    /// SHA-256 of each input file, by the path the configuration names (`InputFile.path`),
    /// as the planner hashed it when it checked the file: a run looks its files' digests up
    /// here instead of reading and hashing them again. Empty outside a render.
    public var inputDigests: [String: String]

    /// A context for a run; tests and benchmarks pass only a seed and get one job, no cache and the
    /// current folder.
    public init(seed: UInt64, jobs: Int = 1, quick: Bool = false,
                progress: @escaping @Sendable (String, Double) -> Void = { _, _ in },
                trials: TrialCache = TrialCache(directory: nil), lessonDirectory: String = ".",
                inputDigests: [String: String] = [:]) {
        self.lessonDirectory = lessonDirectory
        self.inputDigests = inputDigests
        self.seed = seed
        self.jobs = jobs
        self.quick = quick
        self.progress = progress
        self.trials = trials
    }
}
