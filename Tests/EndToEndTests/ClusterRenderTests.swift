import Foundation
import Notebook
import Testing

/// The settings every cluster test renders with: lesson 01 (three sweeps and a count) in
/// quick mode, from the repository's lessons.
func clusterArguments(out: String, cache: String) -> [String] {
    ["--quick", "--lessons", CommandRunner.root.appendingPathComponent("lessons").path, "--out", out, "--cache", cache]
}

/// `report.md`, figures and data of two run folders are equal byte for byte, and so is
/// `run.json` once its wall-clock fields are taken out.
func expectSameRender(_ expected: URL, _ actual: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    func files(_ folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
            }
        }
        return found.sorted()
    }
    let names = files(expected)
    #expect(names.contains("report.md") && names.contains("run.json"), sourceLocation: sourceLocation)
    #expect(files(actual) == names, sourceLocation: sourceLocation)
    for name in names where name != "run.json" {
        let a = try Data(contentsOf: expected.appendingPathComponent(name))
        let b = try? Data(contentsOf: actual.appendingPathComponent(name))
        #expect(a == b, "\(name) differs", sourceLocation: sourceLocation)
    }
    func withoutTimes(_ folder: URL) throws -> NSDictionary {
        let data = try Data(contentsOf: folder.appendingPathComponent("run.json"))
        var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        manifest["startedAt"] = nil
        manifest["seconds"] = nil
        manifest["computeSeconds"] = nil
        for runs in ["cells", "exercises"] {
            guard let entries = manifest[runs] as? [[String: Any]] else { continue }
            manifest[runs] = entries.map { entry in
                var entry = entry
                entry["seconds"] = nil
                entry["computeSeconds"] = nil
                return entry
            }
        }
        return manifest as NSDictionary
    }
    #expect(try withoutTimes(expected) == withoutTimes(actual), "run.json differs beyond its times", sourceLocation: sourceLocation)
}

/// The numbers in `shard I/N · lesson: C trials computed, H from cache, S left to other shards`.
struct ShardLine {
    var computed: Int
    var hits: Int
    var skipped: Int

    /// The summary line of a shard's output (the one starting with ✓).
    init(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("✓ shard") },
                                "no shard summary in: \(output)", sourceLocation: sourceLocation)
        let numbers = line.split(separator: ":").last!.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(numbers.count == 3, "unexpected shard summary: \(line)", sourceLocation: sourceLocation)
        (computed, hits, skipped) = (numbers[0], numbers[1], numbers[2])
    }
}

/// How many trial entries the cache at `cache` holds (one file per distinct trial).
func trialFiles(_ cache: URL) -> Int {
    let enumerator = FileManager.default.enumerator(at: cache.appendingPathComponent("trials"), includingPropertiesForKeys: nil)
    var count = 0
    while let url = enumerator?.nextObject() as? URL { if url.pathExtension == "json" { count += 1 } }
    return count
}

/// `lessonbook status`'s first line: cached and missing trials of the lesson.
func statusCounts(_ output: String) -> (cached: Int, missing: Int)? {
    guard let first = output.split(separator: "\n").first, let colon = first.firstIndex(of: ":") else { return nil }
    let numbers = first[colon...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    return numbers.count == 3 ? (numbers[0], numbers[2]) : nil
}

@Test func threeShardsAndARenderFromTheCacheWriteTheBytesOfALocalRender() throws {
    let workspace = try Workspace()
    let local = try workspace.run(["render", "width-vs-depth"] + clusterArguments(out: "local", cache: "local-cache"))
    #expect(local.status == 0, "\(local.stderr)")

    let shared = clusterArguments(out: "cluster", cache: "shared-cache")
    var computed = 0
    for shard in ["1/3", "3/3"] {
        let result = try workspace.run(["render", "width-vs-depth", "--shard", shard] + shared)
        #expect(result.status == 0, "\(result.stderr)")
        let line = try ShardLine(result.stdout)
        #expect(line.computed > 0 && line.skipped > 0, "shard \(shard) should own some trials, not all: \(result.stdout)")
        computed += line.computed
    }
    // A shard writes no report.
    #expect(!FileManager.default.fileExists(atPath: workspace.file("cluster/width-vs-depth").path))

    // With shard 2 missing, status counts what is left and a render from the cache refuses.
    let before = try workspace.run(["status", "width-vs-depth"] + shared.filter { $0 != "--out" && $0 != "cluster" })
    #expect(before.status == 0, "\(before.stderr)")
    let counts = try #require(statusCounts(before.stdout), "\(before.stdout)")
    // `status` counts look-ups: a trial that a sweep asks for twice is counted twice.
    #expect(counts.cached >= computed && counts.missing > 0, "\(before.stdout)")
    #expect(before.stdout.contains("counts (parameter-count): no sweep"))
    // (On a copy of the cache: the refused render still caches the cells it finished.)
    try FileManager.default.copyItem(at: workspace.file("shared-cache"), to: workspace.file("copied-cache"))
    let refused = try workspace.run(["render", "width-vs-depth", "--from-cache"] + clusterArguments(out: "cluster", cache: "copied-cache"))
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("lessons/01-width-vs-depth.md:") && refused.stderr.contains("not in the cache")
            && refused.stderr.contains("--shard I/N"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace.file("cluster/width-vs-depth").path))

    // Shard 2 computes the missing trials, each once (a trial that two cells of a sweep share
    // is counted by status at each use); the render then trains nothing.
    let stored = trialFiles(workspace.file("shared-cache"))
    let second = try workspace.run(["render", "width-vs-depth", "--shard", "2/3", "--jobs", "1"] + shared)
    #expect(second.status == 0, "\(second.stderr)")
    let computedBySecond = try ShardLine(second.stdout).computed
    #expect(computedBySecond > 0 && computedBySecond <= counts.missing, "\(second.stdout)")
    #expect(trialFiles(workspace.file("shared-cache")) == stored + computedBySecond)
    let after = try workspace.run(["status", "width-vs-depth"] + shared.filter { $0 != "--out" && $0 != "cluster" })
    #expect(statusCounts(after.stdout)?.missing == 0, "\(after.stdout)")
    let again = try workspace.run(["render", "width-vs-depth", "--shard", "2/3"] + shared)
    #expect(try ShardLine(again.stdout).computed == 0, "a shard run twice computes nothing new: \(again.stdout)")
    let final = try workspace.run(["render", "width-vs-depth", "--from-cache"] + shared)
    #expect(final.status == 0, "\(final.stderr)")
    try expectSameRender(workspace.file("local/width-vs-depth"), workspace.file("cluster/width-vs-depth"))
}

