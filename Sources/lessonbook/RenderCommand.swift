import ArgumentParser

/// `lessonbook render` (not written yet).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Not available yet.")
    func run() throws { throw ValidationError("lessonbook render is not available yet") }
}
