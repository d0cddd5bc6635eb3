/// What a lesson author needs to know about one parameter of a kind, with the Swift types
/// erased: its lesson-side name, its doc text, its type and the values it accepts. Built
/// by `Parameter`; read by `lessonbook kinds`, the JSON Schema and the conformance tests.
public struct ParameterInfo: Sendable, Equatable {
    /// The lesson-side (snake_case) name.
    public var name: String
    /// What the parameter means, in a sentence or two.
    public var doc: String
    /// The kind of value it holds.
    public var type: ParameterType
    /// The range of the number, or of each item of a list of numbers.
    public var range: ValueRange?
    /// The length and order a list needs.
    public var shape: ListShape?

    /// The accepted values in words (`a non-empty list of whole numbers from 1 to 512`),
    /// as messages word them; nil when any value of the type will do.
    public var allowed: String? {
        switch type {
        case .wholeNumber, .number:
            guard let range, range != .any else { return nil }
            return range.words(whole: type == .wholeNumber)
        case .list(let item):
            let items: String
            switch item {
            case .wholeNumber, .number: items = (range ?? .any).words(whole: item == .wholeNumber, plural: true)
            case .choice(let names): items = "names from " + names.joined(separator: ", ")
            default: items = item.words(plural: true)
            }
            let shape = shape ?? .anyLength
            return shape == .anyLength && (range ?? .any) == .any ? nil : shape.words(items: items)
        case .choice(let names): return "one of " + names.joined(separator: ", ")
        case .records(let fields):
            let shape = shape ?? .anyLength
            let items = "mappings with " + fields.map(\.name).joined(separator: ", ")
            return shape.words(items: items)
        case .record(let fields): return "a mapping with " + fields.map(\.name).joined(separator: ", ")
        case .mapping(let keys, let values):
            return "a mapping from one or more of " + keys.joined(separator: ", ") + " to " + values
        case .identifier: return ParameterType.identifierWords
        case .text, .boolean: return nil
        }
    }

    /// The JSON Schema of the parameter's value.
    public var schema: [String: ConfigValue] {
        var schema = type.schema
        if let range {
            if case .list = type, case .object(var items)? = schema["items"] {
                items.merge(range.schema) { $1 }
                schema["items"] = .object(items)
            } else {
                schema.merge(range.schema) { $1 }
            }
        }
        if let shape { schema.merge(shape.schema) { $1 } }
        schema["description"] = .string(doc + (allowed.map { " Allowed: \($0)." } ?? ""))
        return schema
    }
}

/// The kind of value a parameter holds.
public indirect enum ParameterType: Sendable, Equatable {
    /// A whole number (`Int`).
    case wholeNumber
    /// A number (`Double`); written with or without a fraction.
    case number
    /// Free text (`String`).
    case text
    /// Letters, digits and underscores.
    case identifier
    /// `true` or `false` (`Bool`).
    case boolean
    /// One of these names.
    case choice([String])
    /// A list of values of one type.
    case list(ParameterType)
    /// A list of mappings, each with these fields.
    case records([ParameterInfo])
    /// One mapping with these fields.
    case record([ParameterInfo])
    /// A mapping from some of these names to values of one form, described in words.
    case mapping(keys: [String], values: String)

    /// The type in words: `whole number`, `list of numbers`.
    public func words(plural: Bool = false) -> String {
        let s = plural ? "s" : ""
        switch self {
        case .wholeNumber: return "whole number" + s
        case .number: return "number" + s
        case .text: return "text"
        case .identifier: return "name" + s
        case .boolean: return "true or false"
        case .choice: return "name" + s
        case .list(let item): return "list" + s + " of " + item.words(plural: true)
        case .records: return "list" + s + " of mappings"
        case .record, .mapping: return "mapping" + s
        }
    }

    static let identifierWords = "letters, digits and underscores"

    var schema: [String: ConfigValue] {
        switch self {
        case .wholeNumber: return ["type": .string("integer")]
        case .number: return ["type": .string("number")]
        case .text: return ["type": .string("string")]
        case .identifier: return ["type": .string("string"), "pattern": .string("^[A-Za-z0-9_]+$")]
        case .boolean: return ["type": .string("boolean")]
        case .choice(let names):
            // A name with a placeholder in capitals (`leaky_relu(SLOPE)`) becomes a pattern.
            let plain = names.filter { !$0.contains("(") }
            let patterns = names.filter { $0.contains("(") }.map { name -> ConfigValue in
                let stem = name.prefix(while: { $0 != "(" })
                return .object(["pattern": .string("^" + stem + "\\(.+\\)$")])
            }
            if patterns.isEmpty { return ["type": .string("string"), "enum": .array(plain.map { .string($0) })] }
            return ["type": .string("string"),
                    "anyOf": .array([.object(["enum": .array(plain.map { .string($0) })])] + patterns)]
        case .list(let item): return ["type": .string("array"), "items": .object(item.schema)]
        case .record(let fields):
            var properties: [String: ConfigValue] = [:]
            for field in fields { properties[field.name] = .object(field.schema) }
            return ["type": .string("object"), "additionalProperties": .bool(false),
                    "properties": .object(properties), "required": .array(fields.map { .string($0.name) })]
        case .mapping(let keys, _):
            return ["type": .string("object"), "minProperties": .int(1),
                    "propertyNames": .object(["enum": .array(keys.map { .string($0) })]),
                    "additionalProperties": .object(["type": .string("object")])]
        case .records(let fields):
            var properties: [String: ConfigValue] = [:]
            for field in fields { properties[field.name] = .object(field.schema) }
            return ["type": .string("array"), "items": .object([
                "type": .string("object"), "additionalProperties": .bool(false),
                "properties": .object(properties), "required": .array(fields.map { .string($0.name) }),
            ])]
        }
    }
}
