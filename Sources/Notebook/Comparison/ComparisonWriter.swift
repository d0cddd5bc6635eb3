import Foundation
import Plot

/// Writes a comparison folder: `report.md`, the overlaid curves (`figures/curves/`), the
/// runs' figures (`figures/runs/<run>/`, copied unless the run lives inside the folder),
/// the difference images (`figures/diff/`) and `metrics.csv`. Everything it writes depends
/// only on the runs, so comparing the same runs twice gives the same bytes.
struct ComparisonWriter {
    let comparison: Comparison
    /// The folder being built (a temporary folder beside the final one).
    let build: URL
    /// The final folder as people will name it, for the report's comment line.
    let shownFolder: String
    /// `md` for report.md, `html` for report.html.
    var reports: [String] = ["md", "html"]

    var runs: [ComparedRun] { comparison.runs }

    /// The report leads with what changed: after the summary and the settings and metrics
    /// that differ, only the curves and figures that changed are drawn; those identical in
    /// every run are named in one line each section.
    func write() throws {
        let manager = FileManager.default
        for folder in ["figures/curves", "figures/diff"] {
            try manager.createDirectory(at: build.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let curves = try drawCurves()
        let figures = try placeFigures()
        var text = header()
        text += runsSection()
        text += settingsSection()
        text += metricsSection()
        text += curvesSection(curves)
        text += figuresSection(figures)
        text += tablesSection()
        text += claimsSection()
        text += partialSection()
        while text.contains("\n\n\n") { text = text.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        while text.hasSuffix("\n\n") { text.removeLast() }
        if reports.contains("md") {
            try Data(text.utf8).write(to: build.appendingPathComponent("report.md"))
        }
        if reports.contains("html") {
            let title = text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "Comparison"
            try HTMLReport(markdown: text, folder: build, title: title).data().write(to: build.appendingPathComponent("report.html"))
        }
        try Data(metricsCSV().utf8).write(to: build.appendingPathComponent("metrics.csv"))
    }

    // MARK: Files

    /// A run's label made safe as a file name.
    func folderName(_ index: Int) -> String { Self.safeName(runs[index].label) }

    static func safeName(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        var name = String(text.map { allowed.contains($0) ? $0 : "-" })
        while name.contains("--") { name = name.replacingOccurrences(of: "--", with: "-") }
        while name.hasPrefix(".") || name.hasPrefix("-") { name.removeFirst() }
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? "run" : name
    }

    /// Draws each curve that changed between the runs, overlaid, as PNG; returns the paths
    /// by row (nil for curves identical in every run: the report names those, undrawn).
    func drawCurves() throws -> [String?] {
        let legends = runs.map(\.label)
        return try comparison.curves.map { row in
            guard !row.identical else { return nil }
            let base = "figures/curves/\(Self.safeName(row.cell))-\(Self.safeName(row.name))"
            let figure = CurveFigure.figure(row, legends: legends)
            do {
                try figure.write(to: build.appendingPathComponent("\(base).png"), scale: 2)
            } catch {
                let owner = row.series.indices.first { row.series[$0] != nil } ?? 0
                throw NotebookError(file: runs[owner].shownPath("data/\(row.cell).json"), key: "series.\(row.name)",
                                    message: "cannot draw the series: \(error)")
            }
            return "\(base).png"
        }
    }

    /// Where each run's figure is linked from the report (copying it in when the run lives
    /// elsewhere), and the difference images written; indexed like `comparison.figures`.
    struct PlacedFigure {
        var images: [String?]
        var differences: [String?]
    }

    func placeFigures() throws -> [PlacedFigure] {
        let manager = FileManager.default
        return try comparison.figures.map { row in
            var placed = PlacedFigure(images: [], differences: [])
            for (index, file) in row.files.enumerated() {
                // A figure identical in every run is linked once, from its reference run.
                guard let file, !row.identical || index == row.reference else { placed.images.append(nil); continue }
                if let inside = runs[index].pathInReport {
                    placed.images.append("\(inside)/\(file)")
                } else {
                    let target = "figures/runs/\(folderName(index))/\((file as NSString).lastPathComponent)"
                    let url = build.appendingPathComponent(target)
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try? manager.removeItem(at: url)
                    try manager.copyItem(at: runs[index].file(file), to: url)
                    placed.images.append(target)
                }
            }
            for (index, change) in row.changes.enumerated() {
                guard case .changed(let difference)? = change else { placed.differences.append(nil); continue }
                let target = "figures/diff/\(Self.safeName(row.cell))-\(Self.safeName(row.name))-\(folderName(index)).png"
                try difference.image.write(to: build.appendingPathComponent(target))
                placed.differences.append(target)
            }
            return placed
        }
    }

    // MARK: Sections

    func header() -> String {
        var out = "<!-- Written by lessonbook compare into \(shownFolder); compare the runs again rather than editing this file. -->\n\n"
        out += "# Comparison: " + runs.map { "\($0.label)" }.joined(separator: " vs ") + "\n\n"
        let lessons = comparison.lessons
        var lines: [String] = []
        if lessons.count == 1 {
            lines.append("\(runs.count) runs of `\(lessons[0])` (*\(runs[0].manifest.title)*); the baseline is **\(runs[0].label)**.")
        } else {
            lines.append("\(runs.count) runs of different lessons (\(lessons.map { "`\($0)`" }.joined(separator: ", "))); the baseline is **\(runs[0].label)**. Only cells that two or more runs share are compared.")
        }
        if !comparison.uncomparedCells.isEmpty {
            lines.append("Not compared (only one run has them): " + comparison.uncomparedCells.map { id in
                "`\(id)` (\(owners(of: id)))"
            }.joined(separator: ", ") + ".")
        }
        let flips = comparison.flippedClaims
        if !flips.isEmpty {
            var block = "⚠️ **\(flips.count) claim\(flips.count == 1 ? "" : "s") change\(flips.count == 1 ? "s" : "") verdict between the runs:**"
            for row in flips {
                let verdicts = row.results.enumerated().compactMap { index, result -> String? in
                    guard let result else { return nil }
                    let verdict = result.verdict == .holds ? "holds" : "**\(result.verdict == .fails ? "fails" : "undecided")**"
                    return "\(verdict) in \(runs[index].label) (\(result.values))"
                }
                block += "\n>   - \(MarkdownText.code(row.claim)) in cell `\(row.cell)`: " + verdicts.joined(separator: ", ")
            }
            lines.append(block)
        } else if comparison.claims.isEmpty {
            lines.append("The compared cells make no checked claims.")
        } else {
            lines.append("No claim changes its verdict between the runs.")
        }
        let settingCount = comparison.settings.count
        lines.append(settingCount == 0 ? "Settings: no setting differs between the runs."
            : "Settings: \(settingCount) differ" + (settingCount == 1 ? "s" : "") + " ("
                + comparison.settings.prefix(8).map { "`\($0.cell).\($0.key)`" }.joined(separator: ", ")
                + (settingCount > 8 ? " and \(settingCount - 8) more" : "") + ").")
        let changed = comparison.changedMetrics.count
        lines.append(changed == 0 ? "Metrics: no metric changed (\(comparison.metrics.count) compared)."
            : "Metrics: \(changed) of \(comparison.metrics.count) changed.")
        let figureCount = comparison.figures.count
        let differing = comparison.figures.filter { !$0.identical }.count
        if figureCount > 0 {
            lines.append(differing == 0 ? "Figures: all \(figureCount) figure\(figureCount == 1 ? " is" : "s are") identical in every run."
                : "Figures: \(differing) of \(figureCount) differ.")
        }
        let tableCount = comparison.tables.count
        if tableCount > 0 {
            let differingTables = comparison.tables.filter { row in
                runs.indices.contains { $0 != row.reference && row.tables[$0] != nil && row.changes($0)?.isEmpty != true }
            }.count
            lines.append(differingTables == 0 ? "Tables: all \(tableCount) table\(tableCount == 1 ? " is" : "s are") identical in every run."
                : "Tables: \(differingTables) of \(tableCount) differ.")
        }
        if !comparison.partial.isEmpty {
            lines.append("Some cells, metrics, curves, figures or tables are present in only some runs; they are listed under [Present in only some runs](#present-in-only-some-runs).")
        }
        out += lines.map { "> " + $0 }.joined(separator: "\n>\n") + "\n\n"
        return out
    }

    func runsSection() -> String {
        var rows: [[String]] = []
        func row(_ title: String, _ value: (ComparedRun) -> String) { rows.append([title] + runs.map(value)) }
        row("Folder") { MarkdownText.code(Self.escapeCell($0.path)) }
        row("Lesson") { "\(MarkdownText.code(Self.escapeCell($0.manifest.lesson))) (\(MarkdownText.code(Self.escapeCell($0.manifest.source))))" }
        if Set(runs.map(\.manifest.sourceHash)).count > 1 {
            row("Lesson file") { "SHA-256 `\($0.manifest.sourceHash.prefix(12))`" }
        }
        row("Profile") { $0.manifest.profile }
        row("Rendered") { Self.when($0.manifest.startedAt) }
        row("Tool version") { $0.manifest.toolVersion }
        row("Seeds") { run in
            var text = String(run.manifest.seed)
            let own = run.cells.filter { $0.seed != run.manifest.seed }
            if !own.isEmpty { text += " (" + own.map { "`\($0.cell)`: \($0.seed)" }.joined(separator: ", ") + ")" }
            return text
        }
        row("Overrides") { run in
            run.manifest.overrides.isEmpty ? "none" : run.manifest.overrides.map { MarkdownText.code(Self.escapeCell($0)) }.joined(separator: "<br>")
        }
        row("Claims") { run in
            let claims = run.manifest.claims
            let total = claims.total
            if total == 0 { return "none" }
            if claims.failed > 0 {
                return "✗ \(claims.failed) of \(total) fail" + (claims.undecided > 0 ? ", \(claims.undecided) undecided" : "")
            }
            return claims.undecided > 0 ? "? \(claims.undecided) of \(total) undecided" : "✓ \(total) of \(total) hold"
        }
        return "## Runs\n\n" + table(header: [""] + runLabels(), rows: rows, numeric: false) + "\n\n"
    }

    func settingsSection() -> String {
        var out = "## Settings that differ\n\n"
        if comparison.comparedCells.isEmpty {
            return out + "No cell is shared by two runs, so there are no settings to compare.\n\n"
        }
        if comparison.settings.isEmpty {
            return out + "No setting differs: every compared cell ran with the same parameters and seed in every run.\n\n"
        }
        out += "Only the parameters whose values differ; every other parameter is the same in every run.\n\n"
        for cell in comparison.comparedCells {
            let rows = comparison.settings.filter { $0.cell == cell }
            guard !rows.isEmpty else { continue }
            out += "### Cell `\(cell)`\n\n"
            out += table(header: ["Parameter"] + runLabels(), rows: rows.map { row in
                [row.key.hasPrefix("(") ? "*\(row.key.dropFirst().dropLast())*" : "`\(row.key)`"]
                    + row.values.map { $0.map { MarkdownText.code(Self.escapeCell($0)) } ?? "—" }
            }, numeric: false) + "\n\n"
        }
        return out
    }

    func metricsSection() -> String {
        var out = "## Metrics\n\n"
        guard !comparison.metrics.isEmpty else { return out + "The compared cells have no metrics.\n\n" }
        out += "Every metric of every compared cell. Each change is against the baseline (**\(runs[0].label)**) as a difference and a percentage; "
        out += "for losses and errors lower is better, for accuracies higher is better, other metrics have no direction. `=` means unchanged, — missing.\n\n"
        var header = ["Metric", runs[0].label + " (baseline)"]
        for run in runs.dropFirst() { header += [run.label, "change"] }
        for cell in comparison.comparedCells {
            let rows = comparison.metrics.filter { $0.cell == cell }
            guard !rows.isEmpty else { continue }
            let changed = rows.filter(\.changed).count
            out += "### Cell `\(cell)`\n\n"
            let metricTable = table(header: header, rows: rows.map { row in
                var cells = [MarkdownText.code(Self.escapeCell(row.metric)), row.values[0].map(Self.number) ?? "—"]
                for index in runs.indices.dropFirst() {
                    cells.append(row.values[index].map(Self.number) ?? "—")
                    cells.append(change(row, index))
                }
                return cells
            }, numeric: true)
            if changed == 0 {
                // Unchanged cells fold away, so the changes stand out.
                out += "All \(rows.count) metrics are the same in every run.\n\n"
                out += "<details><summary>Show them</summary>\n\n" + metricTable + "\n\n</details>\n\n"
            } else {
                out += "\(changed) of \(rows.count) metrics changed.\n\n" + metricTable + "\n\n"
            }
        }
        return out
    }

    /// `+0.0123 (+4.1%) better`, `=`, or `—`.
    func change(_ row: MetricRow, _ index: Int) -> String {
        guard let base = row.values[0], let value = row.values[index] else { return "—" }
        if MetricRow.same(base, value) { return "=" }
        guard let difference = row.difference(index) else {
            if value.isNaN { return "diverged" + (row.direction == .none ? "" : " · **worse**") }
            if base.isNaN { return "no longer diverges" + (row.direction == .none ? "" : " · **better**") }
            return "—"
        }
        var text = Self.signed(difference)
        if let relative = row.relativeChange(index) { text += " (\(Self.percent(relative)))" }
        if let better = row.direction.isImprovement(difference) { text += better ? " · **better**" : " · **worse**" }
        return text
    }

    func curvesSection(_ files: [String?]) -> String {
        var out = "## Curves\n\n"
        guard !comparison.curves.isEmpty else { return out + "No series is present in two or more runs.\n\n" }
        let same = comparison.curves.filter(\.identical).map { "`\($0.cell)` · \($0.name)" }
        if same.count == comparison.curves.count {
            return out + "All \(same.count) series present in two or more runs are identical in every run: " + same.joined(separator: ", ") + ".\n\n"
        }
        let key = runs.indices.map { "\(Self.colorName($0)) \($0 == 0 ? "solid" : "dashed"): **\(runs[$0].label)**" }
        out += "Each series that changed between the runs, overlaid; each run keeps its colour in every figure (" + key.joined(separator: ", ") + ").\n\n"
        if !same.isEmpty { out += "Identical in every run (not drawn): " + same.joined(separator: ", ") + ".\n\n" }
        for (row, file) in zip(comparison.curves, files) {
            guard let file else { continue }
            out += "### `\(row.cell)` · \(row.name)\n\n"
            out += "![\(row.cell) · \(row.name), one line per run](\(file))\n\n"
            let finals = row.series.enumerated().compactMap { index, series -> String? in
                guard let series, let last = series.y.last else { return nil }
                return "\(runs[index].label) \(Self.number(last))"
            }
            out += "*Last value: " + finals.joined(separator: ", ") + ".*\n\n"
        }
        return out
    }

    func figuresSection(_ placed: [PlacedFigure]) -> String {
        var out = "## Figures\n\n"
        guard !comparison.figures.isEmpty else { return out + "The compared cells have no figures.\n\n" }
        var same: [String] = []
        for (row, files) in zip(comparison.figures, placed) where row.identical {
            let name = "`\(row.cell)` · \(row.name)"
            same.append(files.images[row.reference].map { "[\(name)](\($0))" } ?? name)
        }
        if same.count == comparison.figures.count {
            return out + "All \(same.count) figure\(same.count == 1 ? " is" : "s are") identical in every run (pixel for pixel), so none is drawn here: "
                + same.joined(separator: ", ") + ".\n\n"
        }
        out += "Each figure that changed, run by run side by side. Under each, a difference image against the first column, in colours that readers with the common forms of colour blindness tell apart:\n\n"
        out += PixelDifference.legend + "\n\n"
        if !same.isEmpty { out += "Identical in every run (not drawn): " + same.joined(separator: ", ") + ".\n\n" }
        for (row, files) in zip(comparison.figures, placed) where !row.identical {
            out += "### `\(row.cell)` · \(row.name)\n\n"
            if !row.caption.isEmpty { out += "*\(row.caption)*\n\n" }
            var images: [String] = []
            var notes: [String] = []
            for index in runs.indices {
                guard let file = files.images[index] else {
                    images.append("—")
                    notes.append("not in this run")
                    continue
                }
                images.append("![\(Self.escapeAlt(row.title)) (\(Self.escapeAlt(runs[index].label)))](\(file))")
                switch row.changes[index] {
                case nil: notes.append(index == row.reference ? (index == 0 ? "baseline" : "reference") : "—")
                case .identical?: notes.append("identical to \(runs[row.reference].label)")
                case .changed(let difference)?:
                    let share = Self.share(difference.changedShare)
                    let image = files.differences[index].map { "<br>![difference from \(Self.escapeAlt(runs[row.reference].label))](\($0))" } ?? ""
                    notes.append("**\(share) of pixels changed** (\(Self.grouped(difference.changedPixels)) of \(Self.grouped(difference.totalPixels)))\(image)")
                case .sizeDiffers(let base, let other)?:
                    notes.append("size changed: \(other.width) × \(other.height) px against \(base.width) × \(base.height) px, so no pixel comparison")
                case .bytesDiffer?:
                    notes.append("the files differ (no PNG to compare pixel by pixel)")
                }
            }
            out += table(header: runLabels(), rows: [images, notes], numeric: false) + "\n\n"
        }
        return out
    }

    func tablesSection() -> String {
        guard !comparison.tables.isEmpty else { return "" }
        var out = "## Tables\n\n"
        out += "Every table present in two or more runs, value by value against the first run that has it (rows are named by their first column).\n\n"
        var identical: [String] = []
        for row in comparison.tables {
            let others = runs.indices.filter { $0 != row.reference && row.tables[$0] != nil }
            if others.allSatisfy({ row.changes($0)?.isEmpty == true }) {
                identical.append("`\(row.cell)` · \(row.name)")
                continue
            }
            out += "### `\(row.cell)` · \(row.name)\n\n"
            var lines: [String] = []
            for index in runs.indices where index != row.reference {
                let label = runs[index].label
                guard row.tables[index] != nil else { lines.append("- **\(label)**: not in this run"); continue }
                guard let changes = row.changes(index) else {
                    lines.append("- **\(label)**: the table has other columns or another number of rows, so its values cannot be paired")
                    continue
                }
                if changes.isEmpty { lines.append("- **\(label)**: identical to \(runs[row.reference].label)"); continue }
                var line = "- **\(label)**: \(changes.count) of \(row.valueCount) values differ from \(runs[row.reference].label): "
                let shown = changes.prefix(8).map { change in
                    "\(change.row.isEmpty ? "" : "`\(change.row)` · ")`\(change.column)` \(Self.tableValue(change.before)) → \(Self.tableValue(change.after))"
                }
                line += shown.joined(separator: "; ") + (changes.count > 8 ? "; and \(changes.count - 8) more" : "")
                lines.append(line)
            }
            out += lines.joined(separator: "\n") + "\n\n"
        }
        if !identical.isEmpty {
            out += (identical.count == comparison.tables.count ? "All tables are identical in every run: " : "Identical in every run: ")
                + identical.joined(separator: ", ") + ".\n\n"
        }
        return out
    }

    static func tableValue(_ value: TableValue) -> String {
        switch value {
        case .number(let value): return Self.number(value)
        case .text(let text): return text.isEmpty ? "(empty)" : text
        }
    }

    func claimsSection() -> String {
        var out = "## Claims\n\n"
        guard !comparison.claims.isEmpty else { return out + "The compared cells make no checked claims.\n\n" }
        out += "Each run's result for every claim of the compared cells (✓ holds, ✗ fails, ? undecided: the 95% interval of the difference straddles the claimed boundary, — not in that run).\n\n"
        out += table(header: ["Cell", "Claim"] + runLabels() + ["Verdict"], rows: comparison.claims.map { row in
            ["`\(row.cell)`", MarkdownText.code(Self.escapeCell(row.claim))]
                + row.results.map { $0.map(Self.claimCell) ?? "—" }
                + [row.flips ? "⚠️ **changes**" : "same"]
        }, numeric: false) + "\n\n"
        return out
    }

    /// One run's result in the claims table: the verdict's mark and the values, and for a
    /// claim decided on an interval its difference, interval and method.
    static func claimCell(_ result: ClaimResult) -> String {
        var text = "\(result.verdict.mark) \(result.values)"
        if !result.intervals.isEmpty { text += "; " + result.intervalText }
        return escapeCell(text)
    }

    func partialSection() -> String {
        var out = "## Present in only some runs\n\n"
        guard !comparison.partial.isEmpty else {
            return out + "Nothing: every run has the same cells, and every compared cell the same metrics, curves, figures and tables.\n\n"
        }
        out += "Listed here rather than dropped silently; compared where two or more runs have them.\n\n"
        out += table(header: ["What", "Name", "In", "Not in"], rows: comparison.partial.map { item in
            let name = item.kind == .cell ? "`\(item.cell)`" : "`\(item.cell)` · `\(item.name)`"
            let present = item.runs.map { runs[$0].label }
            let absent = runs.indices.filter { !item.runs.contains($0) }.map { runs[$0].label }
            return [item.kind.rawValue, name, present.isEmpty ? "—" : present.joined(separator: ", "), absent.joined(separator: ", ")]
        }, numeric: false) + "\n\n"
        return out
    }

    func metricsCSV() -> String {
        func quote(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [(["cell", "metric"] + runs.map(\.label)).map(quote).joined(separator: ",")]
        for row in comparison.metrics {
            lines.append(([row.cell, row.metric] + row.values.map { $0.map(NumberFormat.shortest) ?? "" }).map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Helpers

    func runLabels() -> [String] { runs.enumerated().map { $0.offset == 0 ? "**\($0.element.label)** (baseline)" : "**\($0.element.label)**" } }

    func owners(of cell: String) -> String {
        runs.filter { $0.cell(cell) != nil }.map(\.label).joined(separator: ", ")
    }

    func table(header: [String], rows: [[String]], numeric: Bool) -> String {
        var lines = ["| " + header.map(Self.escapeCell).joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { index in numeric && index > 0 ? " ---: |" : " --- |" }.joined())
        for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    static func escapeCell(_ text: String) -> String { MarkdownText.cell(text) }
    static func escapeAlt(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: "|", with: "\\|")
    }

    static func colorName(_ index: Int) -> String {
        ["blue", "orange", "green", "vermillion", "pink", "sky blue", "yellow", "black"][index % 8]
    }

    /// Whole numbers as they are (with thousands separators), others to 6 significant digits.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN (diverged)" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        if value.rounded() == value, abs(value) < 1e15 { return NumberFormat.group(String(Int64(value))) }
        return String(format: "%.6g", value)
    }

    static func signed(_ value: Double) -> String {
        let text = value.rounded() == value && abs(value) < 1e15 ? NumberFormat.group(String(Int64(abs(value))))
            : String(format: "%.4g", abs(value))
        return (value < 0 ? "−" : "+") + text
    }

    static func percent(_ share: Double) -> String {
        let magnitude = abs(share * 100)
        let sign = share < 0 ? "−" : "+"
        if magnitude < 0.05 { return "\(sign)<0.1%" }
        return sign + (magnitude >= 100 ? String(format: "%.0f", magnitude) : String(format: "%.1f", magnitude)) + "%"
    }

    /// A share of pixels: `0.37%`, or `<0.01%` for a handful.
    static func share(_ value: Double) -> String {
        let percent = value * 100
        if percent > 0, percent < 0.01 { return "<0.01%" }
        return String(format: percent < 10 ? "%.2f%%" : "%.1f%%", percent)
    }

    /// `2026-11-23T11:29:46Z` as `2026-11-23 11:29 UTC`; anything else as it is.
    static func when(_ stamp: String) -> String {
        let parts = stamp.split(separator: "T")
        guard parts.count == 2, stamp.hasSuffix("Z"), parts[1].count >= 5 else { return stamp }
        return "\(parts[0]) \(parts[1].prefix(5)) UTC"
    }

    static func grouped(_ value: Int) -> String { NumberFormat.group(String(value)) }
}
