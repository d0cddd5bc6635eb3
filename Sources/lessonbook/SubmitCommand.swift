import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook submit LESSON --slurm`: renders a lesson on a Slurm cluster, its sweep
/// trials spread over a job array and the report written by one job after them.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Render a lesson on a Slurm cluster: its sweep trials as a job array, then the report.",
        discussion: """
        Writes two batch scripts under CACHE/slurm/<lesson>/ and submits them with sbatch: \
        a job array of --shards tasks, task I running `lessonbook render LESSON --shard I/N` \
        (shard I's trials of the lesson's sweeps into the trial cache), and one job that waits \
        for the whole array (afterok) and runs `lessonbook render LESSON --from-cache`, which \
        writes the report training no trial. The settings (--set, --quick, --out, --cache, \
        --lessons, --format) are passed to both unchanged and the jobs run in the current \
        folder, so the report is byte for byte what a local render writes. The cache folder, \
        this folder and the lessonbook executable must be on a file system every node sees.

        A shard that fails or is cancelled leaves its finished trials in the cache, and the \
        report job is then cancelled; submitting again runs only the missing trials. \
        `lessonbook status LESSON` counts the cached trials.

        Examples:
          lessonbook submit batch-size-vs-learning-rate --slurm --shards 8 --partition short \\
              --time 0:30:00 --cpus-per-task 4 --mem 4G
          lessonbook submit width-vs-depth --slurm --quick --shards 3 --dry-run
          lessonbook submit double-descent --slurm --sbatch-option=--account=physics
        """)

    @Argument(help: ArgumentHelp("The lesson, by name or path.", valueName: "lesson"))
    var lessonName: String

    @Flag(name: .long, help: "Submit to Slurm with sbatch (the scheduler lessonbook submits to).")
    var slurm = false

    @Option(name: .long, help: ArgumentHelp("How many tasks the trials are divided among.", valueName: "n"))
    var shards = 4

    @Option(name: .long, help: ArgumentHelp("The Slurm partition (default: the cluster's default).", valueName: "name"))
    var partition: String?

    @Option(name: .long, help: ArgumentHelp("Time limit of each job, in Slurm's format (30, 1:00:00, 1-0).", valueName: "limit"))
    var time: String?

    @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp("Cores per job; a job runs that many trials at once.", valueName: "n"))
    var cpusPerTask: Int?

    @Option(name: .long, help: ArgumentHelp("Memory per node of each job, in Slurm's format (4G, 500M).", valueName: "size"))
    var mem: String?

    @Option(name: .customLong("sbatch-option"), help: ArgumentHelp(
        "A further #SBATCH line for both scripts, e.g. --sbatch-option=--account=physics (repeatable).", valueName: "option"))
    var sbatchOptions: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Print the batch scripts and the sbatch commands instead of submitting.")
    var dryRun = false

    @OptionGroup var lessonOptions: LessonOptions

    @Option(name: .long, help: ArgumentHelp("Where the report goes, passed to render (default output/, or output/quick/).", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("The cache folder the jobs meet in; on a shared file system.", valueName: "dir"))
    var cache = ".lessonbook-cache"

    @Option(name: .long, help: ArgumentHelp("Figure formats, passed to render (default png,svg).", valueName: "png,svg"))
    var format: String?

    func validate() throws {
        guard slurm else {
            throw ValidationError("expected --slurm: Slurm is the scheduler `lessonbook submit` submits to, e.g. lessonbook submit \(lessonName) --slurm")
        }
        guard shards >= 1 else { throw ValidationError("--shards: expected a whole number 1 or larger, found \(shards)") }
        if let cpusPerTask, cpusPerTask < 1 {
            throw ValidationError("--cpus-per-task: expected a whole number 1 or larger, found \(cpusPerTask)")
        }
        for (name, value) in [("--partition", partition), ("--time", time), ("--mem", mem)] {
            if let value, value.isEmpty || value.contains(where: \.isWhitespace) {
                throw ValidationError("\(name) \(value): expected one word without spaces")
            }
        }
        for option in sbatchOptions where !option.hasPrefix("-") || option.contains(where: \.isNewline) {
            throw ValidationError("--sbatch-option \(option): expected one sbatch option on one line, starting with `-`, e.g. --sbatch-option=--account=physics")
        }
    }

    func run() throws {
        let display = ProgressDisplay(quiet: true)
        try display.exitingOnError {
            // Check the lesson and its settings here, before anything waits in a queue.
            let entry = try LessonSelection(directory: lessonOptions.lessons).select([lessonName])[0]
            let lesson = try LessonParser.parse(contentsOf: entry.url, path: entry.path)
            _ = try LessonPlanner(catalogue: Catalogue.byKind, quick: lessonOptions.quick,
                                  overrides: try lessonOptions.parsedOverrides()).plan(lesson)

            let here = FileManager.default.currentDirectoryPath
            let logFolder = URL(fileURLWithPath: cache, relativeTo: URL(fileURLWithPath: here, isDirectory: true))
                .appendingPathComponent("slurm").appendingPathComponent(lesson.name).standardizedFileURL
            let script = SlurmScript(
                executable: Self.executablePath, workingDirectory: here, lesson: lessonName, lessonName: lesson.name,
                arguments: passedArguments, shards: shards,
                resources: .init(partition: partition, time: time, cpusPerTask: cpusPerTask, mem: mem, extra: sbatchOptions),
                logFolder: logFolder.path)
            let shardFile = logFolder.appendingPathComponent("shards.sbatch")
            let renderFile = logFolder.appendingPathComponent("render.sbatch")

            if dryRun {
                print("# \(shardFile.path), submitted with: sbatch --parsable \(shardFile.path)")
                print(script.shardScript)
                let dependency = SlurmScript.dependencyOptions(arrayJob: "<array job id>").joined(separator: " ")
                print("# \(renderFile.path), submitted with: sbatch --parsable \(dependency) \(renderFile.path)")
                print(script.renderScript, terminator: "")
                return
            }

            let client = try SlurmClient.find()
            try FileManager.default.createDirectory(at: logFolder, withIntermediateDirectories: true)
            try Data(script.shardScript.utf8).write(to: shardFile, options: .atomic)
            try Data(script.renderScript.utf8).write(to: renderFile, options: .atomic)
            let array = try client.submit(shardFile)
            let render: String
            do {
                render = try client.submit(renderFile, options: SlurmScript.dependencyOptions(arrayJob: array))
            } catch {
                throw NotebookError(file: renderFile.path, message:
                    "the shards were submitted as job array \(array), but the render job was not: \(error). Cancel the array with `scancel \(array)`, or submit the render job yourself with `sbatch \(SlurmScript.dependencyOptions(arrayJob: array).joined(separator: " ")) \(renderFile.path)`")
            }
            let logs = logFolder.path
            print("""
            Submitted \(lesson.name)\(lessonOptions.quick ? " (quick)" : "") to Slurm:
              job array \(array): \(shards) shard\(shards == 1 ? "" : "s") computing the sweep trials (logs \(logs)/shard-\(array)_<I>.log)
              job \(render): the report, once every shard has finished (log \(logs)/render-\(render).log)
            Follow them:    squeue -j \(array),\(render)
            Cached trials:  \(statusCommand)
            Cancel:         scancel \(array) \(render)
            A shard that fails or is cancelled keeps its finished trials; submitting again runs only the missing ones.
            """)
        }
    }

    /// The settings `render` takes, exactly as given here.
    var passedArguments: [String] {
        var arguments: [String] = []
        if lessonOptions.lessons != "lessons" { arguments += ["--lessons", lessonOptions.lessons] }
        if lessonOptions.quick { arguments.append("--quick") }
        for override in lessonOptions.overrides { arguments += ["--set", override] }
        if let out { arguments += ["--out", out] }
        arguments += ["--cache", cache]
        if let format { arguments += ["--format", format] }
        return arguments
    }

    /// The `lessonbook status` command for this lesson and these settings.
    var statusCommand: String {
        var words = ["lessonbook", "status", lessonName]
        if lessonOptions.lessons != "lessons" { words += ["--lessons", lessonOptions.lessons] }
        if lessonOptions.quick { words.append("--quick") }
        for override in lessonOptions.overrides { words += ["--set", override] }
        words += ["--cache", cache]
        return words.map(SlurmScript.quoted).joined(separator: " ")
    }

    /// This executable's absolute path, which the jobs run.
    static var executablePath: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
