import Foundation
import Notebook

/// A search space written in a lesson cell as data, one distribution per hyperparameter:
///
///     space:
///       learning_rate: {log_uniform: [1e-4, 1]}
///       batch_size: {log_int: [16, 512]}
///       depth: {choice: [1, 2, 3]}
///
/// Distributions: `uniform` and `log_uniform` (two bounds), `int` and `log_int` (two whole
/// bounds, both included), `choice` (a list of values). Every strategy works on the unit
/// cube: each dimension maps [0, 1] onto its range (log axes through the logarithm,
/// whole numbers by rounding, choices by equal bins), so that grid levels, random draws
/// and the Gaussian process of Bayesian optimisation treat all dimensions alike.
///
/// The space is stored as written and checked by `problems()` (which names the key), so
/// that a malformed space is reported with its file and line like any other parameter.
struct SearchSpace: Codable, Sendable, Equatable {
    /// Dimension name (Swift-side spelling, `learningRate`) to `{distribution: bounds}`.
    var entries: [String: [String: [Double]]]

    init(_ entries: [String: [String: [Double]]]) {
        self.entries = entries
    }

    /// The space of the lesson: every hyperparameter a trial understands.
    static let standard = SearchSpace([
        "learningRate": ["logUniform": [1e-4, 1]],
        "batchSize": ["logInt": [16, 512]],
        "width": ["logInt": [16, 256]],
        "depth": ["choice": [1, 2, 3]],
        "weightDecay": ["logUniform": [1e-6, 1e-2]],
    ])

    init(from decoder: Decoder) throws {
        entries = try decoder.singleValueContainer().decode([String: [String: [Double]]].self)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    /// The hyperparameters a trial understands, in the order dimensions are listed.
    static let knownNames = ["learningRate", "batchSize", "width", "depth", "weightDecay"]
    static let distributionNames = ["uniform", "logUniform", "int", "logInt", "choice"]
    /// The distributions in words, for listings and messages.
    static let distributionWords = "a distribution: {uniform: [low, high]}, {log_uniform: [low, high]}, {int: [low, high]}, {log_int: [low, high]} or {choice: [values]}"

    /// The checked dimensions, in `knownNames` order. Only call after `problems()` is empty.
    var dimensions: [Dimension] {
        Self.knownNames.compactMap { name in
            guard let entry = entries[name], let first = entry.first,
                  let distribution = Distribution(kind: first.key, values: first.value) else { return nil }
            return Dimension(name: name, distribution: distribution)
        }
    }

    /// What is wrong with the space, each problem naming its key under `prefix`.
    func problems(prefix: String = "space") -> [ConfigProblem] {
        var checks = ConfigChecks()
        if entries.isEmpty {
            checks.append(ConfigProblem(key: prefix, expected: "at least one dimension such as learning_rate: {log_uniform: [1e-4, 1]}",
                                        found: "none"))
        }
        let known = Self.knownNames.map(ParameterName.snakeCase).joined(separator: ", ")
        let kinds = Self.distributionNames.map(ParameterName.snakeCase).joined(separator: ", ")
        for name in entries.keys.sorted() {
            let key = "\(prefix).\(name)"
            guard Self.knownNames.contains(name) else {
                checks.append(ConfigProblem(key: key, expected: "a hyperparameter of the trial (one of \(known))",
                                            found: ParameterName.snakeCase(name)))
                continue
            }
            let entry = entries[name]!
            guard entry.count == 1, let first = entry.first else {
                checks.append(ConfigProblem(key: key, expected: "exactly one distribution (one of \(kinds))",
                                            found: entry.keys.sorted().map(ParameterName.snakeCase).joined(separator: ", ")))
                continue
            }
            let kind = first.key, values = first.value
            let before = checks.problems.count
            let found = "[" + values.map { String(format: "%g", $0) }.joined(separator: ", ") + "]"
            let at = "\(key).\(kind)"
            switch kind {
            case "uniform", "logUniform", "int", "logInt":
                let log = kind.hasPrefix("log")
                let whole = kind == "int" || kind == "logInt"
                if values.count != 2 || !values.allSatisfy(\.isFinite) {
                    checks.append(ConfigProblem(key: at, expected: "two finite bounds [low, high]", found: found))
                } else if whole && values.contains(where: { $0 != $0.rounded() }) {
                    checks.append(ConfigProblem(key: at, expected: "whole-number bounds", found: found))
                } else if !(values[0] < values[1]) {
                    checks.append(ConfigProblem(key: at, expected: "a low bound below the high bound", found: found))
                } else if log && !(values[0] > 0) {
                    checks.append(ConfigProblem(key: at, expected: "positive bounds (a log scale needs them)", found: found))
                }
            case "choice":
                if values.isEmpty || !values.allSatisfy(\.isFinite) || Set(values).count != values.count {
                    checks.append(ConfigProblem(key: at, expected: "a non-empty list of distinct values", found: found))
                }
            default:
                checks.append(ConfigProblem(key: key, expected: "a distribution, one of \(kinds)",
                                            found: ParameterName.snakeCase(kind)))
            }
            // The trial's own constraints, once the distribution itself is well formed.
            guard checks.problems.count == before else { continue }
            if name == "batchSize" || name == "width" || name == "depth", kind == "uniform" || kind == "logUniform" {
                checks.append(ConfigProblem(key: at, expected: "a whole-number distribution (int, log_int or choice) for \(ParameterName.snakeCase(name))",
                                            found: ParameterName.snakeCase(kind)))
            }
            if name == "batchSize" || name == "width" || name == "depth", values.contains(where: { $0 < 1 }) {
                checks.append(ConfigProblem(key: at, expected: "values of at least 1", found: found))
            }
            if name == "learningRate", values.contains(where: { $0 <= 0 }) {
                checks.append(ConfigProblem(key: at, expected: "positive learning rates", found: found))
            }
            if name == "weightDecay", values.contains(where: { $0 < 0 }) {
                checks.append(ConfigProblem(key: at, expected: "weight decays of at least 0", found: found))
            }
        }
        return checks.problems
    }
}

/// One hyperparameter of a search space.
struct Dimension: Sendable, Equatable {
    /// Swift-side name (`learningRate`); `label` is the lesson-side one.
    var name: String
    var distribution: Distribution

