import Foundation

/// Starts `lessonbook preview` and reads the address it prints.
final class PreviewProcess {
    let process = Process()
    let output = Pipe()
    var address = ""
    var printed = ""

    init(arguments: [String], in directory: URL) throws {
        process.executableURL = CommandRunner.binary
        process.arguments = ["preview"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The address line follows the first render; end of output means the process stopped.
        while true {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("Preview: ") }) {
                address = String(line.dropFirst("Preview: ".count).prefix { $0 != " " })
                break
            }
        }
    }

    /// Ctrl-C; the status the process exits with.
    func interrupt() -> Int32 {
        process.interrupt()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate(); return -1 }
        printed += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return process.terminationStatus
    }
}
