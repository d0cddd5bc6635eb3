import Foundation

/// The lesson author's reference for one experiment kind: its parameters (type, default,
/// quick default, allowed values, doc text), its metrics and the figures and tables it can
/// `show`, all read from the kind's own declarations. `lessonbook kinds KIND` prints it;
/// `--json` writes it for tools.
///
///     let reference = KindReference(Catalogue.byKind["sawtooth"]!)
///     print(reference.text)                              // what `lessonbook kinds sawtooth` prints
///     let json = try JSONEncoder().encode(reference)     // `--json` writes it encoded (sorted keys)
public struct KindReference: Codable, Sendable, Equatable {
    /// One parameter.
    public struct Entry: Codable, Sendable, Equatable {
        /// The lesson-side (snake_case) name a cell writes under `with:`.
        public var name: String
        /// The type in words (`whole number`, `list of numbers`, `true or false`).
        public var type: String
        /// The default, as encoded from the kind's `Config()`; nil for a field of a mapping.
        public var `default`: ConfigValue?
        /// The value `--quick` uses, when the kind's quick profile changes it.
        public var quick: ConfigValue?
        /// The accepted values in words (`ParameterInfo.allowed`); nil when any value of the type will do.
        public var allowed: String?
        /// The names a choice parameter accepts; nil for other types.
        public var choices: [String]?
        /// What the parameter means (the doc text of its `Parameter` declaration).
        public var doc: String
        /// For a mapping or a list of mappings: the fields of each mapping.
        public var fields: [Entry]?

        init(_ info: ParameterInfo, default value: ConfigValue?, quick: ConfigValue?) {
            name = info.name
            type = info.type.words()
            self.default = value
            self.quick = quick
            allowed = info.allowed
            if case .choice(let names) = info.type { choices = names }
            doc = info.doc
            if case .records(let records) = info.type {
                fields = records.map { Entry($0, default: nil, quick: nil) }
            }
            if case .record(let record) = info.type {
                fields = record.map { Entry($0, default: nil, quick: nil) }
            }
        }
    }

    /// The kind's name, as `run:` writes it.
    public var kind: String
    /// The kind's version (`Experiment.version`).
    public var version: Int
    /// The kind's one-line summary.
    public var summary: String
    /// Every declared parameter, in the configuration's order.
    public var parameters: [Entry]
    /// The metrics a run reports, as names or patterns.
    public var metrics: [MetricName]
    /// Names `show:` accepts.
    public var outputs: [String]
    /// How to use the kind, with an example (empty for most kinds).
    public var guide: String

    /// Reads the reference from a catalogued kind: its declarations, defaults and quick profile.
    public init(_ experiment: AnyExperiment) {
        kind = experiment.kind
        version = experiment.version
        summary = experiment.summary
        parameters = experiment.parameters.map {
            Entry($0, default: experiment.defaults[$0.name], quick: experiment.quickProfile[$0.name])
        }
        metrics = experiment.metrics
        outputs = experiment.outputs
        guide = experiment.guide
    }

    /// The reference as text for a terminal.
    public var text: String {
        var lines = ["\(kind) (version \(version))"] + Self.wrap(summary, indent: "")
        lines += ["", "Parameters (under `with:` or `quick:` in a cell, or --set CELL.NAME=VALUE):"]
        for entry in parameters { lines += Self.describe(entry, indent: "  ") }
        lines += ["", "Metrics (for `expect:` and {{CELL.NAME}}):"]
        let width = min(44, metrics.map(\.pattern.count).max() ?? 0)
        for metric in metrics {
            let name = metric.pattern.padding(toLength: max(width, metric.pattern.count), withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(metric.doc)" + (metric.sampled ? " (per seed*)" : ""))
        }
        if metrics.contains(where: \.sampled) {
            lines += [""] + Self.wrap("* Measured once per seed: the cell also offers NAME.mean, NAME.median, NAME.sd, NAME.ci_low and NAME.ci_high (the 95% t interval of the mean) and NAME.n; NAME alone is the kind's number, and a claim on NAME is decided on the 95% interval of the difference between its sides (holds, fails or undecided).", indent: "  ")
        }
        lines += ["", "Figures and tables (for `show:`): " + outputs.joined(separator: ", ")]
        if !guide.isEmpty { lines += ["", guide] }
        return lines.joined(separator: "\n")
    }

    static func describe(_ entry: Entry, indent: String) -> [String] {
        var head = "\(indent)\(entry.name): \(entry.type)"
        if let value = entry.default { head += " = \(value.shortDescription)" }
        if let quick = entry.quick { head += " (quick: \(quick.shortDescription))" }
        var lines = [head] + wrap(entry.doc, indent: indent + "    ")
        if let allowed = entry.allowed { lines += wrap("Allowed: \(allowed).", indent: indent + "    ") }
        for field in entry.fields ?? [] { lines += describe(field, indent: indent + "    ") }
        return lines
    }

    /// Words wrapped to lines of at most 92 characters.
    static func wrap(_ text: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count && line.count + 1 + word.count > 92 {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines
    }
}
