import ArgumentParser

/// `lessonbook bench` (not written yet).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Not available yet.")
    func run() throws { throw ValidationError("lessonbook bench is not available yet") }
}
