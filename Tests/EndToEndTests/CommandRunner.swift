import Foundation

/// Runs the built `lessonbook` binary (it sits next to the test bundle) and captures its output.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `lessonbook` executable of the build that holds the tests.
    static var binary: URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            var folder = URL(fileURLWithPath: first).deletingLastPathComponent()
            // Inside an .xctest bundle on macOS the binary is a few folders down.
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("lessonbook"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("lessonbook"))
        candidates.append(root.appendingPathComponent(".build/release/lessonbook"))
        candidates.append(root.appendingPathComponent(".build/debug/lessonbook"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// Runs `lessonbook arguments...` in `directory`, with `environment` instead of this
    /// process's environment when given.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary working folder with a `lessons/` folder, removed when the test ends.
final class Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lessonbook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ text: String, to name: String = "01-demo.md") throws {
        try Data(text.utf8).write(to: url.appendingPathComponent("lessons").appendingPathComponent(name))
    }

    func run(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, in: url)
    }

    func file(_ path: String) -> URL { url.appendingPathComponent(path) }
}

/// A small lesson on the `parameter-count` kind that shows only a table.
let countingLesson = """
---
title: Counting
summary: Parameters of a small network.
seed: 3
---

# Counting

The base has {{counts.base.with_bias:d}} parameters.

```{experiment}
id: counts
run: parameter-count
with:
  inputs: 10
  hidden: [10, 10, 10]
  outputs: 4
show: [lecture-example]
expect:
  - base.with_bias == 374
```
"""