@Test func renderRejectsAMalformedShardAndShardsWithoutTheCache() throws {
    let workspace = try Workspace()
    for (arguments, expected) in [(["--shard", "4/3"], "expected I/N"), (["--shard", "two"], "expected I/N"),
                                  (["--shard", "1/2", "--no-cache"], "--no-cache"),
                                  (["--shard", "1/2", "--from-cache"], "expected one of them")] {
        let result = try workspace.run(["render", "width-vs-depth"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
    }
}

@Test func submitDryRunPrintsAJobArrayAndARenderJobThatWaitsForIt() throws {
    let workspace = try Workspace()
    let result = try workspace.run(["submit", "width-vs-depth", "--slurm", "--dry-run", "--shards", "5", "--partition", "short",
                                    "--time", "0:20:00", "--cpus-per-task", "2", "--mem", "2G",
                                    "--sbatch-option=--account=physics", "--sbatch-option=--qos=low",
                                    "--set", "budget.seeds=2", "--format", "png"]
                                   + clusterArguments(out: "my out", cache: "c"))
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    for line in ["#SBATCH --array=1-5", "#SBATCH --partition=short", "#SBATCH --time=0:20:00", "#SBATCH --cpus-per-task=2",
                 "#SBATCH --mem=2G", "#SBATCH --account=physics", "#SBATCH --qos=low",
                 "#SBATCH --chdir=\(workspace.url.path)", "--dependency=afterok:<array job id>",
                 "render width-vs-depth --shard \"${SLURM_ARRAY_TASK_ID}/5\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\"",
                 "render width-vs-depth --from-cache", "--set budget.seeds=2", "--out 'my out' --cache c --format png"] {
        #expect(text.contains(line), "missing `\(line)` in:\n\(text)")
    }
    #expect(text.components(separatedBy: "--quick").count == 3, "both jobs render in quick mode")
    #expect(text.contains(CommandRunner.binary.standardizedFileURL.path) || text.contains("lessonbook"))
    // A dry run writes nothing.
    #expect(!FileManager.default.fileExists(atPath: workspace.file("c").path))
}

@Test func submitSaysWhatItExpectedWhenSbatchIsMissingOrSlurmIsNotNamed() throws {
    let workspace = try Workspace()
    // A PATH with Node.js (the lesson's formulas are checked first) but no `sbatch`.
    let tools = workspace.file("tools")
    try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
    if let node = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first(where: FileManager.default.isExecutableFile) {
        try FileManager.default.createSymbolicLink(atPath: tools.appendingPathComponent("node").path, withDestinationPath: node)
    }
    let missing = try CommandRunner.run(["submit", "width-vs-depth", "--slurm"] + clusterArguments(out: "o", cache: "c"),
                                        in: workspace.url, environment: ["PATH": tools.path])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("`sbatch` command was not found on PATH (\(tools.path))")
            && missing.stderr.contains("--dry-run"), "\(missing.stderr)")
    let unnamed = try workspace.run(["submit", "width-vs-depth"])
    #expect(unnamed.status != 0)
    #expect(unnamed.stderr.contains("expected --slurm"), "\(unnamed.stderr)")
    let typo = try workspace.run(["submit", "width-vs-depth", "--slurm", "--dry-run", "--set", "budgt.seeds=2"]
                                 + clusterArguments(out: "o", cache: "c"))
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("no cell `budgt`"), "\(typo.stderr)")
}

extension Workspace {
    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, in: url)
    }
}
