/// The one spelling of parameter names a lesson author sees: snake_case
/// (`points_per_class`), like the metrics. Swift properties stay camelCase
/// (`pointsPerClass`); `AnyExperiment` converts at its boundary, so a kind never spells a
/// lesson-side name by hand and the two spellings cannot drift apart.
public enum ParameterName {
    /// `pointsPerClass` → `points_per_class`; `l2Penalty` → `l2_penalty`. A capital after a
    /// lowercase letter or a digit starts a new word.
    public static func snakeCase(_ name: String) -> String {
        var result = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let before = previous, before.isLowercase || before.isNumber {
                result.append("_")
            }
            result.append(contentsOf: character.lowercased())
            previous = character
        }
        return result
    }

    /// `points_per_class` → `pointsPerClass`: the inverse of `snakeCase` on the names it makes.
    /// An underscore before a digit stays (`layers_1`), since `snakeCase` could not restore it.
    public static func camelCase(_ name: String) -> String {
        var result = ""
        var upperNext = false
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            if character == "_", !result.isEmpty, !(index + 1 < characters.count && characters[index + 1].isNumber) {
                upperNext = true
                continue
            }
            result.append(contentsOf: upperNext ? character.uppercased() : String(character))
            upperNext = false
        }
        return result
    }

    /// A dotted key path with every name component converted (`variants.0.learningRate` →
    /// `variants.0.learning_rate`); list indices pass through.
    public static func snakeCasePath(_ path: String) -> String {
        path.split(separator: ".", omittingEmptySubsequences: false).map { snakeCase(String($0)) }.joined(separator: ".")
    }

    /// The inverse of `snakeCasePath`: a lesson-side dotted path in the Swift-side spelling.
    public static func camelCasePath(_ path: String) -> String {
        path.split(separator: ".", omittingEmptySubsequences: false).map { camelCase(String($0)) }.joined(separator: ".")
    }

    /// Whether a name is written in the lesson-side spelling (no capitals).
    public static func isSnakeCase(_ name: String) -> Bool {
        !name.contains(where: \.isUppercase)
    }
}

extension ConfigValue {
    /// The same value with the keys of every mapping, at any depth, renamed by `rename`.
    func renamingKeys(_ rename: (String) -> String) -> ConfigValue {
        switch self {
        case .array(let items): return .array(items.map { $0.renamingKeys(rename) })
        case .object(let object):
            var renamed: [String: ConfigValue] = [:]
            for (key, value) in object { renamed[rename(key)] = value.renamingKeys(rename) }
            return .object(renamed)
        default: return self
        }
    }
}
