import Foundation
import Plot

/// Two or more runs put side by side: what differs in their settings, how their metrics
/// moved against the baseline (the first run), which curves can be overlaid, how their
/// figures differ pixel by pixel, and which claims changed their verdict. A value: build
/// it from loaded runs, inspect it, then write it with `write(to:)`.
///
///     let runs = try [ComparedRun(contentsOf: a, label: "narrow"), ComparedRun(contentsOf: b, label: "wide")]
///     let comparison = try Comparison(runs: runs)
///     try comparison.write(to: URL(fileURLWithPath: "output/compare/narrow-vs-wide"))
///
/// Cells are matched by id. A cell present in two or more runs is compared (runs lacking
/// it show a dash); a cell, metric, curve or figure present in only some runs is listed
/// in `partial`, never dropped silently. Runs of different lessons are allowed.
public struct Comparison: Sendable {
    /// The runs, baseline first.
    public var runs: [ComparedRun]
    /// Every cell id, in order of first appearance over the runs.
    public var cells: [String]
    /// The cells present in two or more runs, which the report compares.
    public var comparedCells: [String]
    /// Per cell, the parameters whose values differ (only those).
    public var settings: [SettingRow]
    /// Every metric of every compared cell.
    public var metrics: [MetricRow]
    /// Every series present in two or more runs, to draw overlaid.
    public var curves: [CurveRow]
    /// Every figure of every compared cell, with its difference from the first run showing it.
    public var figures: [FigureRow]
    /// Every table of every compared cell present in two or more runs, value by value.
    public var tables: [TableRow]
    /// Every claim of every compared cell, with each run's result.
    public var claims: [ClaimRow]
    /// Cells, metrics, series and figures that some runs lack.
    public var partial: [Presence]

    /// Compares `runs` (the first is the baseline). Throws when there are fewer than two,
    /// when two share a label, or when a figure file a run lists cannot be read.
    public init(runs: [ComparedRun]) throws {
        guard runs.count >= 2 else {
            throw NotebookError(file: runs.first?.path ?? "lessonbook compare", message:
                "a comparison needs at least two runs, found \(runs.count); expected two or more run folders (or two or more --variant options)")
        }
        var labels: Set<String> = []
        for run in runs where !labels.insert(run.label).inserted {
            throw NotebookError(file: run.path, message: "two runs are both named `\(run.label)`; expected a different name for each run")
        }
        self.runs = runs
        var cells: [String] = []
        for run in runs { for cell in run.cells where !cells.contains(cell.cell) { cells.append(cell.cell) } }
        self.cells = cells
        comparedCells = cells.filter { id in runs.filter { $0.cell(id) != nil }.count >= 2 }
        settings = []
        metrics = []
        curves = []
        figures = []
        tables = []
        claims = []
        partial = []

        for id in cells {
            let have = runs.indices.filter { runs[$0].cell(id) != nil }
            if have.count < runs.count { partial.append(Presence(kind: .cell, cell: id, name: id, runs: have)) }
        }
        for id in comparedCells {
            let records = runs.map { $0.cell(id) }
            let have = runs.indices.filter { records[$0] != nil }
            settings += Self.settingRows(cell: id, records: records)

            let metricNames = Set(have.flatMap { records[$0]!.metrics.keys }).sorted()
            for (name, values, _) in Self.byName(metricNames, .metric, of: id, records, have, &partial, { $0.metrics[$1] }) {
                metrics.append(MetricRow(cell: id, metric: name, values: values))
            }

            let seriesNames = Set(have.flatMap { records[$0]!.series.keys }).sorted()
            for (name, series, owners) in Self.byName(seriesNames, .series, of: id, records, have, &partial, { $0.series[$1] })
            where owners.count >= 2 {
                curves.append(CurveRow(cell: id, name: name, series: series))
            }

            var figureNames: [String] = []
            for index in have { for figure in records[index]!.figures where !figureNames.contains(figure.name) { figureNames.append(figure.name) } }
            for (name, found, _) in Self.byName(figureNames, .figure, of: id, records, have, &partial,
                                                { record, name in record.figures.first { $0.name == name } }) {
                figures.append(try FigureRow(cell: id, name: name, records: found, runs: runs))
            }

            let tableNames = Set(have.flatMap { records[$0]!.tables.keys }).sorted()
            for (name, found, owners) in Self.byName(tableNames, .table, of: id, records, have, &partial, { $0.tables[$1] })
            where owners.count >= 2 {
                tables.append(TableRow(cell: id, name: name, tables: found))
            }

            var claimTexts: [String] = []
            for index in have { for claim in records[index]!.claims where !claimTexts.contains(claim.claim) { claimTexts.append(claim.claim) } }
            for text in claimTexts {
                claims.append(ClaimRow(cell: id, claim: text, results: records.map { $0?.claims.first { $0.claim == text } }))
            }
        }
    }

