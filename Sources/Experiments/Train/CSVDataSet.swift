import CSV
import Foundation
import Learning
import Tensor
import Notebook

/// A CSV file of the reader's own as a data set: the first row names the columns, the
/// target column holds class labels or numbers, every other column is a numeric feature.
/// Parsing goes through CSV.swift (RFC 4180 quoting); this type checks the shape and the
/// numbers and says where a problem is (file, line, column).
struct CSVDataSet: Sendable {
    var featureNames: [String]
    var features: Matrix<Float>
    /// Class index of each row (classification), or empty.
    var labels: [Int]
    /// The class names, in the order of their indices (classification), or empty.
    var classNames: [String]
    /// The target of each row (regression), or empty.
    var targets: [Double]

    var isClassification: Bool { !classNames.isEmpty }

    /// Most distinct whole numbers a target column may hold and still be read as class labels.
    static let maxWholeClasses = 20

    /// Reads `path` (shown as `shownPath` in messages) predicting column `target`.
    static func read(path: String, shownPath: String, target: String) throws -> CSVDataSet {
        guard let data = FileBytes.read(atPath: path) else {
            throw InputFileError(path: shownPath, message: "cannot read the file; expected a CSV file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputFileError(path: shownPath, message: "the file is not UTF-8 text; expected a CSV file")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw InputFileError(path: shownPath, line: 1, message: "cannot read the header row (\(error)); expected column names separated by commas")
        }
        guard let header = reader.headerRow, !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            throw InputFileError(path: shownPath, line: 1, message: "no header row; expected column names separated by commas")
        }
        guard let targetIndex = header.firstIndex(of: target) else {
            var message = "no column `\(target)` to predict"
            if let near = Suggestion.nearest(to: target, among: header) { message += "; did you mean `\(near)`?" }
            message += (message.hasSuffix("?") ? "" : ".") + " The columns are: \(header.joined(separator: ", "))"
            throw InputFileError(path: shownPath, line: 1, message: message)
        }
        guard header.count >= 2 else {
            throw InputFileError(path: shownPath, line: 1, message: "only the target column; expected at least one feature column beside it")
        }
        let featureColumns = header.indices.filter { $0 != targetIndex }
        var rows: [[String]] = []
        var values: [Float] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw InputFileError(path: shownPath, line: line,
                                     message: "\(row.count) values in this row; expected \(header.count), one per column (\(header.joined(separator: ", ")))")
            }
            for column in featureColumns {
                guard let value = Double(row[column]), value.isFinite else {
                    throw InputFileError(path: shownPath, line: line, column: header[column],
                                         message: "`\(row[column])` is not a number; expected a finite number in every feature column")
                }
                values.append(Float(value))
            }
            rows.append(row)
        }
        if let error = reader.error {
            throw InputFileError(path: shownPath, line: line + 1, message: "cannot parse the row (\(error))")
        }
        guard rows.count >= 4 else {
            throw InputFileError(path: shownPath, message: "\(rows.count) data rows; expected at least 4 (training, validation and test splits need some each)")
        }
        let features = try Matrix<Float>(rows: rows.count, columns: featureColumns.count, storage: values)
        let column = rows.map { $0[targetIndex] }
        let numbers = column.map { Double($0) }
        var set = CSVDataSet(featureNames: featureColumns.map { header[$0] }, features: features,
                             labels: [], classNames: [], targets: [])
        if numbers.allSatisfy({ $0 != nil && $0!.isFinite }) {
            let values = numbers.map { $0! }
            let distinct = Set(values)
            if values.allSatisfy({ $0 == $0.rounded() }) && distinct.count <= maxWholeClasses {
                let classes = distinct.sorted()
                set.classNames = classes.map { String(Int($0)) }
                set.labels = values.map { classes.firstIndex(of: $0)! }
            } else {
                set.targets = values
            }
        } else {
            // Names: classes in order of first appearance.
            var names: [String] = []
            for value in column where !names.contains(value) { names.append(value) }
            if column.contains("") {
                throw InputFileError(path: shownPath, column: target,
                                     message: "an empty label; expected a class name or number in every row")
            }
            set.classNames = names
            set.labels = column.map { names.firstIndex(of: $0)! }
        }
        if set.isClassification && set.classNames.count < 2 {
            throw InputFileError(path: shownPath, column: target, message: "one class only (`\(set.classNames[0])`); expected at least two")
        }
        return set
    }
}
