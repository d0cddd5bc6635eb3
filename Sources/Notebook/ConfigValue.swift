import Foundation

/// A configuration value as written in YAML or on the command line, before it is decoded
/// into an experiment's typed `Config`. Overrides merge at this level.
public enum ConfigValue: Codable, Sendable, Equatable, Hashable {
    /// No value: YAML's `null`, `~` or an empty value.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number (`3`); also a whole-valued `Double` read back from JSON (1.0 encodes as 1).
    case int(Int)
    /// A number with a fraction or an exponent (`0.1`, `1e-3`, YAML's `.inf`).
    case double(Double)
    /// Text (`tanh`), quoted or not.
    case string(String)
    /// A list (`[2, 2]` or one item per `-` line).
    case array([ConfigValue])
    /// A mapping of keys to values (`{lr: 0.1}` or indented keys), the shape of a whole configuration.
    case object([String: ConfigValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ConfigValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: ConfigValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
