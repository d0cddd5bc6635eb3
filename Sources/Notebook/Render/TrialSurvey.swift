import Foundation

/// What running a lesson's sweeps under one trial selection did, cell by cell: how many
/// trials were served from the cache, computed here, or skipped (left to other shards, or
/// missing when nothing may be computed). `lessonbook render --shard` prints it for its
/// shard and `lessonbook status` for a cached-only pass, which counts what is cached.
public struct TrialSurvey: Sendable {
    /// One cell of the lesson.
    public struct Cell: Sendable {
        /// The cell's id.
        public var id: String
        /// The cell's kind (`run:`).
        public var kind: String
        /// False for a kind without a sweep (`Experiment.hasSweep`): it was not run, and
        /// the final render computes it.
        public var hasSweep: Bool
        /// What the cell's trial cache did: hits, computed, skipped and damaged trials.
        public var counts: TrialCache.Tally.Counts
    }

    /// The lesson's name.
    public var lesson: String
    /// The lesson's cells, in order.
    public var cells: [Cell]

    /// The counts summed over every cell.
    public var total: TrialCache.Tally.Counts {
        var sum = TrialCache.Tally.Counts()
        for cell in cells {
            sum.hits += cell.counts.hits
            sum.computed += cell.counts.computed
            sum.skipped += cell.counts.skipped
            sum.damaged += cell.counts.damaged
            sum.servedSeconds += cell.counts.servedSeconds
        }
        return sum
    }
}
