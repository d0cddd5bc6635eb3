import ArgumentParser

/// The command line: each subcommand lives in its own file.
@main
struct Lessonbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessonbook",
        abstract: "Run lesson notebooks that train neural networks, and write their reports.",
        subcommands: [ListCommand.self, KindsCommand.self, SchemaCommand.self, RenderCommand.self, CheckCommand.self,
                      SubmitCommand.self, StatusCommand.self, CompareCommand.self, PreviewCommand.self,
                      BenchCommand.self, GalleryCommand.self, NewCommand.self, FiguresCommand.self])

    /// Lets OpenBLAS use the kernels this CPU can run (`BLASKernelSelection`), tunes the
    /// allocator (`MemoryTuning`), then parses and runs the command as usual.
    static func main() async {
        BLASKernelSelection.apply()
        MemoryTuning.apply()
        await main(nil)
    }
}
