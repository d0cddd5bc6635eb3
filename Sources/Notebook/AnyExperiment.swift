import Foundation

/// An experiment kind with its configuration type erased, so the notebook machinery can
/// hold a catalogue of kinds it knows nothing about. Build one with `AnyExperiment(T.self)`.
public struct AnyExperiment: Sendable {
    public let kind: String
    public let version: Int
    public let summary: String
    public let outputs: [String]
    public let quickProfile: [String: ConfigValue]
    /// The defaults, encoded: every key a cell may set.
    public let defaults: [String: ConfigValue]
    /// Decodes a merged configuration (throws DecodingError), checks its ranges, and
    /// returns the problems plus the canonical encoding of the decoded value.
    let decode: @Sendable (Data) throws -> (problems: [ConfigProblem], canonical: [String: ConfigValue])
    /// Decodes and runs.
    let runner: @Sendable (Data, ExperimentContext) throws -> CellResult

    public init<E: Experiment>(_ type: E.Type) {
        kind = E.kind
        version = E.version
        summary = E.summary
        outputs = E.outputs
        quickProfile = E.quickProfile
        defaults = Self.encode(E.Config())
        decode = { data in
            let config = try JSONDecoder().decode(E.Config.self, from: data)
            return (config.validate(), Self.encode(config))
        }
        runner = { data, context in
            let config = try JSONDecoder().decode(E.Config.self, from: data)
            return try E().run(config, context: context)
        }
    }

    /// Encodes a configuration into a key-value map (non-optional properties only).
    static func encode<C: Encodable>(_ config: C) -> [String: ConfigValue] {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(config),
              let value = try? JSONDecoder().decode([String: ConfigValue].self, from: data) else { return [:] }
        return value
    }

    /// Decodes the configuration from merged values and validates its ranges.
    public func check(_ values: [String: ConfigValue]) throws -> (problems: [ConfigProblem], canonical: [String: ConfigValue]) {
        try decode(JSONEncoder().encode(values))
    }

    /// Runs the experiment on merged, already validated values.
    public func run(_ values: [String: ConfigValue], context: ExperimentContext) throws -> CellResult {
        try runner(JSONEncoder().encode(values), context)
    }
}
