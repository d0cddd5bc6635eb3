import Foundation
import Plot

/// A lesson as lecture slides: a title slide (title, summary, what the claims came to),
/// one slide per figure under its section heading with the figure drawn for a slide and
/// the claims of its cell with their verdicts, the prose the author marks as slides, and a
/// closing slide listing every claim. `pdfData()` draws it with Cairo's PDF surface
/// (`SlideDeck+PDF.swift`), `html()` writes one self-contained page (`SlideDeck+HTML.swift`).
///
/// Authors choose with two HTML comments on a line of their own (invisible in both
/// reports):
/// - `<!-- slide -->`: the paragraph that follows becomes a slide of its own, under the
///   section heading above it, where it stands in the lesson;
/// - `<!-- notes -->`: the paragraph that follows goes into the speaker notes of the slide
///   before it (the title slide when no slide came yet).
/// Without markers the deck has one slide per figure; every figure slide's notes end with
/// the figure's caption and alt text.
public struct SlideDeck {
    /// What a slide shows.
    public enum Content {
        /// The title slide: the lesson's title as heading, its summary and what the claims came to.
        case title(summary: String)
        /// A figure slide: the cell and the figure's `show:` name, its caption and alt text, and the
        /// slide PNG drawn in the deck's theme.
        case figure(cell: String, name: String, caption: String, alt: String, png: URL)
        /// A paragraph the author marked with `<!-- slide -->`, or an exercise's question.
        case text(String)
        /// The closing slide listing every claim with its verdict.
        case closing
    }

    /// One slide.
    public struct Slide {
        /// The slide's heading: the lesson's title, the section heading above the slide, `Exercise: ID`
        /// or the closing heading.
        public var heading: String
        /// What the slide shows.
        public var content: Content
        /// The claims shown on the slide (the figure's cell's; every claim on the closing
        /// slide; those not holding on the title slide).
        public var claims: [ClaimResult]
        /// Speaker notes, Markdown paragraphs, the author's first.
        public var notes: [String]
    }

    /// The marker lines.
    public static let slideMarker = "<!-- slide -->"
    /// The line before a paragraph that goes into the previous slide's speaker notes.
    public static let notesMarker = "<!-- notes -->"

    /// The lesson's title: the title slide's heading, and in the HTML deck the page's title and slide footers.
    public var title: String
    /// How many of the lesson's claims held, failed and were undecided, as `run.json` records them.
    public var claimSummary: ClaimSummary
    /// `slides` or `slides-dark` (`Theme.named`).
    public var themeName: String
    /// The slides in order: title, then the lesson's figures, marked paragraphs and exercise
    /// questions as they stand in the lesson, then the closing slide.
    public var slides: [Slide]

    /// The theme `themeName` names (`slides` when it names none), in which the slides are drawn.
    public var theme: Theme { Theme.named(themeName) ?? .slides }

    /// The slide theme a figure file's suffix names (`.slides.png` gives `slides`), or nil
    /// for a report figure's file.
    public static func slideTheme(ofSuffix suffix: String) -> String? {
        Theme.names.filter { $0 != "standard" }.first { suffix.hasPrefix(".\($0).") }
    }

