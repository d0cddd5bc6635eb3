import Foundation
import Testing

/// The Slurm cluster the submission tests run against: a real one (CI starts a one-node
/// cluster with `scripts/slurm-test-cluster.sh start` and sets LESSONBOOK_SLURM=1, which
/// makes these tests required). Elsewhere they run when `sinfo` answers and are skipped
/// otherwise.
enum SlurmCluster {
    /// Whether the environment says a cluster must be there (CI).
    static let required = ProcessInfo.processInfo.environment["LESSONBOOK_SLURM"] == "1"

    /// Whether a cluster answers `sinfo` with at least one node.
    static let answers: Bool = {
        guard let result = try? command("sinfo", "-h", "-o", "%D") else { return false }
        return result.status == 0 && !result.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }()

    static var shouldRun: Bool { required || answers }

    /// Runs a Slurm command found on PATH; its status and standard output.
    @discardableResult
    static func command(_ arguments: String...) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Fails the test unless a cluster answers.
    static func requireCluster() throws {
        try #require(answers, "LESSONBOOK_SLURM=1 but no Slurm cluster answers `sinfo`; start one with scripts/slurm-test-cluster.sh start")
    }

    /// Waits until none of `jobs` is pending or running (a safety limit only: a job that
    /// never ends fails the test instead of hanging the suite).
    static func waitUntilGone(_ jobs: [String]) throws {
        let deadline = Date().addingTimeInterval(900)
        while Date() < deadline {
            let listed = try command("squeue", "-h", "-j", jobs.joined(separator: ","), "-o", "%i").output
            if listed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("jobs \(jobs) still queued after 15 minutes")
    }

    /// The `JobState` of every job (every array task) with this id.
    static func states(_ job: String) throws -> [String] {
        try command("scontrol", "-o", "show", "job", job).output.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
        }
    }
}

/// The job ids `lessonbook submit` printed.
struct SubmittedJobs {
    var array: String
    var render: String

    init(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // `  job array 12: ...` and `  job 13: the report ...`
        let words = output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let arrayLine = words.first { $0.count > 2 && $0[0] == "job" && $0[1] == "array" }
        let renderLine = words.first { $0.count > 1 && $0[0] == "job" && $0[1].dropLast().allSatisfy(\.isNumber) }
        array = try #require(arrayLine.map { String($0[2].dropLast()) }, "no array job id in: \(output)",
                             sourceLocation: sourceLocation)
        render = try #require(renderLine.map { String($0[1].dropLast()) }, "no render job id in: \(output)",
                              sourceLocation: sourceLocation)
    }

    /// The summary lines of the array's shard logs, by shard number.
    func shardLines(logs: URL, shards: Int) throws -> [ShardLine] {
        try (1...shards).map { shard in
            let log = logs.appendingPathComponent("shard-\(array)_\(shard).log")
            return try ShardLine(try String(contentsOf: log, encoding: .utf8))
        }
    }
}

@Suite(.serialized, .enabled(if: SlurmCluster.shouldRun,
                             "no Slurm cluster answers `sinfo` (scripts/slurm-test-cluster.sh start runs one; LESSONBOOK_SLURM=1 requires it)"))
