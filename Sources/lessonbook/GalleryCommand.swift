import ArgumentParser

/// `lessonbook gallery` (not written yet).
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gallery", abstract: "Not available yet.")
    func run() throws { throw ValidationError("lessonbook gallery is not available yet") }
}
