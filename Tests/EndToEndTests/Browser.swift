import Foundation
import Notebook

/// Runs `Tests/Browser/browser_check.py` (Debian's headless Chromium through chromium-driver
/// and python3-selenium, installed by scripts/setup.sh) and returns its JSON answer.
enum Browser {
    /// Set LESSONBOOK_NO_BROWSER=1 only where Chromium cannot run; CI runs these tests.
    static let available = ProcessInfo.processInfo.environment["LESSONBOOK_NO_BROWSER"] == nil

    static let script = CommandRunner.root.appendingPathComponent("Tests/Browser/browser_check.py")

    static func run(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: outData) as? [String: Any] else {
            throw NotebookError(file: script.path, message: "browser check \(arguments.first ?? "") failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return object
    }
}
