import ArgumentParser
import Foundation

/// The `render` options that a cluster run uses: one shard of a lesson's sweep trials (a
/// task of a job array), or the final render that trains nothing and reads every trial
/// from the cache. `lessonbook submit --slurm` writes both into its batch scripts.
struct ClusterRenderOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Compute only shard I of N of the lessons' sweep trials (I from 1 to N) into the cache, and write no report. Every trial always falls in the same shard.",
        valueName: "I/N"))
    var shard: String?

    @Flag(name: .customLong("from-cache"), help: "Train no trial of a sweep: every one must already be in the cache (the final job of `lessonbook submit`); a missing trial is an error naming its cell.")
    var fromCache = false

    /// One shard of N, numbered from 1.
    struct Shard {
        var number: Int
        var count: Int
        var text: String { "\(number)/\(count)" }
    }

    /// --shard, parsed (nil when not given).
    func parsedShard() throws -> Shard? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(number) else {
            throw ValidationError("--shard \(shard): expected I/N with whole numbers 1 <= I <= N, for example --shard 2/4")
        }
        return Shard(number: number, count: count)
    }
}
