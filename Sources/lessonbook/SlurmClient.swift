import Foundation
import Notebook

/// Slurm's `sbatch`, found on PATH, run to submit batch scripts.
struct SlurmClient {
    let sbatch: URL

    /// Finds `sbatch` on PATH, or fails with a message that says what was expected.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SlurmClient {
        let path = environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("sbatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return SlurmClient(sbatch: candidate) }
        }
        throw NotebookError(file: "sbatch", message:
            "Slurm's `sbatch` command was not found on PATH (\(path.isEmpty ? "empty" : path)); expected an executable `sbatch`, as on a cluster's login node (on Debian: apt-get install slurm-client). `lessonbook submit --slurm --dry-run` prints the batch scripts without submitting them")
    }

    /// Submits `script` with `options` before it; returns the job id `sbatch --parsable` prints.
    func submit(_ script: URL, options: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = sbatch
        process.arguments = ["--parsable"] + options + [script.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stdout = String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let stderr = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // `--parsable` prints `jobid` or `jobid;cluster`.
        let id = stdout.split(separator: ";").first.map(String.init) ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw NotebookError(file: script.path, message:
                "sbatch refused the script (exit status \(process.terminationStatus)): \(stderr.isEmpty ? stdout : stderr); expected a job id")
        }
        return id
    }
}
