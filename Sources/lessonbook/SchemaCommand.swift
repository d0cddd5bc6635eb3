import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook schema`: writes the JSON Schema of experiment cells, so an editor's YAML
/// language server can complete and check the YAML of a cell as the author types.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write a JSON Schema of experiment cells (kinds and their parameters).",
        discussion: """
        The schema describes one cell's YAML (id, run, with, quick, show, expect, seed), \
        with every kind's parameters, their types, ranges, choices, defaults and meaning. \
        See the README (Writing a lesson) for using it in an editor.

        Examples:
          lessonbook schema                         to standard output
          lessonbook schema --out lessonbook-cell.schema.json
        """)

    @Option(name: .long, help: ArgumentHelp("The file to write; default: standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        let data = try CellSchema.json(for: Catalogue.all)
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            printError("\(out): cannot write the schema: \(error.localizedDescription)")
            throw ExitStatus.error
        }
        printError("wrote the schema of \(Catalogue.all.count) experiment kinds to \(out)")
    }
}
