import Foundation

/// An experiment kind with its configuration type erased, so the notebook machinery can
/// hold a catalogue of kinds it knows nothing about. Build one with `AnyExperiment(T.self)`.
///
/// The planner, the renderer, `lessonbook kinds` and the JSON Schema all work from this one
/// value, so a kind's name, version, defaults and parameter table are read in one place:
///
///     let catalogue = Dictionary(uniqueKeysWithValues: [AnyExperiment(SawtoothExperiment.self)].map { ($0.kind, $0) })
///     let plan = try LessonPlanner(catalogue: catalogue).plan(lesson)
public struct AnyExperiment: Sendable {
    /// The name a cell's `run:` uses (`Experiment.kind`), also the key of the catalogue.
    public let kind: String
    /// The kind's result version (`Experiment.version`); part of its cells' cache keys and of its
    /// own trials' keys, so bumping it reruns the kind's cells.
    public let version: Int
    /// One line describing the kind (`Experiment.summary`), printed by `lessonbook kinds`.
    public let summary: String
    /// How to use the kind (`Experiment.guide`).
    public let guide: String
    /// The names of the figures and tables `show:` may pick (`Experiment.outputs`), before any
    /// names a configuration adds (see `outputs(for:)`).
    public let outputs: [String]
    /// The overrides `--quick` applies before a cell's own `quick:` block (`Experiment.quickProfile`),
    /// with lesson-side (snake_case) keys.
    public let quickProfile: [String: ConfigValue]
    /// Whether its runs consult the trial cache (`Experiment.hasSweep`).
    public let hasSweep: Bool
    /// The defaults, encoded: every key a cell may set.
    public let defaults: [String: ConfigValue]
    /// The declared parameters, in the configuration's own order.
    public let parameters: [ParameterInfo]
    /// The metrics a run reports (names or patterns).
    public let metrics: [MetricName]
    /// Decodes a merged configuration (throws DecodingError), checks its ranges, and
    /// returns the problems plus the canonical encoding of the decoded value.
    let decode: @Sendable (Data) throws -> (problems: [ConfigProblem], canonical: [String: ConfigValue])
    /// Decodes and runs.
    let runner: @Sendable (Data, ExperimentContext) throws -> CellResult
    /// Decodes and lists the input files (`Experiment.inputFiles`).
    let inputs: @Sendable (Data) throws -> [InputFile]
    /// Decodes and checks the input files (`Experiment.checkInputs`).
    let inputCheck: @Sendable (Data, String) throws -> Void
    /// Decodes and lists the names `show:` accepts (`Experiment.outputs(of:)`).
    let configOutputs: @Sendable (Data) throws -> [String]

    /// Erases the kind `type`: records its static description and captures closures that decode a
    /// lesson's values into `E.Config` and call `E().run`. One line per kind in the catalogue.
    public init<E: Experiment>(_ type: E.Type) {
        kind = E.kind
        version = E.version
        summary = E.summary
        guide = E.guide
        outputs = E.outputs
        quickProfile = Self.snakeCased(E.quickProfile)
        hasSweep = E.hasSweep
        defaults = Self.encode(E.Config())
        parameters = E.Config.parameters.map(\.info)
        metrics = E.metrics
        decode = { data in
            let config = try JSONDecoder().decode(E.Config.self, from: data)
            let problems = config.validate().map {
                ConfigProblem(key: ParameterName.snakeCasePath($0.key), expected: $0.expected, found: $0.found)
            }
            return (problems, Self.encode(config))
        }
        runner = { data, context in
            let config = try JSONDecoder().decode(E.Config.self, from: data)
            return try E().run(config, context: context)
        }
        inputs = { data in E.inputFiles(of: try JSONDecoder().decode(E.Config.self, from: data)) }
        configOutputs = { data in E.outputs(of: try JSONDecoder().decode(E.Config.self, from: data)) }
        inputCheck = { data, directory in
            try E.checkInputs(of: try JSONDecoder().decode(E.Config.self, from: data), lessonDirectory: directory)
        }
    }

    /// Encodes a configuration into a key-value map (non-optional properties only), with
    /// the lesson-side (snake_case) names.
    static func encode<C: Encodable>(_ config: C) -> [String: ConfigValue] {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(config),
              let value = try? JSONDecoder().decode([String: ConfigValue].self, from: data) else { return [:] }
        return snakeCased(value)
    }

    static func snakeCased(_ values: [String: ConfigValue]) -> [String: ConfigValue] {
        guard case .object(let renamed) = ConfigValue.object(values).renamingKeys(ParameterName.snakeCase) else { return values }
        return renamed
    }

    /// The Swift-side (camelCase) encoding of lesson-side values, for the typed decoder.
    static func swiftSide(_ values: [String: ConfigValue]) throws -> Data {
        try JSONEncoder().encode(ConfigValue.object(values).renamingKeys(ParameterName.camelCase))
    }

    /// Decodes the configuration from merged values and validates its ranges. Problem keys
    /// and the canonical encoding use the lesson-side names.
    public func check(_ values: [String: ConfigValue]) throws -> (problems: [ConfigProblem], canonical: [String: ConfigValue]) {
        try decode(Self.swiftSide(values))
    }

    /// Decodes lesson-side values into a kind's typed configuration (for tests and tools
    /// that build a `Config` from the same values a lesson would write).
    public func typedConfig<C: Decodable>(_ type: C.Type, from values: [String: ConfigValue]) throws -> C {
        try JSONDecoder().decode(C.self, from: Self.swiftSide(values))
    }

    /// The names `show:` accepts for merged, already validated values.
    public func outputs(for values: [String: ConfigValue]) -> [String] {
        (try? configOutputs(Self.swiftSide(values))) ?? outputs
    }

    /// The input files of merged, already validated values.
    public func inputFiles(_ values: [String: ConfigValue]) throws -> [InputFile] {
        try inputs(Self.swiftSide(values))
    }

    /// Checks the input files of merged, already validated values (throws `InputFileError`).
    public func checkInputs(_ values: [String: ConfigValue], lessonDirectory: String) throws {
        try inputCheck(Self.swiftSide(values), lessonDirectory)
    }

    /// Runs the experiment on merged, already validated values.
    public func run(_ values: [String: ConfigValue], context: ExperimentContext) throws -> CellResult {
        try runner(Self.swiftSide(values), context)
    }
}
