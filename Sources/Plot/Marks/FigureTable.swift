import Foundation

/// The rows of `Figure.dataCSV` as marks write them (`MarkElement.tableRows`): columns
/// `panel,mark,series,x,y,value`, fields quoted where CSV needs it, numbers in their
/// shortest exact form.
struct FigureTable {
    private(set) var lines = ["panel,mark,series,x,y,value"]
    /// The panel being written (its title, or its number from 1).
    var panel = ""
    /// The panel's colour-bar label, the series name of heatmap cells and images.
    var colorBarLabel: String?

    /// Appends one row; `x`, `y` and `value` are already fields (`number`, `field`).
    mutating func row(_ mark: String, _ series: String?, _ x: String, _ y: String, _ value: String = "") {
        lines.append([Self.field(panel), mark, Self.field(series ?? ""), x, y, value].joined(separator: ","))
    }

    /// `text` quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Whole numbers without a decimal point, others in Swift's shortest exact form;
    /// `nan`, `inf` and `-inf` for the rest.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
