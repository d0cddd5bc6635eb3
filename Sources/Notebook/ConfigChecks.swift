/// Collects the range problems of a configuration as it validates itself, with the
/// checks most experiments need, so every kind words its messages the same way.
///
///     var checks = ConfigChecks()
///     checks.positive("epochs", epochs)
///     checks.positive("hidden", hidden)
///     return checks.problems
public struct ConfigChecks: Sendable {
    /// The problems found so far, in the order the checks ran.
    public private(set) var problems: [ConfigProblem] = []

    public init() {}

    /// Records a problem found by a check of the experiment's own.
    public mutating func append(_ problem: ConfigProblem) { problems.append(problem) }

    /// Records a problem when `holds` is false.
    public mutating func require(_ holds: Bool, _ key: String, expected: String, found: @autoclosure () -> String) {
        if !holds { problems.append(ConfigProblem(key: key, expected: expected, found: found())) }
    }

    /// A whole number above zero (epochs, widths, sizes).
    public mutating func positive(_ key: String, _ value: Int) {
        require(value > 0, key, expected: "a positive whole number", found: "\(value)")
    }

    /// A finite number above zero (rates, scales).
    public mutating func positive(_ key: String, _ value: Double) {
        require(value > 0 && value.isFinite, key, expected: "a positive number", found: "\(value)")
    }

    /// A non-empty list of whole numbers above zero (layer widths, sweeps).
    public mutating func positive(_ key: String, _ values: [Int]) {
        require(!values.isEmpty && values.allSatisfy { $0 > 0 }, key,
                expected: "a non-empty list of positive whole numbers", found: "\(values)")
    }

    /// One of a fixed set of names.
    public mutating func oneOf(_ key: String, _ value: String, _ choices: [String]) {
        require(choices.contains(value), key, expected: "one of \(choices.joined(separator: ", "))", found: value)
    }
}
