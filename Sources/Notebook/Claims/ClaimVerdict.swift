/// What a check of a claim concluded. A claim on plain numbers either holds or fails; a
/// claim on metrics measured over seeds is decided on the 95% interval of the difference
/// between its sides, and is undecided while that interval straddles the claimed side.
public enum ClaimVerdict: String, Codable, Sendable, CaseIterable {
    /// The claim is true (for a sampled claim: the whole interval is on the claimed side).
    case holds
    /// The claim is false (the whole interval is on the other side).
    case fails
    /// The interval straddles the boundary, or there are too few seeds for one: the noise
    /// is as large as the claimed difference, so the run cannot say.
    case undecided

    /// The mark the reports put before the claim (HTML colours the line by it).
    public var mark: String {
        switch self {
        case .holds: return "✓"
        case .fails: return "✗"
        case .undecided: return "?"
        }
    }
}
