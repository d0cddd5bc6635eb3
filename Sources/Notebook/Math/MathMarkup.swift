import Foundation

/// A lesson's formulas typeset as MathML, by `MathSpan.key`. `LessonPlanner` makes it
/// (one KaTeX process for the whole lesson), so `lessonbook check` refuses a formula that
/// does not parse just as `render` does; `HTMLReport` puts the MathML where each formula
/// stood, after the Markdown's HTML has been sanitised. The Markdown report keeps the TeX
/// as written.
public struct MathMarkup: Sendable, Equatable {
    /// Each formula's MathML (`<math>...</math>`), by `MathSpan.key`.
    public var mathML: [String: String]

    /// Markup for the given formulas; empty by default (a lesson without formulas).
    public init(mathML: [String: String] = [:]) { self.mathML = mathML }

    /// Whether the lesson has no formula.
    public var isEmpty: Bool { mathML.isEmpty }

    /// Typesets every formula in the lesson's summary and prose; a formula KaTeX cannot parse is an error
    /// naming its file and line with KaTeX's message.
    public static func typeset(_ lesson: Lesson) throws -> MathMarkup {
        var spans = MathSpan.find(in: lesson.summary, firstLine: lesson.summaryLine)
        for case .prose(let text, let line) in lesson.blocks {
            spans += MathSpan.find(in: text, firstLine: line)
        }
        if let inner = spans.first(where: { $0.tex.contains("{{") }) {
            throw NotebookError(file: lesson.path, line: inner.line, key: inner.oneLine, message:
                "a formula cannot hold a `{{cell.metric}}` reference (or `{{` at all); expected the number outside the formula, or `{ {` in TeX")
        }
        var unique: [MathSpan] = []
        var seen: Set<String> = []
        for span in spans where seen.insert(span.key).inserted { unique.append(span) }
        guard !unique.isEmpty else { return MathMarkup() }
        let outcomes: [KaTeX.Outcome]
        do {
            outcomes = try KaTeX.convert(unique.map { ($0.tex, $0.display) })
        } catch let unavailable as KaTeX.Unavailable {
            throw NotebookError(file: lesson.path, line: unique[0].line, key: unique[0].oneLine, message: unavailable.description)
        }
        var markup = MathMarkup()
        for (span, outcome) in zip(unique, outcomes) {
            switch outcome {
            case .mathML(let mathML):
                markup.mathML[span.key] = mathML
            case .error(let message):
                throw NotebookError(file: lesson.path, line: span.line, key: span.oneLine,
                                    message: "the formula does not parse: \(message)")
            }
        }
        return markup
    }

    /// Stands for formula N in the Markdown while cmark-gfm and the sanitiser run.
    static func mark(_ index: Int) -> String { "\u{FFFC}math-\(index)\u{FFFC}" }

    /// Text without formula marks (a heading's id is made from its words).
    static func unmarked(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{FFFC}math-[0-9]+\u{FFFC}", with: "", options: .regularExpression)
    }

    /// The Markdown with every known formula replaced by a mark, and the MathML of each mark.
    /// Marks written in the Markdown itself are removed first, so only the tool's own remain.
    func marking(_ markdown: String) -> (String, [String]) {
        guard !mathML.isEmpty else { return (markdown, []) }
        let cleaned = markdown.replacingOccurrences(of: "\u{FFFC}math-", with: "")
        var inserted: [String] = []
        let marked = MathSpan.replacing(in: cleaned) { span in
            guard let mathML = mathML[span.key] else { return nil }
            inserted.append(mathML)
            return Self.mark(inserted.count - 1)
        }
        return (marked, inserted)
    }

    /// The HTML with each mark replaced by its MathML; a display formula alone in its
    /// paragraph loses the paragraph.
    static func filling(_ html: String, with inserted: [String]) -> String {
        guard !inserted.isEmpty else { return html }
        var out = html
        for (index, typeset) in inserted.enumerated() {
            // No mark of the page's own (a figure's) may come in with a formula's text.
            let mathML = typeset.replacingOccurrences(of: "\u{FFFC}", with: "")
            let mark = Self.mark(index)
            if mathML.contains("display=\"block\"") {
                out = out.replacingOccurrences(of: "<p>\(mark)</p>", with: "<div class=\"math-display\">\(mathML)</div>")
            }
            out = out.replacingOccurrences(of: mark, with: mathML)
        }
        return out
    }
}
