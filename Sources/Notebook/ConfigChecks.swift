/// Collects the range problems of a configuration as it validates itself, with the
/// checks experiments need, so every kind words its messages the same way. A kind does not
/// call these for its own parameters: its `parameters` table does (see `Parameter`); a
/// kind calls them only in `checkRelations` for what involves several parameters.
///
///     var checks = ConfigChecks()
///     checks.whole("epochs", epochs, ValueRange(1...))
///     checks.wholes("hidden", hidden, ValueRange(1...512), .nonEmpty)
///     return checks.problems
public struct ConfigChecks: Sendable {
    /// The problems found so far, in the order the checks ran.
    public private(set) var problems: [ConfigProblem] = []

    /// An empty collection, before any check has run.
    public init() {}

    /// Records a problem found by a check of the experiment's own.
    public mutating func append(_ problem: ConfigProblem) { problems.append(problem) }

    /// Records a problem when `holds` is false.
    public mutating func require(_ holds: Bool, _ key: String, expected: String, found: @autoclosure () -> String) {
        if !holds { problems.append(ConfigProblem(key: key, expected: expected, found: found())) }
    }

    /// A whole number inside `range`.
    public mutating func whole(_ key: String, _ value: Int, _ range: ValueRange) {
        require(range.contains(Double(value)), key, expected: range.words(whole: true), found: "\(value)")
    }

    /// A finite number inside `range`.
    public mutating func number(_ key: String, _ value: Double, _ range: ValueRange) {
        require(range.contains(value), key, expected: range.words(whole: false), found: "\(value)")
    }

    /// A list of whole numbers of the given shape, each inside `range`.
    public mutating func wholes(_ key: String, _ values: [Int], _ range: ValueRange, _ shape: ListShape) {
        require(shape.admits(values) && values.allSatisfy { range.contains(Double($0)) }, key,
                expected: shape.words(items: range.words(whole: true, plural: true)), found: "\(values)")
    }

    /// A list of numbers of the given shape, each finite and inside `range`.
    public mutating func numbers(_ key: String, _ values: [Double], _ range: ValueRange, _ shape: ListShape) {
        require(shape.admits(values) && values.allSatisfy { range.contains($0) }, key,
                expected: shape.words(items: range.words(whole: false, plural: true)), found: "\(values)")
    }

    /// A whole number above zero (epochs, widths, sizes).
    public mutating func positive(_ key: String, _ value: Int) { whole(key, value, ValueRange(1...)) }

    /// A finite number above zero (rates, scales).
    public mutating func positive(_ key: String, _ value: Double) { number(key, value, .positive) }

    /// A non-empty list of whole numbers above zero (layer widths, sweeps).
    public mutating func positive(_ key: String, _ values: [Int]) { wholes(key, values, ValueRange(1...), .nonEmpty) }

    /// One of a fixed set of names.
    public mutating func oneOf(_ key: String, _ value: String, _ choices: [String]) {
        require(choices.contains(value), key, expected: "one of \(choices.joined(separator: ", "))", found: value)
    }
}
