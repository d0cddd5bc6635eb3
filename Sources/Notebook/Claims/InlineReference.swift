import Foundation

/// A `{{cell.metric}}` or `{{cell.metric:format}}` reference in prose.
public struct InlineReference: Sendable, Equatable {
    /// The cell id (first path segment).
    public var cell: String
    /// The metric name within the cell (`final.train_accuracy`).
    public var metric: String
    /// How the number prints: the part after the colon, or `.automatic` when there is none.
    public var format: NumberFormat
    /// The text as written, braces included.
    public var text: String
    /// The 1-based line of the file it is on.
    public var line: Int
    /// Character range in the prose block.
    var range: Range<String.Index>

    /// Finds every reference in a prose block starting at `firstLine`. Throws for a
    /// reference that is not `cell.metric` or has an unknown format.
    static func scan(_ prose: String, firstLine: Int, path: String) throws -> [InlineReference] {
        var references: [InlineReference] = []
        var searchStart = prose.startIndex
        // Lines are counted from the previous reference on, so a long block stays linear.
        var line = firstLine, counted = prose.startIndex
        while let open = prose.range(of: "{{", range: searchStart..<prose.endIndex) {
            guard let close = prose.range(of: "}}", range: open.upperBound..<prose.endIndex) else { break }
            line += prose[counted..<open.lowerBound].filter { $0 == "\n" }.count
            counted = open.lowerBound
            let inner = prose[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let text = String(prose[open.lowerBound..<close.upperBound])
            let parts = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let path_ = parts[0].trimmingCharacters(in: .whitespaces)
            let segments = path_.split(separator: ".", omittingEmptySubsequences: false)
            guard segments.count >= 2, segments.allSatisfy({ !$0.isEmpty }) else {
                throw NotebookError(file: path, line: line, key: text, message:
                    "expected a reference `{{cell.metric}}` or `{{cell.metric:.3f}}`")
            }
            var format = NumberFormat.automatic
            if parts.count == 2 {
                guard let parsed = NumberFormat(String(parts[1])) else {
                    throw NotebookError(file: path, line: line, key: text, message:
                        "unknown format `\(parts[1])`; expected one of .3f, .1%, d, , (thousands), ,.2f, .2e")
                }
                format = parsed
            }
            references.append(InlineReference(
                cell: String(segments[0]), metric: segments.dropFirst().joined(separator: "."),
                format: format, text: text, line: line, range: open.lowerBound..<close.upperBound))
            searchStart = close.upperBound
        }
        return references
    }
}
