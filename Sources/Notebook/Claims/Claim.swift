import Foundation

/// A claim from a cell's `expect:` list: comparisons between arithmetic expressions over
/// metric paths and numbers, such as `ratio.width >= 2.5`, `(a + b) / 2 < 0.1` or the chain
/// `2.5 < ratio.width < 3.5`. Every comparison of a chain must hold. A comparison over a
/// metric measured per seed is decided on the 95% interval of its difference, so it may
/// also be undecided (`evaluate`).
public struct Claim: Sendable, Equatable {
    /// The claim as written.
    public var text: String
    /// 1-based line in the lesson file.
    public var line: Int
    var terms: [ClaimExpression]
    var operators: [Comparison]

    /// A comparison operator.
    enum Comparison: String, Sendable, CaseIterable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        case less = "<", greater = ">"

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return a == b
            case .notEqual: return a != b
            }
        }
    }

    /// Parses a claim; the error names the line and says what was expected.
    public init(_ text: String, line: Int, path: String, key: String = "expect") throws {
        self.text = text
        self.line = line
        var parser = ClaimParser(text: text)
        do {
            guard text.count <= ClaimParser.maximumLength else {
                throw ClaimParser.Problem(message: "it is \(text.count) characters long, more than \(ClaimParser.maximumLength)")
            }
            (terms, operators) = try parser.parseClaim()
        } catch let problem as ClaimParser.Problem {
            throw NotebookError(file: path, line: line, key: key, message:
                "cannot read the claim `\(text)`: \(problem.message); expected a comparison such as `final.accuracy >= 0.9` (+ - * / and parentheses allowed)")
        }
    }

    /// Every metric path the claim mentions, in order.
    public var paths: [String] { terms.flatMap(\.paths) }

    /// Why a claim cannot be decided as written (`==` on metrics measured over seeds, one
    /// side mixing the seeds of two cells); the renderer names the file, line and cell.
    public struct Refusal: Error, Sendable, Equatable {
        /// What cannot be decided and why, in words.
        public var message: String
    }

    /// Evaluates the claim; `value` gives what each metric path stands for (or throws if it
    /// is unknown). On plain numbers every comparison holds or fails. When a path stands for
    /// per-seed values, each comparison that involves them is decided on the 95% t interval
    /// of the difference between its sides: paired by seed when all of them come from one
    /// cell with one count, else Welch's interval (see `ClaimInterval`). It holds when the
    /// interval lies on the claimed side of zero, fails when it lies on the other side, and
    /// is undecided when it straddles zero or there is only one seed. A chain holds when every
    /// comparison holds and fails when any fails.
    public func evaluate(_ value: (String) throws -> MetricValue) throws -> ClaimResult {
        var resolved: [String: MetricValue] = [:]
        for path in paths where resolved[path] == nil { resolved[path] = try value(path) }
        let sides = try terms.map { try Side($0, resolved: resolved) }
        var shown = NumberFormat.claimValue(sides[0].shown)
        for (index, op) in operators.enumerated() {
            shown += " \(op.rawValue) " + NumberFormat.claimValue(sides[index + 1].shown)
        }
        guard sides.contains(where: { $0.samples != nil }) else {
            var holds = true
            for (index, op) in operators.enumerated() where !op.holds(sides[index].shown, sides[index + 1].shown) {
                holds = false
            }
            return ClaimResult(claim: text, line: line, verdict: holds ? .holds : .fails, values: shown)
        }
        var verdicts: [ClaimVerdict] = []
        var intervals: [ClaimInterval] = []
        for (index, op) in operators.enumerated() {
            let (left, right) = (sides[index], sides[index + 1])
            if left.samples == nil && right.samples == nil {
                verdicts.append(op.holds(left.shown, right.shown) ? .holds : .fails)
                continue
            }
            guard op != .equal && op != .notEqual else {
                throw Refusal(message: "`\(op.rawValue)` cannot be decided on metrics measured over seeds (two noisy means are never exactly equal); expected a tolerance, such as `-0.01 < a - b < 0.01`, or a derived number such as `a.mean`")
            }
            let interval = op.decide(left, right)
            verdicts.append(interval.verdict)
            intervals.append(interval)
        }
        let verdict: ClaimVerdict = verdicts.contains(.fails) ? .fails : verdicts.contains(.undecided) ? .undecided : .holds
        return ClaimResult(claim: text, line: line, verdict: verdict, values: shown, intervals: intervals)
    }

    /// One side of a comparison, evaluated: a number, or one value per seed of one cell.
    struct Side {
        /// The number, or the mean of the per-seed values (what the report prints).
        var shown: Double
        /// The side's value for each seed (a number in the expression stays a constant).
        var samples: [Double]?
        /// The cell whose seeds `samples` follows.
        var cell: String?

        init(_ expression: ClaimExpression, resolved: [String: MetricValue]) throws {
            var count: Int? = nil
            var owner: String? = nil
            for path in expression.paths {
                guard case .samples(let values, let cell)? = resolved[path] else { continue }
                if let owner, owner != cell {
                    throw Refusal(message: "one side combines values measured over the seeds of cells `\(owner)` and `\(cell)`, which do not pair up; expected each side's per-seed metrics to come from one cell")
                }
                if let count, count != values.count {
                    throw Refusal(message: "one side combines metrics measured over \(count) and \(values.count) seeds, which do not pair up; expected each side's per-seed metrics to have one count")
                }
                owner = cell
                count = values.count
            }
            cell = owner
            guard let count else {
                shown = expression.evaluate { path in
                    if case .number(let number)? = resolved[path] { return number }
                    return .nan
                }
                return
            }
            let values = (0..<count).map { seed in
                expression.evaluate { path in
                    switch resolved[path] {
                    case .number(let number)?: return number
                    case .samples(let values, _)?: return values[seed]
                    case nil: return .nan
                    }
                }
            }
            samples = values
            shown = values.reduce(0, +) / Double(max(1, values.count))
        }
    }
}