    /// The deck of a rendered lesson. `figureFile(cell, figure)` gives the slide PNG of a
    /// figure (nil leaves the figure out: an animation, or a figure drawn without one).
    public init(plan: LessonPlan, records: [String: CellRecord], filled: [Int: String], manifest: RunManifest,
                themeName: String, figureFile: (String, String) -> URL?) {
        let lesson = plan.lesson
        title = lesson.title
        claimSummary = manifest.claims
        self.themeName = themeName
        let allClaims = lesson.cells.flatMap { records[$0.id]?.claims ?? [] }
        var slides = [Slide(heading: lesson.title, content: .title(summary: lesson.summary),
                            claims: allClaims.filter { $0.verdict != .holds }, notes: [])]
        var section = lesson.title
        for (index, block) in lesson.blocks.enumerated() {
            switch block {
            case .prose(let text, _):
                for paragraph in Self.paragraphs(filled[index] ?? text) {
                    switch paragraph {
                    case .heading(let heading): section = heading
                    case .slide(let body): slides.append(Slide(heading: section, content: .text(body), claims: [], notes: []))
                    case .notes(let body): slides[slides.count - 1].notes.append(body)
                    }
                }
            case .cell(let cell):
                guard let record = records[cell.id] else { continue }
                for figure in record.figures where figure.frames == nil {
                    guard let png = figureFile(cell.id, figure.name) else { continue }
                    slides.append(Slide(heading: section, content: .figure(cell: cell.id, name: figure.name, caption: figure.caption,
                                                                           alt: figure.altText, png: png),
                                        claims: record.claims, notes: []))
                }
            case .exercise(let exercise):
                // The question only, in every edition: answers never reach a slide.
                slides.append(Slide(heading: "Exercise: \(exercise.id)", content: .text(exercise.question), claims: [], notes: []))
            }
        }
        slides.append(Slide(heading: "What the claims came to", content: .closing, claims: allClaims, notes: []))
        // The figure's caption and alt text close each figure slide's notes.
        for index in slides.indices {
            if case .figure(_, _, let caption, let alt, _) = slides[index].content {
                let stop = caption.hasSuffix(".") ? "" : "."
                slides[index].notes.append("Figure: \(caption)\(stop) \(alt)")
            }
        }
        self.slides = slides
    }

    /// What a prose paragraph means for the deck.
    enum Paragraph: Equatable {
        case heading(String)
        case slide(String)
        case notes(String)
    }

    /// Headings and marked paragraphs of a prose block, in order (code fences skipped).
    static func paragraphs(_ text: String) -> [Paragraph] {
        var found: [Paragraph] = []
        var pending: String?
        var body: [String] = []
        var inFence = false
        func flush() {
            guard let marker = pending, !body.isEmpty else { return }
            let joined = body.joined(separator: "\n")
            found.append(marker == slideMarker ? .slide(joined) : .notes(joined))
            pending = nil
            body = []
        }
        for raw in text.components(separatedBy: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if inFence { if pending != nil { body.append(raw) }; continue }
            if line == slideMarker || line == notesMarker {
                flush()
                pending = line
                continue
            }
            if line.isEmpty {
                if !body.isEmpty { flush() }
                continue
            }
            if let heading = headingText(line) {
                flush()
                pending = nil
                found.append(.heading(heading))
                continue
            }
            if pending != nil { body.append(raw) }
        }
        flush()
        return found
    }

    /// The text of an ATX heading line (`## Width`), or nil.
    static func headingText(_ line: String) -> String? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count > hashes, line.dropFirst(hashes).first == " " else { return nil }
        var text = String(line.dropFirst(hashes)).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return plain(text.trimmingCharacters(in: .whitespaces))
    }

    /// Markdown as plain text for the PDF: emphasis, code marks, links' targets and
    /// comments removed, lines joined.
    static func plain(_ markdown: String) -> String {
        var text = markdown.replacingOccurrences(of: "<!--[^>]*-->", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "!?\\[([^\\]]*)\\]\\([^)]*\\)", with: "$1", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[A-Za-z/][^>]*>", with: "", options: .regularExpression)
        for mark in ["**", "__", "`"] { text = text.replacingOccurrences(of: mark, with: "") }
        text = text.replacingOccurrences(of: "(?<![\\w*])\\*(?=\\S)([^*]+)(?<=\\S)\\*", with: "$1", options: .regularExpression)
        text = text.replacingOccurrences(of: "[ \\t]*\\n[ \\t]*", with: " ", options: .regularExpression)
        return HTMLText.unescape(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A claim as one line: the claim, its verdict and its values.
    static func claimLine(_ claim: ClaimResult) -> String {
        "\(claim.claim) — \(claim.verdict.rawValue): \(claim.values)"
    }

    /// "12 claims: 10 hold, 1 undecided, 1 fails".
    var claimCounts: String {
        let total = claimSummary.passed + claimSummary.failed + claimSummary.undecided
        guard total > 0 else { return "No claims checked." }
        var parts = ["\(claimSummary.passed) hold"]
        if claimSummary.undecided > 0 { parts.append("\(claimSummary.undecided) undecided") }
        if claimSummary.failed > 0 { parts.append("\(claimSummary.failed) \(claimSummary.failed == 1 ? "fails" : "fail")") }
        return "\(total) claim\(total == 1 ? "" : "s") checked: " + parts.joined(separator: ", ") + "."
    }
}
