/// A cell's `seeds: {min: 5, max: 30}`: run the cell's kind with `min` seeds, and while a
/// claim of the cell is undecided, run it again with more, up to `max`. The counts follow
/// a fixed schedule (`schedule`), so the same lesson and settings always use the same
/// seeds; each seed is a cached trial of the kind, so earlier seeds are not trained again.
public struct AdaptiveSeeds: Codable, Sendable, Equatable {
    /// Seeds of the first run (at least 1; with 1 there is no interval yet, so a run with
    /// a claim on per-seed values always goes on to 2).
    public var min: Int
    /// The most seeds a run may use.
    public var max: Int

    /// A range of seed counts, as parsed from the cell (the parser checks `1 <= min <= max`).
    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    /// The seed counts tried in turn: `min`, then doubling, the last capped at `max`
    /// (`{min: 5, max: 30}` gives 5, 10, 20, 30).
    public var schedule: [Int] {
        var counts = [min]
        while let last = counts.last, last < max { counts.append(Swift.min(last * 2, max)) }
        return counts
    }
}
