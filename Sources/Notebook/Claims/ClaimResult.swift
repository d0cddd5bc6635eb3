import Foundation

/// A claim's outcome, recorded in `run.json` and `data/<cell>.json` and shown in the report.
///
/// A claim on plain numbers is written as before, `claim`, `line`, `holds` and `values`, so
/// reports of such claims keep their bytes; there `holds` is the verdict. A claim decided on
/// an interval also writes `verdict` (`holds`, `fails` or `undecided`) and `intervals`, one
/// per comparison; `holds` is then true only for the verdict `holds`.
public struct ClaimResult: Codable, Sendable, Equatable {
    /// The claim as written.
    public var claim: String
    /// Its line in the lesson file.
    public var line: Int
    /// Whether the claim holds, fails or is undecided.
    public var verdict: ClaimVerdict
    /// The claim with each side evaluated, e.g. `3.059 >= 2.5` (a sampled metric as its mean).
    public var values: String
    /// For a claim on sampled metrics, how each comparison was decided; empty otherwise.
    public var intervals: [ClaimInterval]

    /// Whether the claim holds (false for a failed or undecided claim).
    public var holds: Bool { verdict == .holds }

    /// A claim's outcome; `intervals` only for a claim decided on sampled metrics.
    public init(claim: String, line: Int, verdict: ClaimVerdict, values: String, intervals: [ClaimInterval] = []) {
        self.claim = claim
        self.line = line
        self.verdict = verdict
        self.values = values
        self.intervals = intervals
    }

    /// What the reports print after the values: for a sampled claim each comparison's
    /// difference, interval and method (`difference 0.008, 95% interval -0.004 to 0.02
    /// (paired t, 5 seeds)`); empty for a claim on plain numbers.
    public var intervalText: String {
        intervals.map(\.description).joined(separator: "; ")
    }

    enum CodingKeys: String, CodingKey {
        case claim, line, holds, values, verdict, intervals
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        claim = try container.decode(String.self, forKey: .claim)
        line = try container.decode(Int.self, forKey: .line)
        values = try container.decode(String.self, forKey: .values)
        let holds = try container.decode(Bool.self, forKey: .holds)
        verdict = try container.decodeIfPresent(ClaimVerdict.self, forKey: .verdict) ?? (holds ? .holds : .fails)
        intervals = try container.decodeIfPresent([ClaimInterval].self, forKey: .intervals) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(claim, forKey: .claim)
        try container.encode(line, forKey: .line)
        try container.encode(holds, forKey: .holds)
        try container.encode(values, forKey: .values)
        if !intervals.isEmpty || verdict == .undecided {
            try container.encode(verdict, forKey: .verdict)
            try container.encode(intervals, forKey: .intervals)
        }
    }
}
