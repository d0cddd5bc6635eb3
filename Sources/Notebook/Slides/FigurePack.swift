import Foundation

/// A lesson's figures for reuse in lectures and other material: each figure's slide
/// drawings (`PNG` 1920 pixels wide, `SVG`, `PDF`) named `<lesson>-<cell>-<figure>.<ext>`,
/// names that stay the same from one render to the next, and `<lesson>-figures.csv`
/// listing each file with the figure's caption, alt text, the settings that produced it
/// and its cell's claims with their verdicts (written by the reports' CSV writer,
/// `ReportWriter.csv`).
public enum FigurePack {
    /// The columns of the listing.
    static let columns = ["file", "lesson", "cell", "figure", "format", "caption", "alt", "kind", "seed", "settings", "claims"]

    /// Copies the slide figures of the rendered run folder `run` (rendered with
    /// `RenderOptions.keepSlideFigures`) into `folder` and writes the listing; returns the
    /// file names written, listing last.
    @discardableResult
    public static func write(run: URL, lesson: String, into folder: URL) throws -> [String] {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let manifest = try CanonicalJSON.decode(RunManifest.self, from: Data(contentsOf: run.appendingPathComponent("run.json")))
        var rows: [[TableValue]] = []
        var written: [String] = []
        for cell in manifest.cells {
            let record = try CanonicalJSON.decode(CellRecord.self, from: Data(contentsOf: run.appendingPathComponent(cell.data)))
            let settings = record.config.keys.sorted().map { "\($0)=\(record.config[$0]!.shortDescription)" }.joined(separator: "; ")
            let claims = record.claims.map { "\($0.verdict.mark) \($0.claim) (\($0.verdict.rawValue): \($0.values))" }
                .joined(separator: "; ")
            for figure in record.figures where figure.frames == nil {
                for format in ["png", "svg", "pdf"] {
                    let source = run.appendingPathComponent("slides/\(record.cell)-\(figure.name).\(format)")
                    guard manager.fileExists(atPath: source.path) else { continue }
                    let name = "\(lesson)-\(record.cell)-\(figure.name).\(format)"
                    let target = folder.appendingPathComponent(name)
                    if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
                    try manager.copyItem(at: source, to: target)
                    written.append(name)
                    rows.append([.text(name), .text(lesson), .text(record.cell), .text(figure.name), .text(format),
                                 .text(figure.caption), .text(figure.altText), .text(record.kind), .text(String(record.seed)),
                                 .text(settings), .text(claims)])
                }
            }
        }
        let listing = "\(lesson)-figures.csv"
        try Data(ReportWriter.csv(Table(caption: "", columns: columns, rows: rows)).utf8)
            .write(to: folder.appendingPathComponent(listing))
        return written + [listing]
    }
}
