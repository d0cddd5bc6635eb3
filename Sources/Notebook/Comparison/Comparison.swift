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
            for name in metricNames {
                let values = records.map { $0?.metrics[name] }
                metrics.append(MetricRow(cell: id, metric: name, values: values))
                let owners = have.filter { records[$0]!.metrics[name] != nil }
                if owners.count < have.count { partial.append(Presence(kind: .metric, cell: id, name: name, runs: owners)) }
            }

            let seriesNames = Set(have.flatMap { records[$0]!.series.keys }).sorted()
            for name in seriesNames {
                let series = records.map { $0?.series[name] }
                let owners = have.filter { series[$0] != nil }
                if owners.count >= 2 { curves.append(CurveRow(cell: id, name: name, series: series)) }
                if owners.count < have.count { partial.append(Presence(kind: .series, cell: id, name: name, runs: owners)) }
            }

            var figureNames: [String] = []
            for index in have { for figure in records[index]!.figures where !figureNames.contains(figure.name) { figureNames.append(figure.name) } }
            for name in figureNames {
                let found = records.map { $0?.figures.first { $0.name == name } }
                figures.append(try FigureRow(cell: id, name: name, records: found, runs: runs))
                let owners = have.filter { found[$0] != nil }
                if owners.count < have.count { partial.append(Presence(kind: .figure, cell: id, name: name, runs: owners)) }
            }

            let tableNames = Set(have.flatMap { records[$0]!.tables.keys }).sorted()
            for name in tableNames {
                let found = records.map { $0?.tables[name] }
                let owners = have.filter { found[$0] != nil }
                if owners.count >= 2 { tables.append(TableRow(cell: id, name: name, tables: found)) }
                if owners.count < have.count { partial.append(Presence(kind: .table, cell: id, name: name, runs: owners)) }
            }

            var claimTexts: [String] = []
            for index in have { for claim in records[index]!.claims where !claimTexts.contains(claim.claim) { claimTexts.append(claim.claim) } }
            for text in claimTexts {
                claims.append(ClaimRow(cell: id, claim: text, results: records.map { $0?.claims.first { $0.claim == text } }))
            }
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

/// A parameter of one cell whose value differs between runs.
public struct SettingRow: Sendable, Equatable {
    public var cell: String
    /// The dotted parameter (`hidden`, `optimizer.lr`), or `(experiment)` / `(seed)`.
    public var key: String
    /// The value per run as written in a lesson; nil where the run lacks the cell.
    public var values: [String?]
}

/// One metric of one cell across the runs.
public struct MetricRow: Sendable {
    public var cell: String
    public var metric: String
    /// The value per run; nil where the run lacks the cell or the metric. NaN marks a diverged run.
    public var values: [Double?]

    public var direction: MetricDirection { MetricDirection(metric: metric) }

    /// Whether the runs that have the metric disagree (NaN equals NaN here).
    public var changed: Bool {
        let present = values.compactMap { $0 }
        guard let first = present.first else { return false }
        return present.contains { !Self.same($0, first) }
    }

    /// Run `index` minus the baseline; nil when either is missing or not finite.
    public func difference(_ index: Int) -> Double? {
        guard let base = values[0], let value = values[index], base.isFinite, value.isFinite else { return nil }
        return value - base
    }

    /// The difference as a share of the baseline's magnitude (0.05 is 5%); nil when the
    /// baseline is zero or either value is missing.
    public func relativeChange(_ index: Int) -> Double? {
        guard let difference = difference(index), let base = values[0], base != 0 else { return nil }
        return difference / abs(base)
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}

/// A named series of one cell, present in two or more runs.
public struct CurveRow: Sendable {
    public var cell: String
    public var name: String
    /// The series per run; nil where the run lacks it.
    public var series: [Series?]

    /// Whether every run that has the series has exactly the same points.
    public var identical: Bool {
        let present = series.compactMap { $0 }
        return present.allSatisfy { $0 == present[0] }
    }
}

/// One figure of a compared cell: each run's file and how it differs from the first run
/// showing it (the reference).
public struct FigureRow: Sendable {
    public var cell: String
    public var name: String
    public var title: String
    public var caption: String
    /// Per run: the image file relative to its run folder (PNG where there is one), or nil.
    public var files: [String?]
    /// The first run showing the figure; differences are measured against it.
    public var reference: Int
    /// Per run: how it differs from the reference (nil for the reference and runs without it).
    public var changes: [FigureChange?]