extension Claim.Comparison {
    /// The interval of `left - right` and what it says about this comparison. Sides from
    /// one cell with one count pair up seed by seed (a number against per-seed values pairs
    /// with each of them); otherwise Welch's interval compares the two means.
    func decide(_ left: Claim.Side, _ right: Claim.Side) -> ClaimInterval {
        let pairs = left.samples == nil || right.samples == nil
            || (left.cell == right.cell && left.samples?.count == right.samples?.count)
        var interval: ClaimInterval
        let every: [Double]
        if pairs {
            let count = left.samples?.count ?? right.samples?.count ?? 0
            let differences = (0..<count).map { seed in
                (left.samples?[seed] ?? left.shown) - (right.samples?[seed] ?? right.shown)
            }
            interval = .paired(differences)
            every = differences
        } else {
            interval = .welch(left.samples ?? [], right.samples ?? [])
            every = (left.samples ?? []) + (right.samples ?? [])
        }
        if !every.allSatisfy(\.isFinite) {
            interval.verdict = .fails
            interval.reason = "a seed's value is not a finite number (a diverged run?)"
        } else if interval.seeds.contains(where: { $0 < 2 }) {
            interval.verdict = .undecided
            interval.reason = "one seed gives no interval; expected two or more (`seeds: {min, max}` adds them)"
        } else {
            interval.verdict = verdict(low: interval.low, high: interval.high)
        }
        return interval
    }

    /// The verdict of this comparison, given the interval of `left - right`: holds when the
    /// whole interval is on the claimed side of zero, fails when it is all on the other side
    /// (zero counts as the side a strict comparison excludes, so that constant per-seed
    /// values decide as plain numbers do), undecided otherwise.
    func verdict(low: Double, high: Double) -> ClaimVerdict {
        switch self {
        case .greater: return low > 0 ? .holds : high <= 0 ? .fails : .undecided
        case .greaterOrEqual: return low >= 0 ? .holds : high < 0 ? .fails : .undecided
        case .less: return high < 0 ? .holds : low >= 0 ? .fails : .undecided
        case .lessOrEqual: return high <= 0 ? .holds : low > 0 ? .fails : .undecided
        case .equal, .notEqual: return .undecided
        }
    }
}

/// An arithmetic expression over metric paths and numbers.
indirect enum ClaimExpression: Sendable, Equatable {
    case number(Double)
    case metric(String)
    case negate(ClaimExpression)
    case binary(Character, ClaimExpression, ClaimExpression)

    var paths: [String] {
        switch self {
        case .number: return []
        case .metric(let path): return [path]
        case .negate(let inner): return inner.paths
        case .binary(_, let a, let b): return a.paths + b.paths
        }
    }

    func evaluate(_ value: (String) throws -> Double) rethrows -> Double {
        switch self {
        case .number(let number): return number
        case .metric(let path): return try value(path)
        case .negate(let inner): return -(try inner.evaluate(value))
        case .binary(let op, let a, let b):
            let x = try a.evaluate(value), y = try b.evaluate(value)
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default: return x / y
            }
        }
    }
}