    /// For each of `names`, what each run's record of `cell` holds under it (nil where a run
    /// lacks the cell or the name) and the runs among `have` (those with the cell) that hold
    /// it. A name that some of those runs lack is also listed in `partial`, so that metrics,
    /// series, figures and tables are matched and reported missing the same way.
    static func byName<Value>(_ names: [String], _ kind: Presence.Kind, of cell: String, _ records: [CellRecord?],
                              _ have: [Int], _ partial: inout [Presence], _ value: (CellRecord, String) -> Value?)
        -> [(name: String, found: [Value?], owners: [Int])] {
        names.map { name in
            let found = records.map { $0.flatMap { value($0, name) } }
            let owners = have.filter { found[$0] != nil }
            if owners.count < have.count { partial.append(Presence(kind: kind, cell: cell, name: name, runs: owners)) }
            return (name, found, owners)
        }
    }

    /// The baseline: the first run.
    public var baseline: ComparedRun { runs[0] }
    /// The lessons the runs come from, in run order without repeats.
    public var lessons: [String] {
        var names: [String] = []
        for run in runs where !names.contains(run.manifest.lesson) { names.append(run.manifest.lesson) }
        return names
    }
    /// Cells that only one run has, so nothing could be compared.
    public var uncomparedCells: [String] { cells.filter { !comparedCells.contains($0) } }
    /// Claims that hold in one run and fail in another.
    public var flippedClaims: [ClaimRow] { claims.filter(\.flips) }
    /// Metrics whose value is not the same in every run that has them.
    public var changedMetrics: [MetricRow] { metrics.filter(\.changed) }

    /// The rows of parameters whose values differ for one cell: the configuration flattened
    /// to dotted keys (lists kept whole: `hidden = [8, 8]`), plus the experiment and seed.
    static func settingRows(cell: String, records: [CellRecord?]) -> [SettingRow] {
        let flat = records.map { $0.map { flatten($0.config) } }
        var rows: [SettingRow] = []
        func add(_ key: String, _ values: [String?]) {
            if Set(values.compactMap { $0 }).count > 1 {
                rows.append(SettingRow(cell: cell, key: key, values: values))
            }
        }
        add("(experiment)", records.map { $0.map { "\($0.kind) v\($0.version)" } })
        add("(seed)", records.map { $0.map { String($0.seed) } })
        let keys = Set(flat.compactMap { $0 }.flatMap(\.keys)).sorted()
        for key in keys {
            // A key one run lacks (a newer experiment version) shows as "—" in that column.
            add(key, zip(records, flat).map { record, values in record == nil ? nil : (values?[key] ?? "—") })
        }
        return rows
    }

    /// `{optimizer: {lr: 0.1}}` becomes `optimizer.lr = 0.1`.
    static func flatten(_ config: [String: ConfigValue], prefix: String = "") -> [String: String] {
        var flat: [String: String] = [:]
        for (key, value) in config {
            let dotted = prefix.isEmpty ? key : "\(prefix).\(key)"
            if case .object(let nested) = value, !nested.isEmpty {
                flat.merge(flatten(nested, prefix: dotted)) { first, _ in first }
            } else {
                flat[dotted] = value.shortDescription
            }
        }
        return flat
    }
}
