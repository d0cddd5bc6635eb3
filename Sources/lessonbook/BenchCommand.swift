import ArgumentParser
import Experiments
import Foundation

/// `lessonbook bench`: runs the benchmark workloads of the shared bench and prints one
/// JSON line per workload (`--json`, the format `compare.sh` reads) or a table.
struct BenchCommand: ParsableCommand {
    /// The width of the table's first column: the longest workload name
    /// (`PNG zlib-rle/sub-up`) and a gap, so every row lines up with the header.
    static let nameWidth = 22

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark workloads (W1 spiral training, W2 batch grid, W3 double descent, W4 figures, W5 convolutional network).",
        discussion: "`--only PNG` (not run by default) measures PNG compression instead: the same figures encoded with the plotter's own DEFLATE and with zlib at level 1, level 6 and Z_RLE, one line each (check: bytes written). `--only MARKERS` measures scatter markers: W4's figures drawn with markers as Cairo paths and as stamps (check: mean change per colour channel against paths). `--only TRAIN` times one trial of the `train` kind against the optimiser lesson's own trial with the same configuration (check: final validation accuracy, the same in both).")

    @Flag(name: .long, help: "Print one JSON object per workload on stdout.")
    var json = false

    @Option(name: .long, help: "Comma-separated workloads to run, e.g. W1,W3 (default: W1 to W5), or PNG, or MARKERS, or TRAIN.")
    var only: String?

    @Option(name: .long, help: "For PNG: encode the PNG files in the `figures` folders under this folder (e.g. output) instead of W4's figures.")
    var figures: String?

    @Option(name: .long, help: "Timed runs per workload; the median is reported.")
    var repeats: Int = 5

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats: expected a positive whole number, found \(repeats)") }
        if let only {
            let known = Set(Benchmarks.all.map(\.name) + [PNGEncodingBench.name, MarkerRasterizationBench.name, TrainTrialBench.name])
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
            print("workload".padding(toLength: BenchCommand.nameWidth, withPad: " ", startingAt: 0)
                  + "seconds (median)  repeats  check")
        }
        func show(_ result: BenchResult) throws {
            if json {
                let line = try encoder.encode(result)
                print(String(decoding: line, as: UTF8.self))
            } else {
                let name = result.impl == "lessonbook" ? result.workload : "\(result.workload) \(result.impl)"
                // A check that is a count (bytes, runs) prints in full, not as 1.22834e+06.
                let check = result.check.rounded() == result.check && abs(result.check) < 1e15
                    ? String(Int64(result.check)) : String(format: "%g", result.check)
                print(name.padding(toLength: max(BenchCommand.nameWidth, name.count + 2), withPad: " ", startingAt: 0)
                      + String(format: "%16.4f  %7d  ", result.seconds, result.repeats) + check)
            }
            fflush(stdout)
        }
        for workload in Benchmarks.all where asked?.contains(workload.name) ?? true {
            do {
                try show(try workload.run(repeats))
            } catch {
                FileHandle.standardError.write(Data("\(workload.name) skipped: \(error)\n".utf8))
            }
        }
        if asked?.contains(PNGEncodingBench.name) ?? false {
            for result in try PNGEncodingBench.results(repeats: repeats, figures: figures.map { URL(fileURLWithPath: $0) }) {
                try show(result)
            }
        }
        if asked?.contains(MarkerRasterizationBench.name) ?? false {
            for result in try MarkerRasterizationBench.results(repeats: repeats) { try show(result) }
        }
        if asked?.contains(TrainTrialBench.name) ?? false {
            let results = try TrainTrialBench.results(repeats: repeats)
            for result in results { try show(result) }
            if !json, results.count == 2, results[0].seconds > 0 {
                print(String(format: "TRAIN: a train trial takes %.3f times the bespoke trial's time", results[1].seconds / results[0].seconds))
            }
        }
    }
}
