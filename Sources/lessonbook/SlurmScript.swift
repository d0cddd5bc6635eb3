import Foundation

/// The two batch scripts of a cluster render of one lesson: a job array whose task I runs
/// `lessonbook render LESSON --shard I/N` (the shard's trials into the shared cache), and
/// a render job, submitted with `--dependency=afterok:<array>`, that runs
/// `lessonbook render LESSON --from-cache` and writes the report training no trial. Both
/// pass the lesson's settings through unchanged and run in the folder `submit` ran in, so
/// the cluster's report is byte for byte the one a local render writes.
struct SlurmScript {
    /// The scheduler settings, each written as one `#SBATCH` line when given.
    struct Resources {
        var partition: String?
        var time: String?
        var cpusPerTask: Int?
        var mem: String?
        /// Further `#SBATCH` lines as written (`--account=physics`, `--qos=short`).
        var extra: [String] = []
    }

    /// The absolute path of the `lessonbook` executable the jobs run (on a shared file system).
    var executable: String
    /// The folder the jobs run in (`--chdir`), which relative paths in `arguments` mean.
    var workingDirectory: String
    /// The lesson as given to `submit` (a name or a path).
    var lesson: String
    /// The lesson's name, for job names and log files.
    var lessonName: String
    /// The settings given to `submit` that `render` takes, as command-line arguments.
    var arguments: [String]
    var shards: Int
    var resources: Resources
    /// Where the scripts and the jobs' logs go.
    var logFolder: String

    /// The job array: one task per shard.
    var shardScript: String {
        var lines = header(name: "lessonbook-\(lessonName)-shards",
                           output: "\(logFolder)/shard-%A_%a.log")
        lines.insert("#SBATCH --array=1-\(shards)", at: 2)
        lines.append("# Task I of the array computes shard I of \(shards) of the lesson's sweep trials into the cache.")
        lines.append(command(["render", lesson, "--shard"], "\"${SLURM_ARRAY_TASK_ID}/\(shards)\""))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The render job, submitted after the array with `dependencyOption(arrayJob:)`.
    var renderScript: String {
        var lines = header(name: "lessonbook-\(lessonName)-render", output: "\(logFolder)/render-%j.log")
        lines.append("# Runs after every shard succeeded: writes the report from the cached trials, training none.")
        lines.append(command(["render", lesson, "--from-cache"], nil))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `sbatch` options that make the render job wait for the whole array, and go
    /// away (rather than wait forever) when a shard fails or is cancelled.
    static func dependencyOptions(arrayJob: String) -> [String] {
        ["--dependency=afterok:\(arrayJob)", "--kill-on-invalid-dep=yes"]
    }

    private func header(name: String, output: String) -> [String] {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(name)"]
        lines.append("#SBATCH --output=\(output)")
        lines.append("#SBATCH --chdir=\(workingDirectory)")
        if let partition = resources.partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time = resources.time { lines.append("#SBATCH --time=\(time)") }
        if let cpus = resources.cpusPerTask { lines.append("#SBATCH --cpus-per-task=\(cpus)") }
        if let mem = resources.mem { lines.append("#SBATCH --mem=\(mem)") }
        for option in resources.extra { lines.append("#SBATCH \(option)") }
        lines.append("set -eu")
        return lines
    }

    /// `exec lessonbook <leading> [<shard value>] --jobs <cpus> <arguments>`, every fixed
    /// word quoted for the shell.
    private func command(_ leading: [String], _ shardValue: String?) -> String {
        var words = ([executable] + leading).map(Self.quoted)
        if let shardValue { words.append(shardValue) }
        words += ["--jobs", "\"${SLURM_CPUS_PER_TASK:-1}\""]
        words += arguments.map(Self.quoted)
        return "exec " + words.joined(separator: " ")
    }

    /// `text` in single quotes for a POSIX shell.
    static func quoted(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !text.isEmpty && text.allSatisfy(plain.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
