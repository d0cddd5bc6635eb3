import Foundation

/// A claim from a cell's `expect:` list: comparisons between arithmetic expressions over
/// metric paths and numbers, such as `ratio.width >= 2.5`, `(a + b) / 2 < 0.1` or the chain
/// `2.5 < ratio.width < 3.5`. Every comparison of a chain must hold.
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

    /// Evaluates the claim; `value` gives each metric path's number (or throws if unknown).
    public func evaluate(_ value: (String) throws -> Double) rethrows -> ClaimResult {
        let values = try terms.map { try $0.evaluate(value) }
        var holds = true
        for (index, op) in operators.enumerated() where !op.holds(values[index], values[index + 1]) {
            holds = false
        }
        var shown = NumberFormat.claimValue(values[0])
        for (index, op) in operators.enumerated() {
            shown += " \(op.rawValue) " + NumberFormat.claimValue(values[index + 1])
        }
        return ClaimResult(claim: text, line: line, holds: holds, values: shown)
    }
}

/// A claim's outcome, recorded in `run.json` and `data/<cell>.json` and shown in the report.
public struct ClaimResult: Codable, Sendable, Equatable {
    /// The claim as written.
    public var claim: String
    /// Its line in the lesson file.
    public var line: Int
    public var holds: Bool
    /// The claim with each side evaluated, e.g. `3.059 >= 2.5`.
    public var values: String

    public init(claim: String, line: Int, holds: Bool, values: String) {
        self.claim = claim
        self.line = line
        self.holds = holds
        self.values = values
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

    mutating func parseExpression() throws -> ClaimExpression {
        var result = try parseTerm()
        while true {
            skipSpaces()
            guard position < characters.count, "+-".contains(characters[position]) else { return result }
            let op = characters[position]
            position += 1
            result = .binary(op, result, try parseTerm())
        }
    }

    mutating func parseTerm() throws -> ClaimExpression {
        var result = try parseFactor()
        while true {
            skipSpaces()
            guard position < characters.count, "*/".contains(characters[position]) else { return result }
            let op = characters[position]
            position += 1
            result = .binary(op, result, try parseFactor())
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
