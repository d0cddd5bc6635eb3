import ArgumentParser

/// `lessonbook compare` (not written yet).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "Not available yet.")
    func run() throws { throw ValidationError("lessonbook compare is not available yet") }
}
