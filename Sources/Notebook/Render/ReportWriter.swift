import Foundation

/// Assembles `report.md`: a header with the claim summary, the lesson's prose with its
/// references filled in, and under each cell its figures (PNG embedded, SVG linked),
/// tables, notes and claim results, and at the end a "What was run" section listing every
/// setting of every cell as it ran. Holds no timings, so it is stable between runs.
struct ReportWriter {
    let plan: LessonPlan
    let records: [String: CellRecord]
    let filled: [Int: String]
    let manifest: RunManifest
    /// The exercises' runs and verdicts, by exercise id.
    var exercises: [String: ExerciseRecord] = [:]
    /// The student edition writes no answer (see `Edition`).
    var edition: Edition = .instructor

    func markdown() -> String {
        let lesson = plan.lesson
        var out = "<!-- Written by lessonbook from \(lesson.path); edit the lesson, not this file. -->\n\n"
        // The report's title is the prose's opening `# ` heading if it has one, else the
        // front matter's; the claim summary sits right under it.
        var filled = self.filled
        var title = "# \(lesson.title)"
        if case .prose(_, _)? = lesson.blocks.first, let text = filled[0] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
               lines[first].hasPrefix("# ") {
                title = String(lines[first])
                lines.remove(at: first)
                filled[0] = lines.joined(separator: "\n")
            }
        }
        out += title + "\n\n"
        if !lesson.summary.isEmpty { out += "*\(lesson.summary)*\n\n" }
        out += header() + "\n"
        for (index, block) in lesson.blocks.enumerated() {
            switch block {
            case .prose:
                out += (filled[index] ?? "") + "\n"
            case .cell(let cell):
                if let record = records[cell.id] { out += "\n" + section(cell, record) + "\n" }
            case .exercise(let exercise):
                if let record = exercises[exercise.id] { out += "\n" + exerciseSection(record) + "\n" }
            }
        }
        out += "\n" + settingsSection()
        while out.contains("\n\n\n") { out = out.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    func header() -> String {
        let claims = records.values.flatMap(\.claims)
        let ids = records.keys.sorted()
        let failed = ids.flatMap { id in records[id]!.claims.filter { $0.verdict == .fails }.map { (id, $0) } }
        let undecided = ids.flatMap { id in records[id]!.claims.filter { $0.verdict == .undecided }.map { (id, $0) } }
        var lines: [String] = []
        if claims.isEmpty {
            lines.append("> This lesson makes no checked claims.")
        } else if failed.isEmpty && undecided.isEmpty {
            lines.append("> ✓ All \(claims.count) claim\(claims.count == 1 ? "" : "s") of this lesson hold.")
        } else {
            if failed.isEmpty {
                lines.append("> ? **\(undecided.count) of \(claims.count) claims are undecided** (the 95% interval of the difference straddles the claimed boundary, or there are too few seeds for one):")
            } else {
                lines.append("> ✗ **\(failed.count) of \(claims.count) claims failed" + (undecided.isEmpty ? ":**" : ", \(undecided.count) undecided:**"))
            }
            for (id, claim) in failed + undecided {
                var line = ">   - \(claim.verdict.mark) \(MarkdownText.code(claim.claim)) in cell `\(id)` (line \(claim.line)): \(claim.values)"
                if !claim.intervals.isEmpty { line += "; " + claim.intervalText }
                lines.append(line)
            }
        }
        lines.append(">")
        var settings = "> Profile: \(manifest.profile) · seed \(manifest.seed)"
        if !manifest.overrides.isEmpty {
            settings += " · overrides: " + manifest.overrides.map(MarkdownText.code).joined(separator: ", ")
        }
        settings += " · lessonbook \(manifest.toolVersion) · source \(MarkdownText.code(manifest.source))"
        lines.append(settings)
        return lines.joined(separator: "\n") + "\n"
    }

    func section(_ cell: LessonCell, _ record: CellRecord) -> String {
        var parts: [String] = []
        let names = cell.show ?? (record.figures.map(\.name) + record.tables.keys.sorted())
        for name in names {
            if let figure = record.figures.first(where: { $0.name == name }) {
                let png = figure.files.first { $0.hasSuffix(".png") }
                let embedded = png ?? figure.files.first ?? ""
                var text = "![\(escape(figure.altText))](\(embedded))\n\n*\(figure.caption.isEmpty ? figure.title : figure.caption)*"
                let others = figure.files.filter { $0 != embedded && !$0.hasSuffix(".frames.json") }
                if !others.isEmpty {
                    text += " (" + others.map { file -> String in
                        let kind = (file as NSString).pathExtension.uppercased()
                        return kind == "CSV" ? "[data (CSV)](\(file))" : "[\(kind)](\(file))"
                    }.joined(separator: ", ") + ")"
                }
                parts.append(text)
            } else if let table = record.tables[name] {
                parts.append(markdownTable(table, csv: "data/\(record.cell)-\(name).csv"))
            }
        }
        for note in record.notes { parts.append("> Note: \(note)") }
        if !record.claims.isEmpty {
            parts.append(record.claims.map(Self.claimLine).joined(separator: "\n"))
        }
        parts.append("<sub>Cell `\(record.cell)`: `\(record.kind)` v\(record.version), seed \(record.seed)\(Self.seedsText(record)) · [data](data/\(record.cell).json)</sub>")
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// A claim's line under its cell: the mark of its verdict, the claim, its values, and
    /// for a claim decided on an interval the difference, interval and method.
    static func claimLine(_ claim: ClaimResult) -> String {
        var line = "- \(claim.verdict.mark) \(MarkdownText.code(claim.claim)) (\(claim.values))"
        if claim.intervals.isEmpty {
            return line + (claim.holds ? "" : " — **this claim failed**")
        }
        switch claim.verdict {
        case .holds: line += " — holds: "
        case .fails: line += " — **this claim failed**: "
        case .undecided: line += " — **undecided**: "
        }
        return line + claim.intervalText
    }

    /// `, 20 seeds (added from 5 up to 30 until its claims were decided)` for a cell with
    /// `seeds: {min, max}`; empty otherwise.
    static func seedsText(_ record: CellRecord) -> String {
        guard let adaptive = record.adaptiveSeeds, case .int(let count)? = record.config["seeds"] else { return "" }
        return ", \(count) seeds (from \(adaptive.min), doubled up to \(adaptive.max) while a claim was undecided)"
    }

    /// Every setting of every cell as it ran: the kind's defaults merged with the cell's
    /// `with:`, the quick profile and `--set`, taken from the effective configuration, so
    /// the table cannot disagree with what ran. Cells with the same kind, version, seed and
    /// settings share one table. Empty for a lesson without cells.
    func settingsSection() -> String {
        var groups: [(cells: [String], record: CellRecord)] = []
        // The exercises' changed runs after the cells, in file order.
        let runs = plan.lesson.cells.compactMap { cell in records[cell.id].map { (cell.id, $0) } }
            + plan.lesson.exercises.compactMap { exercise in exercises[exercise.id].map { (exercise.id, $0.data) } }
        for (id, record) in runs {
            if let g = groups.firstIndex(where: { $0.record.kind == record.kind && $0.record.version == record.version
                && $0.record.seed == record.seed && $0.record.config == record.config
                && $0.record.adaptiveSeeds == record.adaptiveSeeds }) {
                groups[g].cells.append(id)
            } else {
                groups.append(([id], record))
            }
        }
        guard !groups.isEmpty else { return "" }
        var parts = ["## What was run",
                     "Every setting of every cell as it ran (\(manifest.profile) profile): the experiment's defaults with the cell's `with:`\(manifest.profile == "quick" ? ", the quick settings (the experiment's and the cell's `quick:`)" : "") and any `--set` overrides applied\(exercises.isEmpty ? "" : " (and, for an exercise, its change)"). Set in code, not here: what the prose above states about initialisation, optimiser constants and data handling."]
        for group in groups {
            let record = group.record
            var lines = ["**" + group.cells.map { "`\($0)`" }.joined(separator: ", ") + "**: `\(record.kind)` v\(record.version), seed \(record.seed)\(Self.seedsText(record))\n",
                         "| setting | value |", "| --- | --- |"]
            for key in record.config.keys.sorted() {
                for (name, value) in Self.settingRows(key, record.config[key]!) {
                    lines.append("| `\(name)` | \(escapeCell(value)) |")
                }
            }
            parts.append(lines.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// One row per setting; a list of mappings (such as a list of variants) gets one row
    /// per item, named `key[i]`.
    static func settingRows(_ key: String, _ value: ConfigValue) -> [(String, String)] {
        if case .array(let items) = value, !items.isEmpty, items.allSatisfy({ if case .object = $0 { return true } else { return false } }) {
            return items.enumerated().map { ("\(key)[\($0.offset)]", settingText($0.element)) }
        }
        return [(key, settingText(value))]
    }

    /// A configuration value as it would be written in YAML's flow style.
    static func settingText(_ value: ConfigValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return NumberFormat.shortest(d)
        case .string(let text):
            return text.isEmpty || text.contains(where: { ",:[]{}#\"".contains($0) }) ? "\"\(text)\"" : text
        case .array(let items): return "[" + items.map(settingText).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.keys.sorted().map { "\($0): \(settingText(object[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    func markdownTable(_ table: Table, csv: String) -> String {
        var lines: [String] = []
        if !table.caption.isEmpty { lines.append("**\(table.caption)** ([CSV](\(csv)))\n") }
        lines.append("| " + table.columns.map(escapeCell).joined(separator: " | ") + " |")
        lines.append("|" + table.columns.indices.map { index -> String in
            let numeric = table.rows.allSatisfy { row in
                guard index < row.count else { return true }
                if case .number = row[index] { return true } else { return false }
            }
            return numeric ? " ---: |" : " --- |"
        }.joined())
        for row in table.rows {
            lines.append("| " + row.map { value -> String in
                switch value {
                case .number(let number): return Self.tableNumber(number)
                case .text(let text): return escapeCell(text)
                }
            }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Whole numbers with thousands separators, others to 4 significant digits.
    static func tableNumber(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return NumberFormat(",d")!.format(value) }
        return NumberFormat.automatic.format(value)
    }

    /// Text for an image's alt text in Markdown: every character Markdown could read as
    /// markup (or as a formula's `$`) is backslash-escaped, so the alt text reads as written.
    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\[]*_`$<>&!".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
    func escapeCell(_ text: String) -> String { MarkdownText.cell(text) }

    /// A table as CSV (RFC 4180 quoting; numbers in their shortest exact form).
    static func csv(_ table: Table) -> String {
        func quote(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [table.columns.map(quote).joined(separator: ",")]
        for row in table.rows {
            lines.append(row.map { value -> String in
                switch value {
                case .number(let number): return NumberFormat.shortest(number)
                case .text(let text): return quote(text)
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