struct SlurmSubmitTests {
    @Test func aLessonSubmittedInThreeShardsRendersTheBytesOfALocalRender() throws {
        try SlurmCluster.requireCluster()
        let workspace = try Workspace()
        let local = try workspace.run(["render", "width-vs-depth"] + clusterArguments(out: "local", cache: "local-cache"))
        #expect(local.status == 0, "\(local.stderr)")

        let submitted = try workspace.run(["submit", "width-vs-depth", "--slurm", "--shards", "3", "--cpus-per-task", "1",
                                           "--time", "0:15:00"] + clusterArguments(out: "cluster", cache: "cluster-cache"))
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let jobs = try SubmittedJobs(submitted.stdout)
        #expect(submitted.stdout.contains("squeue -j \(jobs.array),\(jobs.render)"))
        try SlurmCluster.waitUntilGone([jobs.array, jobs.render])

        #expect(try SlurmCluster.states(jobs.array) == ["COMPLETED", "COMPLETED", "COMPLETED"])
        #expect(try SlurmCluster.states(jobs.render) == ["COMPLETED"])
        let logs = workspace.file("cluster-cache/slurm/width-vs-depth")
        let shards = try jobs.shardLines(logs: logs, shards: 3)
        // Every shard trained trials of its own, nothing was trained twice, nothing is missing.
        #expect(shards.allSatisfy { $0.computed > 0 }, "\(shards)")
        #expect(shards.map(\.computed).reduce(0, +) == trialFiles(workspace.file("cluster-cache")), "\(shards)")
        let status = try workspace.run(["status", "width-vs-depth", "--quick", "--lessons",
                                        CommandRunner.root.appendingPathComponent("lessons").path, "--cache", "cluster-cache"])
        let counts = try #require(statusCounts(status.stdout), "\(status.stdout)\(status.stderr)")
        #expect(counts.cached > 0 && counts.missing == 0, "\(status.stdout)")
        try expectSameRender(workspace.file("local/width-vs-depth"), workspace.file("cluster/width-vs-depth"))
    }

    @Test func submittingAgainAfterACancelledShardTrainsOnlyTheMissingTrials() throws {
        try SlurmCluster.requireCluster()
        let workspace = try Workspace()
        let local = try workspace.run(["render", "width-vs-depth"] + clusterArguments(out: "local", cache: "local-cache"))
        #expect(local.status == 0, "\(local.stderr)")
        let arguments = ["submit", "width-vs-depth", "--slurm", "--shards", "3", "--cpus-per-task", "1"]
            + clusterArguments(out: "cluster", cache: "cluster-cache")

        // Held at submission, so shard 2 is cancelled before it can start.
        let held = try workspace.run(arguments + ["--sbatch-option=--hold"])
        #expect(held.status == 0, "\(held.stderr)")
        let first = try SubmittedJobs(held.stdout)
        try SlurmCluster.command("scancel", "\(first.array)_2")
        try SlurmCluster.command("scontrol", "release", first.array)
        try SlurmCluster.command("scontrol", "release", first.render)
        try SlurmCluster.waitUntilGone([first.array, first.render])
        // Shards 1 and 3 ran; the report job cannot run without shard 2, so it was cancelled.
        #expect(try SlurmCluster.states(first.array).filter { $0 == "COMPLETED" }.count == 2)
        #expect(try SlurmCluster.states(first.render) == ["CANCELLED"])
        #expect(!FileManager.default.fileExists(atPath: workspace.file("cluster/width-vs-depth/report.md").path))

        let status = try workspace.run(["status", "width-vs-depth", "--quick", "--lessons",
                                        CommandRunner.root.appendingPathComponent("lessons").path, "--cache", "cluster-cache"])
        let before = try #require(statusCounts(status.stdout), "\(status.stdout)\(status.stderr)")
        #expect(before.cached > 0 && before.missing > 0, "\(status.stdout)")

        let stored = trialFiles(workspace.file("cluster-cache"))
        let again = try workspace.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        let second = try SubmittedJobs(again.stdout)
        try SlurmCluster.waitUntilGone([second.array, second.render])
        #expect(try SlurmCluster.states(second.render) == ["COMPLETED"])
        let shards = try second.shardLines(logs: workspace.file("cluster-cache/slurm/width-vs-depth"), shards: 3)
        // Shards 1 and 3 found their trials cached; shard 2 trained the missing ones, each once.
        #expect(shards[0].computed == 0 && shards[2].computed == 0, "\(shards)")
        #expect(shards[1].computed > 0 && shards[1].computed <= before.missing, "\(shards)")
        #expect(trialFiles(workspace.file("cluster-cache")) == stored + shards[1].computed)
        let finished = try workspace.run(["status", "width-vs-depth", "--quick", "--lessons",
                                          CommandRunner.root.appendingPathComponent("lessons").path, "--cache", "cluster-cache"])
        #expect(statusCounts(finished.stdout)?.missing == 0, "\(finished.stdout)")
        try expectSameRender(workspace.file("local/width-vs-depth"), workspace.file("cluster/width-vs-depth"))
    }
}
