import ArgumentParser

/// `lessonbook list` (not written yet).
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Not available yet.")
    func run() throws { throw ValidationError("lessonbook list is not available yet") }
}