/// Recursive-descent parser for claims: claim := expr (cmp expr)+, expr := term (± term)*,
/// term := factor (*/ factor)*, factor := number | path | -factor | ( expr ).
struct ClaimParser {
    struct Problem: Error { var message: String }

    /// The longest claim read, and the deepest nesting of parentheses and minus signs:
    /// bounds that keep parsing, evaluating and freeing an expression off deep recursion.
    static let maximumLength = 1000
    static let maximumDepth = 32

    let characters: [Character]
    var position = 0
    var depth = 0

    init(text: String) { characters = Array(text) }

    mutating func parseClaim() throws -> ([ClaimExpression], [Claim.Comparison]) {
        var terms = [try parseExpression()]
        var operators: [Claim.Comparison] = []
        while let op = try comparison() {
            operators.append(op)
            terms.append(try parseExpression())
        }
        skipSpaces()
        if position < characters.count {
            throw Problem(message: "unexpected `\(String(characters[position...]))`")
        }
        if operators.isEmpty { throw Problem(message: "there is no comparison (<, <=, >, >=, ==, !=)") }
        return (terms, operators)
    }

    mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    mutating func comparison() throws -> Claim.Comparison? {
        skipSpaces()
        for op in Claim.Comparison.allCases {
            let symbol = Array(op.rawValue)
            if position + symbol.count <= characters.count, Array(characters[position..<position + symbol.count]) == symbol {
                position += symbol.count
                return op
            }
        }
        if position < characters.count, characters[position] == "=" {
            throw Problem(message: "`=` is not a comparison (use `==`)")
        }
        return nil
    }

    /// A sum or difference of terms.
    mutating func parseExpression() throws -> ClaimExpression {
        try parseLeftAssociative("+-") { try $0.parseTerm() }
    }

    /// A product or quotient of factors.
    mutating func parseTerm() throws -> ClaimExpression {
        try parseLeftAssociative("*/") { try $0.parseFactor() }
    }

    /// Operands joined by any of `operators`, grouped from the left (`a - b - c` is
    /// `(a - b) - c`): one precedence level of the grammar, its operands parsed by `operand`.
    mutating func parseLeftAssociative(_ operators: String,
                                       operand: (inout Self) throws -> ClaimExpression) throws -> ClaimExpression {
        var result = try operand(&self)
        while true {
            skipSpaces()
            guard position < characters.count, operators.contains(characters[position]) else { return result }
            let op = characters[position]
            position += 1
            result = .binary(op, result, try operand(&self))
        }
    }

    mutating func parseFactor() throws -> ClaimExpression {
        skipSpaces()
        guard position < characters.count else { throw Problem(message: "it ends where a number or metric was expected") }
        let c = characters[position]
        if c == "(" || c == "-" {
            guard depth < Self.maximumDepth else {
                throw Problem(message: "parentheses and minus signs nest more than \(Self.maximumDepth) deep")
            }
            depth += 1
        }
        defer { if c == "(" || c == "-" { depth -= 1 } }
        if c == "(" {
            position += 1
            let inner = try parseExpression()
            skipSpaces()
            guard position < characters.count, characters[position] == ")" else { throw Problem(message: "a `(` is not closed") }
            position += 1
            return inner
        }
        if c == "-" {
            position += 1
            return .negate(try parseFactor())
        }
        if c.isNumber || c == "." {
            let start = position
            while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
            if position < characters.count, "eE".contains(characters[position]) {
                var look = position + 1
                if look < characters.count, "+-".contains(characters[look]) { look += 1 }
                if look < characters.count, characters[look].isNumber {
                    position = look
                    while position < characters.count, characters[position].isNumber { position += 1 }
                }
            }
            let text = String(characters[start..<position])
            guard let number = Double(text) else { throw Problem(message: "`\(text)` is not a number") }
            return .number(number)
        }
        if c.isLetter || c == "_" {
            let start = position
            while position < characters.count,
                  characters[position].isLetter || characters[position].isNumber || "_.".contains(characters[position]) {
                position += 1
            }
            let path = String(characters[start..<position])
            guard !path.hasSuffix("."), !path.contains("..") else { throw Problem(message: "`\(path)` is not a metric path") }
            return .metric(path)
        }
        throw Problem(message: "unexpected `\(c)`")
    }
}