    var label: String { ParameterName.snakeCase(name) }
}

/// How one dimension's values are spread, and its map from the unit interval.
enum Distribution: Sendable, Equatable {
    case uniform(Double, Double)
    case logUniform(Double, Double)
    case int(Int, Int)
    case logInt(Int, Int)
    case choice([Double])

    init?(kind: String, values: [Double]) {
        switch kind {
        case "uniform" where values.count == 2: self = .uniform(values[0], values[1])
        case "logUniform" where values.count == 2: self = .logUniform(values[0], values[1])
        case "int" where values.count == 2: self = .int(Int(values[0]), Int(values[1]))
        case "logInt" where values.count == 2: self = .logInt(Int(values[0]), Int(values[1]))
        case "choice" where !values.isEmpty: self = .choice(values)
        default: return nil
        }
    }

    /// Whether the axis is logarithmic (for figures).
    var isLog: Bool {
        switch self {
        case .logUniform, .logInt: return true
        default: return false
        }
    }

    /// The value at unit coordinate `u` (clamped to [0, 1]).
    func value(at u: Double) -> Double {
        let t = min(max(u, 0), 1)
        switch self {
        case let .uniform(a, b): return a + t * (b - a)
        case let .logUniform(a, b): return exp(log(a) + t * (log(b) - log(a)))
        case let .int(a, b):
            // Equal bins of the unit interval for every whole number, ends included.
            return Double(min(b, a + Int((t * Double(b - a + 1)).rounded(.down))))
        case let .logInt(a, b):
            let v = exp(log(Double(a)) + t * (log(Double(b)) - log(Double(a))))
            return Double(min(b, max(a, Int(v.rounded()))))
        case let .choice(values):
            return values[min(values.count - 1, Int((t * Double(values.count)).rounded(.down)))]
        }
    }

    /// The unit coordinate of a value (the centre of its bin for whole numbers and choices).
    func unit(of value: Double) -> Double {
        switch self {
        case let .uniform(a, b): return (value - a) / (b - a)
        case let .logUniform(a, b): return (log(value) - log(a)) / (log(b) - log(a))
        case let .int(a, b): return (value - Double(a) + 0.5) / Double(b - a + 1)
        case let .logInt(a, b): return (log(value) - log(Double(a))) / (log(Double(b)) - log(Double(a)))
        case let .choice(values):
            let i = values.firstIndex(of: value) ?? 0
            return (Double(i) + 0.5) / Double(values.count)
        }
    }

    /// The lower and upper ends of the range, in values (for figure axes).
    var range: ClosedRange<Double> {
        switch self {
        case let .uniform(a, b), let .logUniform(a, b): return a...b
        case let .int(a, b), let .logInt(a, b): return Double(a)...Double(b)
        case let .choice(values): return values.min()!...values.max()!
        }
    }
}