    init(cell: String, name: String, records: [FigureRecord?], runs: [ComparedRun]) throws {
        self.cell = cell
        self.name = name
        let reference = records.firstIndex { $0 != nil } ?? 0
        self.reference = reference
        title = records[reference]?.title ?? name
        caption = records[reference]?.caption ?? ""
        let files = records.map { record in
            record.flatMap { $0.files.first { $0.hasSuffix(".png") } ?? $0.files.first }
        }
        self.files = files
        var images: [PNGImage?] = []
        for (index, file) in files.enumerated() {
            guard let file else { images.append(nil); continue }
            let url = runs[index].file(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw NotebookError(file: runs[index].shownPath(file), message:
                    "the figure file listed in data/\(cell).json is missing; expected the run's figures (render the lesson again)")
            }
            if file.hasSuffix(".png") {
                do {
                    images.append(try PNGImage(contentsOf: url))
                } catch {
                    throw NotebookError(file: runs[index].shownPath(file), message: "cannot read the figure: it is not a readable PNG image; expected the run's figures (render the lesson again)")
                }
            } else {
                images.append(nil)
            }
        }
        changes = files.indices.map { index -> FigureChange? in
            guard index != reference, let file = files[index], let referenceFile = files[reference] else { return nil }
            if let image = images[index], let base = images[reference] {
                guard let difference = PixelDifference(baseline: base, other: image) else {
                    return .sizeDiffers(base: (base.width, base.height), other: (image.width, image.height))
                }
                return difference.identical ? .identical : .changed(difference)
            }
            // No pixels to compare (SVG or PDF only): compare the bytes.
            let same = FileManager.default.contentsEqual(atPath: runs[index].file(file).path,
                                                         andPath: runs[reference].file(referenceFile).path)
            return same ? .identical : .bytesDiffer
        }
    }

    /// True when every run showing the figure shows it pixel for pixel the same.
    public var identical: Bool {
        changes.allSatisfy { change in
            if case .identical? = change { return true }
            return change == nil
        }
    }
}

/// How a figure differs from the reference run's.
public enum FigureChange: Sendable {
    /// Pixel for pixel (or byte for byte) the same.
    case identical
    /// Same size, some pixels changed.
    case changed(PixelDifference)
    /// Sizes in pixels differ, so there is no pixel comparison.
    case sizeDiffers(base: (width: Int, height: Int), other: (width: Int, height: Int))
    /// Not PNG (SVG or PDF only) and the files are not byte-identical.
    case bytesDiffer
}

/// One table of one cell across the runs, compared value by value with the first run
/// that has it.
public struct TableRow: Sendable {
    public var cell: String
    public var name: String
    /// The table per run; nil where the run lacks it.
    public var tables: [Table?]
    /// The first run with the table.
    public var reference: Int

    init(cell: String, name: String, tables: [Table?]) {
        self.cell = cell
        self.name = name
        self.tables = tables
        reference = tables.firstIndex { $0 != nil } ?? 0
    }

    /// A value that differs from the reference: the row (named by its first column), the
    /// column, and both values.
    public struct Change: Sendable, Equatable {
        public var row: String
        public var column: String
        public var before: TableValue
        public var after: TableValue
    }

    /// The values of run `index` that differ from the reference's; nil when the two tables
    /// differ in shape (columns or number of rows), so values cannot be paired.
    public func changes(_ index: Int) -> [Change]? {
        guard let base = tables[reference], let table = tables[index] else { return [] }
        guard base.columns == table.columns, base.rows.count == table.rows.count,
              zip(base.rows, table.rows).allSatisfy({ $0.count == $1.count }) else { return nil }
        var changes: [Change] = []
        for (rowBase, row) in zip(base.rows, table.rows) {
            let label: String
            switch row.first {
            case .text(let text)?: label = text
            case .number(let number)?: label = NumberFormat.shortest(number)
            case nil: label = ""
            }
            for (column, (before, after)) in zip(table.columns, zip(rowBase, row)) where !Self.same(before, after) {
                changes.append(Change(row: label, column: column, before: before, after: after))
            }
        }
        return changes
    }

    /// Every value of the table, for "N of M values differ".
    public var valueCount: Int { tables[reference]?.rows.map(\.count).reduce(0, +) ?? 0 }

    static func same(_ a: TableValue, _ b: TableValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return MetricRow.same(x, y) }
        return a == b
    }
}

/// One claim of one cell across the runs.
public struct ClaimRow: Sendable {
    public var cell: String
    /// The claim as written (`final.train_accuracy >= 0.95`).
    public var claim: String
    /// Each run's result; nil where the run lacks the cell or the claim.
    public var results: [ClaimResult?]

    /// Holds in at least one run and fails in at least one other.
    public var flips: Bool {
        let verdicts = Set(results.compactMap { $0?.holds })
        return verdicts.count == 2
    }
}

/// Something present in only some runs: a cell, or a metric, series or figure of a cell.
public struct Presence: Sendable, Equatable {
    public enum Kind: String, Sendable { case cell, metric, series, figure, table }
    public var kind: Kind
    public var cell: String
    /// The metric, series or figure name (the cell id for a cell).
    public var name: String
    /// The indices of the runs that have it.
    public var runs: [Int]
}
