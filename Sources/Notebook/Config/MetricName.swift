import Foundation

/// A metric an experiment kind reports, or a family of them: `final.train_accuracy`, or
/// `k<k>.deep_error` where `<k>` stands for one part of the name (letters, digits and
/// underscores, no dots).
public struct MetricName: Sendable, Equatable, Codable {
    /// The name, with `<placeholder>` parts.
    public var pattern: String
    /// What the number is.
    public var doc: String

    public init(_ pattern: String, _ doc: String) {
        self.pattern = pattern
        self.doc = doc
    }

    /// Whether `name` is this metric or one of its family.
    public func matches(_ name: String) -> Bool {
        var expression = "^"
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            expression += NSRegularExpression.escapedPattern(for: String(rest[..<open])) + "[A-Za-z0-9_]+"
            rest = rest[rest.index(after: close)...]
        }
        expression += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        return name.range(of: expression, options: .regularExpression) != nil
    }
}
