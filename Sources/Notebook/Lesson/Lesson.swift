import Foundation

/// A parsed lesson notebook: front matter, then prose and experiment cells in file order.
public struct Lesson: Sendable {
    /// The file as it was named (`lessons/01-width-vs-depth.md`); used in every message.
    public var path: String
    /// The lesson's name: file name without leading number and extension (`width-vs-depth`).
    public var name: String
    /// The `title:` of the front matter, the report's heading.
    public var title: String
    /// The `summary:` of the front matter, shown under the report's title and in the output index.
    public var summary: String
    /// The line of `summary:` in the front matter (formulas in the summary are typeset too).
    public var summaryLine = 1
    /// The seed every cell uses unless it sets its own.
    public var seed: UInt64
    /// Prose and cells in file order.
    public var blocks: [LessonBlock]
    /// SHA-256 of the file's bytes, recorded in `run.json`.
    public var sourceHash: String

    /// The cells, in file order.
    public var cells: [LessonCell] {
        blocks.compactMap { if case .cell(let cell) = $0 { return cell } else { return nil } }
    }

    /// The exercises, in file order.
    public var exercises: [LessonExercise] {
        blocks.compactMap { if case .exercise(let exercise) = $0 { return exercise } else { return nil } }
    }

    /// The lesson name of a file: `01-width-vs-depth.md` -> `width-vs-depth`.
    public static func name(ofFile url: URL) -> String {
        var base = url.deletingPathExtension().lastPathComponent
        let digits = base.prefix(while: \.isNumber)
        if !digits.isEmpty {
            let rest = base.dropFirst(digits.count)
            if let first = rest.first, first == "-" || first == "_" || first == " " {
                base = String(rest.dropFirst())
            }
        }
        return base
    }
}

/// One block of a lesson.
public enum LessonBlock: Sendable {
    /// Markdown prose, with `{{cell.metric}}` references still in it; `line` is its first line.
    case prose(String, line: Int)
    /// A fenced ```` ```{experiment} ```` cell.
    case cell(LessonCell)
    /// A fenced `{exercise}` block.
    case exercise(LessonExercise)
}

/// A fenced ```` ```{experiment} ```` cell, with the line of every key it sets.
public struct LessonCell: Sendable, KeyLines {
    /// The cell's `id:`: how prose (`{{id.metric}}`), claims, overrides and output files name it.
    public var id: String
    /// The experiment kind named in `run:`.
    public var kind: String
    /// Parameters from `with:`.
    public var with: [String: ConfigValue]
    /// Parameters from `quick:`, applied on top of `with:` in quick runs.
    public var quick: [String: ConfigValue]
    /// Names of figures and tables to show, in order; nil shows everything.
    public var show: [String]?
    /// Claims as written, each with its line.
    public var expect: [(text: String, line: Int)]
    /// The cell's own seed, overriding the lesson's.
    public var seed: UInt64?
    /// `seeds: {min, max}`: add seeds until the cell's claims are decided (nil: the kind's
    /// `seeds` parameter is a fixed count, as `with:` sets it).
    public var seeds: AdaptiveSeeds?
    /// `alt: {figure: "sentence"}`: a sentence of the author's, added after the alt text
    /// generated from the figure's data.
    public var alt: [String: String] = [:]
    /// Line of the opening fence.
    public var line: Int
    /// Line of each key: `id`, `run`, `with`, `with.epochs`, `quick.epochs`, `show`, `show.2`, `seeds.max` ...
    public var lines: [String: Int]
}
