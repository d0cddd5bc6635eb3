import Foundation
import Notebook

/// The points of a `sweep:`: each swept parameter path with its values, combined into a
/// grid (every combination) or zipped (the i-th value of every path), each point a full
/// training setup. Written in a cell as data:
///
///     sweep:
///       training.learning_rate: {log: [1e-4, 1], points: 9}
///       model.hidden: {funnel: [64, 32, 16], constant: [64, 64, 64]}
///       training.optimizer: [sgd, adam]
///
/// A value is a list, a mapping of names to values (named points), or a range:
/// `{log: [low, high], points: N}` (evenly spaced in the logarithm) or
/// `{linear: [low, high], points: N}`. Whole-number parameters round a range's values.
/// Paths are taken in alphabetical order, named values in alphabetical order of their names.
struct SweepPlan: Sendable {
    /// One swept path: its lesson-side name and its values, each with the name a metric
    /// carries (`funnel`, `learning_rate_0.001`).
    struct Axis: Sendable, Equatable {
        var path: String
        var names: [String]
        var values: [ConfigValue]
        /// Whether the values are numbers (for a numeric x axis).
        var numeric: Bool { values.allSatisfy { $0.number != nil } }
    }

    /// One point: the index of its value on every axis, its name and its settings.
    struct Point: Sendable {
        var indices: [Int]
        var name: String
        var settings: [String: ConfigValue]
    }

    var axes: [Axis]
    var points: [Point]

    /// Expands `sweep` (Swift-side paths and names, as the typed decoder sees them) over
    /// the encoded setup `base`. Problems name `sweep.<path>` (lesson-side).
    static func make(_ sweep: [String: ConfigValue], zip: Bool, base: [String: ConfigValue]) -> Result<SweepPlan, ConfigProblem> {
        var axes: [Axis] = []
        for path in sweep.keys.sorted(by: { ParameterName.snakeCasePath($0) < ParameterName.snakeCasePath($1) }) {
            let lessonPath = ParameterName.snakeCasePath(path)
            let key = "sweep.\(lessonPath)"
            let segments = path.split(separator: ".").map(String.init)
            guard let root = segments.first, sweepable.contains(root), segments.count >= 2,
                  let current = ConfigValue.object(base).value(at: segments), !isGroup(current) else {
                let near = suggestion(for: segments, base: base)
                return .failure(ConfigProblem(key: key, expected: near.map { "`\($0)` or another parameter of data, model or training" }
                                                  ?? "a parameter of data, model or training (such as training.learning_rate or model.hidden)",
                                              found: lessonPath))
            }
            let whole: Bool
            if case .int = current { whole = true } else { whole = false }
            switch axis(sweep[path]!, path: lessonPath, whole: whole) {
            case .success(let made): axes.append(made)
            case .failure(let expected): return .failure(ConfigProblem(key: key, expected: expected.words, found: sweep[path]!.shortDescription))
            }
        }
        var points: [Point] = []
        if axes.isEmpty {
            points = [Point(indices: [], name: "", settings: base)]
        } else if zip {
            let count = axes[0].values.count
            if let odd = axes.first(where: { $0.values.count != count }) {
                return .failure(ConfigProblem(key: "zip", expected: "every swept path with the same number of values (zip: true pairs them up)",
                                              found: "\(count) values for \(axes[0].path), \(odd.values.count) for \(odd.path)"))
            }
            points = (0..<count).map { point(Array(repeating: $0, count: axes.count), axes: axes, base: base) }
            // Zipped paths whose values share their names (`data.steps: {mlp: 10, rnn: 0}` with
            // `model.layers: {mlp: [...], rnn: [...]}`) name each point once: `mlp`, not `mlp.mlp`.
            for i in points.indices {
                let names = Set(axes.map { $0.names[i] })
                if axes.count > 1, names.count == 1, let only = names.first { points[i].name = only }
            }
        } else {
            var indices: [[Int]] = [[]]
            for axis in axes { indices = indices.flatMap { prefix in axis.values.indices.map { prefix + [$0] } } }
            points = indices.map { point($0, axes: axes, base: base) }
        }
        return .success(SweepPlan(axes: axes, points: points))
    }

    /// What a swept value should have been, in words.
    struct Expected: Error {
        var words: String
        init(_ words: String) { self.words = words }
    }

    /// The groups a sweep may reach into.
    static let sweepable = ["data", "model", "training"]

    static func isGroup(_ value: ConfigValue) -> Bool {
        if case .object = value { return true }
        return false
    }

    /// The nearest real path to a misspelt one (`model.hidden` for `model.hiden`).
    static func suggestion(for segments: [String], base: [String: ConfigValue]) -> String? {
        let paths = sweepable.flatMap { group -> [String] in
            guard case .object(let fields)? = base[group] else { return [] }
            return fields.keys.map { "\(group).\(ParameterName.snakeCase($0))" }
        }.sorted()
        return Suggestion.nearest(to: ParameterName.snakeCasePath(segments.joined(separator: ".")), among: paths)
    }

    static func point(_ indices: [Int], axes: [Axis], base: [String: ConfigValue]) -> Point {
        var settings = ConfigValue.object(base)
        var names: [String] = []
        for (axis, index) in zip(axes, indices) {
            let segments = ParameterName.camelCasePath(axis.path).split(separator: ".").map(String.init)
            settings = settings.setting(axis.values[index], at: segments)
            names.append(axis.names[index])
        }
        guard case .object(let object) = settings else { return Point(indices: indices, name: "", settings: base) }
        return Point(indices: indices, name: names.joined(separator: "."), settings: object)
    }

