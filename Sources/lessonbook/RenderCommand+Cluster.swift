import ArgumentParser
import Foundation
import Notebook

/// `render --shard` and `render --from-cache`: checks and the shard run.
extension RenderCommand {
    func validate() throws {
        if Edition(rawValue: edition) == nil {
            throw ValidationError("--edition: unknown edition `\(edition)`; expected instructor or student")
        }
        _ = try clusterOptions.parsedShard()
        if clusterOptions.shard != nil && clusterOptions.fromCache {
            throw ValidationError("--shard computes trials and --from-cache computes none; expected one of them")
        }
        if runOptions.noCache && (clusterOptions.shard != nil || clusterOptions.fromCache) {
            throw ValidationError("--no-cache: a cluster run meets in the trial cache; expected --shard and --from-cache without --no-cache")
        }
    }

    /// `render --shard I/N`: computes this shard's trials of every planned lesson into the
    /// cache and prints, per cell, how many it computed, found cached and left to others.
    func runShard(_ shard: Shard, plans: [LessonPlan], renderer: LessonRenderer, display: ProgressDisplay) throws {
        let selection = TrialCache.Selection.shard(index: shard.number - 1, count: shard.count)
        for plan in plans {
            let survey = try renderer.runTrials(plan, selection: selection)
            display.clear()
            guard !runOptions.quiet else { continue }
            for cell in survey.cells {
                let counts = cell.counts
                let what = cell.hasSweep
                    ? "\(counts.computed) trials computed, \(counts.hits) from cache, \(counts.skipped) left to other shards"
                    : "no sweep (computed by the final render)"
                print("shard \(shard.text) · \(survey.lesson) · cell `\(cell.id)` (\(cell.kind)): \(what)")
            }
            let total = survey.total
            print("✓ shard \(shard.text) · \(survey.lesson): \(total.computed) trials computed, \(total.hits) from cache, \(total.skipped) left to other shards")
        }
    }

    typealias Shard = ClusterRenderOptions.Shard
}
