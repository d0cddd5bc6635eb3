import ArgumentParser

/// `lessonbook check` (not written yet).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not available yet.")
    func run() throws { throw ValidationError("lessonbook check is not available yet") }
}
