import Foundation

/// One table of one cell across the runs, compared value by value with the first run
/// that has it.
public struct TableRow: Sendable {
    /// The id of the cell the table belongs to.
    public var cell: String
    /// The table's name in the cell.
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
        /// The changed row, named by its value in the first column.
        public var row: String
        /// The changed column's heading.
        public var column: String
        /// The value in the reference run.
        public var before: TableValue
        /// The value in the compared run.
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