    /// One axis from its written form, or what was expected instead.
    static func axis(_ value: ConfigValue, path: String, whole: Bool) -> Result<Axis, Expected> {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        switch value {
        case .array(let items):
            guard !items.isEmpty else { return .failure(Expected("at least one value (an empty sweep runs nothing)")) }
            let names = items.map { valueName($0, parameter: last) }
            guard Set(names).count == names.count else { return .failure(Expected("distinct values")) }
            return .success(Axis(path: path, names: names, values: items))
        case .object(let object):
            if object.keys.contains("points") || object.keys.contains("log") || object.keys.contains("linear") {
                return range(object, path: path, parameter: last, whole: whole)
            }
            guard !object.isEmpty else { return .failure(Expected("at least one named value (an empty sweep runs nothing)")) }
            let keys = object.keys.sorted { ParameterName.snakeCase($0) < ParameterName.snakeCase($1) }
            let names = keys.map(ParameterName.snakeCase)
            for name in names where !isIdentifier(name) {
                return .failure(Expected("names made of letters, digits and underscores, starting with a letter (`\(name)` is not)"))
            }
            return .success(Axis(path: path, names: names, values: keys.map { object[$0]! }))
        default:
            return .failure(Expected("a list of values, a mapping of names to values, or a range such as {log: [1e-4, 1], points: 9}"))
        }
    }

    static let rangeWords = "a range {log: [low, high], points: N} or {linear: [low, high], points: N} with N from 2 to 1000 and low below high (above 0 for log)"

    static func range(_ object: [String: ConfigValue], path: String, parameter: String, whole: Bool) -> Result<Axis, Expected> {
        guard object.count == 2, let count = object["points"]?.number, count == count.rounded(), count >= 2, count <= 1000 else {
            return .failure(Expected(rangeWords))
        }
        let logarithmic = object["log"] != nil
        guard case .array(let bounds)? = object["log"] ?? object["linear"], bounds.count == 2,
              let low = bounds[0].number, let high = bounds[1].number, low < high, !logarithmic || low > 0 else {
            return .failure(Expected(rangeWords))
        }
        let n = Int(count)
        var numbers: [Double] = (0..<n).map { i in
            let t = Double(i) / Double(n - 1)
            if logarithmic { return Foundation.exp(Foundation.log(low) + t * (Foundation.log(high) - Foundation.log(low))) }
            return low + t * (high - low)
        }
        // Round to 12 significant digits so that 1e-4 .. 1 gives 0.001 and not 0.0009999999.
        numbers = numbers.map { Double(String(format: "%.12g", $0)) ?? $0 }
        var values: [ConfigValue]
        if whole {
            var seen = Set<Int>()
            values = numbers.map { Int($0.rounded()) }.filter { seen.insert($0).inserted }.map { .int($0) }
        } else {
            values = numbers.map { .double($0) }
        }
        if values.isEmpty { values = [.double(low)] }
        return .success(Axis(path: path, names: values.map { valueName($0, parameter: parameter) }, values: values))
    }

    /// The name a value gives its point's metrics: the parameter's name and the value,
    /// spelled with letters, digits, underscores and dots (`learning_rate_0.001`,
    /// `hidden_64_32_16`, `activation_tanh`).
    static func valueName(_ value: ConfigValue, parameter: String) -> String {
        func spell(_ value: ConfigValue) -> String {
            switch value {
            case .int(let n): return n < 0 ? "minus\(-n)" : String(n)
            case .double(let x):
                var text = String(format: "%.10g", abs(x))
                if text.contains("e") { text = text.replacingOccurrences(of: "e-", with: "e_minus").replacingOccurrences(of: "e+", with: "e") }
                return (x < 0 ? "minus" : "") + text
            case .bool(let b): return b ? "true" : "false"
            case .string(let s): return String(s.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." ? $0 : "_" })
            case .array(let items): return items.isEmpty ? "none" : items.map(spell).joined(separator: "_")
            case .object(let object): return object.keys.sorted().map { "\($0)_\(spell(object[$0]!))" }.joined(separator: "_")
            case .null: return "none"
            }
        }
        return "\(parameter)_\(spell(value))"
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// How a value reads in a legend or a table (`0.001`, `[64, 32, 16]`, `funnel`).
    static func label(_ axis: Axis, _ index: Int) -> String {
        let value = axis.values[index]
        let name = axis.names[index]
        if name != valueName(value, parameter: axis.path.split(separator: ".").last.map(String.init) ?? axis.path) {
            return name
        }
        return value.shortDescription
    }
}

extension ConfigValue {
    /// The value as a number, for ints and doubles.
    var number: Double? {
        switch self {
        case .int(let n): return Double(n)
        case .double(let x): return x
        default: return nil
        }
    }

    /// A copy with `value` at the dotted path (the objects along it must exist).
    func setting(_ value: ConfigValue, at path: [String]) -> ConfigValue {
        guard let first = path.first else { return value }
        guard case .object(var object) = self else { return self }
        object[first] = (object[first] ?? .object([:])).setting(value, at: Array(path.dropFirst()))
        return .object(object)
    }
}
