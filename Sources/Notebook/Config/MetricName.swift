import Foundation

/// A metric an experiment kind reports, or a family of them: `final.train_accuracy`, or
/// `k<k>.deep_error` where `<k>` stands for one part of the name (letters, digits and
/// underscores, no dots). `<point...>` stands for one or more parts joined by dots (the
/// point names of a `train` sweep, `learning_rate_0.001.optimizer_adam`), and a part in
/// square brackets may be left out (`[<point...>.]final.test_accuracy` is also
/// `final.test_accuracy`).
///
/// A *sampled* metric is also measured once per seed (the kind puts the values in
/// `CellResult.samples` under the same name). Its cell then offers `NAME.mean`,
/// `NAME.median`, `NAME.sd`, `NAME.ci_low`, `NAME.ci_high` (the 95% t interval of the mean)
/// and `NAME.n`, and a claim naming `NAME` itself is decided on the interval of the
/// difference between its sides (`Claim.evaluate`).
///
///     public static let metrics: [MetricName] = [
///         MetricName("final.train_loss", "Training loss after the last epoch."),
///         MetricName("<optimizer>.best_loss", "Lowest loss of each optimiser's run.", sampled: true),
///     ]
public struct MetricName: Sendable, Equatable, Codable {
    /// The name, with `<placeholder>` parts.
    public var pattern: String
    /// What the number is.
    public var doc: String
    /// Whether the kind reports the metric's per-seed values too.
    public var sampled: Bool

    /// A metric (or family of metrics) named `pattern`, described by `doc`; `sampled` when the kind
    /// also reports its per-seed values in `CellResult.samples`.
    public init(_ pattern: String, _ doc: String, sampled: Bool = false) {
        self.pattern = pattern
        self.doc = doc
        self.sampled = sampled
    }

    /// A metric that reports one of the cell's settings back (`epochs`), so that prose and
    /// claims can cite it beside the results; its doc says which setting, by its lesson-side
    /// `key` (the pattern unless given):
    ///
    ///     .setting("epochs")                                  // The `epochs` setting.
    ///     .setting("rates.per_decade", key: "rates_per_decade")
    public static func setting(_ pattern: String, key: String? = nil) -> MetricName {
        MetricName(pattern, "The `\(key ?? pattern)` setting.")
    }

    /// The names a sampled metric adds, with `<placeholder>` parts kept (`adam.best_loss.mean`).
    public var derivedPatterns: [String] {
        sampled ? SampleSummary.derivedNames.map { "\(pattern).\($0)" } : []
    }

    enum CodingKeys: String, CodingKey { case pattern, doc, sampled }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pattern = try container.decode(String.self, forKey: .pattern)
        doc = try container.decode(String.self, forKey: .doc)
        sampled = try container.decodeIfPresent(Bool.self, forKey: .sampled) ?? false
    }

    /// `sampled` is written only when true, so the reference of kinds without sampled
    /// metrics reads as before.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(doc, forKey: .doc)
        if sampled { try container.encode(sampled, forKey: .sampled) }
    }

    /// Whether `name` is this metric or one of its family.
    public func matches(_ name: String) -> Bool {
        var expression = "^"
        var rest = Substring(pattern)
        while let open = rest.firstIndex(where: { "<[]".contains($0) }) {
            expression += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            switch rest[open] {
            case "[": expression += "(?:"
            case "]": expression += ")?"
            default:
                guard let close = rest[open...].firstIndex(of: ">") else {
                    expression += NSRegularExpression.escapedPattern(for: String(rest[open...]))
                    rest = rest[rest.endIndex...]
                    continue
                }
                expression += rest[open..<close].hasSuffix("...") ? "[A-Za-z0-9_.]+" : "[A-Za-z0-9_]+"
                rest = rest[rest.index(after: close)...]
                continue
            }
            rest = rest[rest.index(after: open)...]
        }
        expression += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        return name.range(of: expression, options: .regularExpression) != nil
    }
}
