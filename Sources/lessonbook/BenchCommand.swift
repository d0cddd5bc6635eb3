import ArgumentParser
import Experiments
import Foundation

/// `lessonbook bench`: runs the benchmark workloads of the shared bench and prints one
/// JSON line per workload (`--json`, the format `compare.sh` reads) or a table.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark workloads (W1 spiral training, W2 batch grid, W3 double descent, W4 figures).")

    @Flag(name: .long, help: "Print one JSON object per workload on stdout.")
    var json = false

    @Option(name: .long, help: "Comma-separated workloads to run, e.g. W1,W3 (default: all).")
    var only: String?

    @Option(name: .long, help: "Timed runs per workload; the median is reported.")
    var repeats: Int = 5

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats: expected a positive whole number, found \(repeats)") }
        if let only {
            let known = Set(Benchmarks.all.map(\.name))
            let asked = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            if let bad = asked.first(where: { !known.contains($0) }) {
                throw ValidationError("--only: unknown workload \(bad); expected some of \(known.sorted().joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let asked = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if !json {
            print("workload  seconds (median)  repeats  check")
        }
        for workload in Benchmarks.all where asked?.contains(workload.name) ?? true {
            do {
                let result = try workload.run(repeats)
                if json {
                    let line = try encoder.encode(result)
                    print(String(decoding: line, as: UTF8.self))
                } else {
                    print(workload.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                          + String(format: "%16.4f  %7d  %g", result.seconds, result.repeats, result.check))
                }
                fflush(stdout)
            } catch {
                FileHandle.standardError.write(Data("\(workload.name) skipped: \(error)\n".utf8))
            }
        }
    }
}
