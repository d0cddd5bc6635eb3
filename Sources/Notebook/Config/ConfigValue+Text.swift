import Foundation

extension ConfigValue {
    /// The value as a person would write it in YAML flow style: `-3`, `0.1`, `tanh`, `[2, 2]`.
    public var shortDescription: String {
        switch self {
        case .null: return "nothing"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return NumberFormat.shortest(value)
        case .string(let value): return value.isEmpty ? "\"\"" : value
        case .array(let items): return "[" + items.map(\.shortDescription).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.keys.sorted().map { "\($0): \(object[$0]!.shortDescription)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as text if it is a scalar (numbers and booleans as written).
    var textValue: String? {
        switch self {
        case .string(let text): return text
        case .int, .double, .bool: return shortDescription
        default: return nil
        }
    }

    /// The value at a dotted path (`optimizer.lr`, `hidden.0`).
    public func value(at path: [String]) -> ConfigValue? {
        guard let first = path.first else { return self }
        switch self {
        case .object(let object): return object[first]?.value(at: Array(path.dropFirst()))
        case .array(let items):
            guard let index = Int(first), items.indices.contains(index) else { return nil }
            return items[index].value(at: Array(path.dropFirst()))
        default: return nil
        }
    }
}
