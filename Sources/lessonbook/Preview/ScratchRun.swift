import Experiments
import Foundation
import Notebook

/// Renders one cell of the previewed lesson with settings from the page, into a scratch
/// run beside the lesson's own (`<output>/.scratch/<lesson>/`), never touching the lesson
/// file. The settings become `--set` overrides and are validated exactly as `--set` is;
/// the answer names the claims whose verdict changed and the command that reproduces it.
struct ScratchRun {
    /// What the page sends: a cell and its parameters' values as YAML text.
    struct Request: Decodable {
        var cell: String
        var values: [String: String]
    }

    /// A claim whose verdict differs between the lesson's run and the scratch run.
    struct ChangedClaim: Encodable {
        var cell: String
        var claim: String
        var before: ClaimVerdict
        var after: ClaimVerdict
        var values: String
    }

    /// What the page shows.
    struct Answer: Encodable {
        var ok: Bool
        var message: String?
        var command: String?
        var report: String?
        var original: String?
        var changed: [ChangedClaim]
    }

    let entry: LessonSelection.Entry
    let options: RenderOptions

    /// The overrides for the values that differ from the cell's effective settings.
    func overrides(_ request: Request, plan: LessonPlan) throws -> [Override] {
        guard let cell = plan.cells.first(where: { $0.id == request.cell }) else {
            throw NotebookError(file: entry.path, key: request.cell, message: "no cell `\(request.cell)` in this lesson")
        }
        var result: [Override] = []
        for name in request.values.keys.sorted() {
            let text = request.values[name]!.trimmingCharacters(in: .whitespaces)
            let current = cell.config[ParameterName.camelCase(name)]?.shortDescription
            if text == current { continue }
            result.append(try Override("\(request.cell).\(name)=\(text)"))
        }
        return result
    }

    func apply(_ request: Request) -> Answer {
        do {
            let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options)
            let lesson = try LessonParser.parse(contentsOf: entry.url, path: entry.path)
            let basePlan = try renderer.planner(strictOverrides: true).plan(lesson)
            let extra = try overrides(request, plan: basePlan)
            var scratchOptions = options
            scratchOptions.outputRoot = options.outputRoot.appendingPathComponent(".scratch")
            scratchOptions.overrides = options.overrides + extra
            let scratch = LessonRenderer(catalogue: Catalogue.byKind, options: scratchOptions)
            let outcome = try scratch.render(try scratch.planner(strictOverrides: true).plan(lesson))
            let original = try? RunFolder(contentsOf: options.outputRoot.appendingPathComponent(lesson.name))
            var changed: [ChangedClaim] = []
            for cell in outcome.manifest.cells {
                let before = original?.manifest.cells.first { $0.id == cell.id }?.claims ?? []
                for claim in cell.claims {
                    guard let old = before.first(where: { $0.claim == claim.claim }), old.verdict != claim.verdict else { continue }
                    changed.append(ChangedClaim(cell: cell.id, claim: claim.claim, before: old.verdict, after: claim.verdict,
                                                values: claim.values))
                }
            }
            var command = "lessonbook render \(lesson.name)"
            if options.quick { command += " --quick" }
            for override in scratchOptions.overrides { command += " --set " + Self.shellQuoted(override.text) }
            return Answer(ok: true, command: command, report: "/.scratch/\(lesson.name)/report.html",
                          original: "/\(lesson.name)/report.html", changed: changed)
        } catch {
            return Answer(ok: false, message: "\(error)", changed: [])
        }
    }

    /// `text` as one shell word.
    static func shellQuoted(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-=/:")
        if text.allSatisfy(plain.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
