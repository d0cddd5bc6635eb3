import ArgumentParser
import Experiments
import Foundation
import Notebook

/// `lessonbook kinds`: the experiment kinds a lesson may name in `run:`, and for one kind
/// its parameters, metrics and the figures and tables it can show, read from the kinds'
/// own declarations.
struct KindsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinds",
        abstract: "List the experiment kinds, or describe one: parameters, metrics, figures and tables.",
        discussion: """
        Examples:
          lessonbook kinds                      every kind with a one-line summary
          lessonbook kinds sawtooth             its parameters (type, default, quick default, \
        allowed values, meaning), metrics and `show:` names
          lessonbook kinds sawtooth --json      the same as JSON, for tools
        """)

    @Argument(help: ArgumentHelp("The kind to describe; none: list every kind.", valueName: "kind"))
    var kind: String?

    @Flag(name: .long, help: "Write JSON instead of text.")
    var json = false

    func run() throws {
        guard let kind else {
            if json {
                let list = Catalogue.all.map { ["kind": $0.kind, "summary": $0.summary] }
                print(String(decoding: try CanonicalJSON.encode(list), as: UTF8.self), terminator: "")
            } else {
                let width = Catalogue.all.map(\.kind.count).max() ?? 0
                for experiment in Catalogue.all {
                    print(experiment.kind.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + experiment.summary)
                }
            }
            return
        }
        guard let experiment = Catalogue.byKind[kind] else {
            printError(Suggestion.message("unknown experiment kind `\(kind)`", name: kind, among: Catalogue.all.map(\.kind)))
            throw ExitStatus.error
        }
        let reference = KindReference(experiment)
        if json {
            print(String(decoding: try CanonicalJSON.encode(reference), as: UTF8.self), terminator: "")
        } else {
            print(reference.text)
        }
    }
}
