/// Finds the known name nearest to a misspelled one, for "did you mean" hints.
public enum Suggestion {
    /// The candidate with the smallest edit distance to `name`, if it is close enough to be
    /// a plausible misspelling (at most a third of the name's length, and at least 1).
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= limit else { return nil }
        return best.0
    }

    /// The message for a `name` that is not among `known`: the `problem` ("no cell `x` in
    /// this lesson"), the nearest known name as a "did you mean" hint, then what was
    /// `expected` (by default "Expected one of: " and the known names), or `ifNone` in place
    /// of the hint and the expectation when nothing is known. Every "unknown name" message
    /// reads the same way through it:
    ///
    ///     Suggestion.message("no cell `lose` in this lesson", name: "lose", among: ["loss"])
    ///     // no cell `lose` in this lesson; did you mean `loss`? Expected one of: loss
    public static func message(_ problem: String, name: String, among known: [String], expected: String? = nil,
                               ifNone: String? = nil) -> String {
        if known.isEmpty, let ifNone { return problem + ifNone }
        var message = problem
        if let near = nearest(to: name, among: known) { message += "; did you mean `\(near)`?" }
        return message + (message.hasSuffix("?") ? "" : ".") + " "
            + (expected ?? "Expected one of: \(known.joined(separator: ", "))")
    }

    /// Levenshtein distance, counting an adjacent transposition as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
