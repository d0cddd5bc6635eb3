import Foundation

/// A `--set CELL.PARAM=VALUE` override from the command line. The value is read as a YAML
/// scalar or flow value (`3`, `0.1`, `tanh`, `[2, 2]`) and validated exactly like the file.
/// `PARAM` may be dotted for nested parameters; `CELL.seed` sets the cell's seed unless the
/// experiment has a parameter of that name.
///
///     let override = try Override("spiral.optimizer.lr=0.01")
///     // override.cell == "spiral", override.parameter == ["optimizer", "lr"], override.value == .double(0.01)
public struct Override: Sendable, Equatable {
    /// The id of the cell it changes (the part before the first dot).
    public var cell: String
    /// The parameter path inside the cell's configuration (`epochs`, `optimizer.lr`).
    public var parameter: [String]
    /// The value, parsed as YAML; the planner validates it against the kind's parameters.
    public var value: ConfigValue
    /// As written on the command line.
    public var text: String

    /// Parses `CELL.PARAM=VALUE`.
    public init(_ text: String) throws {
        self.text = text
        guard let equals = text.firstIndex(of: "=") else {
            throw NotebookError(file: "--set \(text)", message: "expected CELL.PARAM=VALUE, for example spiral.epochs=500")
        }
        let target = text[..<equals].trimmingCharacters(in: .whitespaces)
        let segments = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, segments.allSatisfy({ !$0.isEmpty }) else {
            throw NotebookError(file: "--set \(text)", message:
                "expected CELL.PARAM before `=` (a cell id, a dot and a parameter), for example spiral.epochs=500")
        }
        cell = segments[0]
        parameter = Array(segments.dropFirst())
        let valueText = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        do {
            value = try LessonParser.parseValue(valueText)
        } catch let error as NotebookError {
            throw NotebookError(file: "--set \(text)", message: error.message)
        }
    }

    /// The dotted target, `cell.param`.
    public var target: String { ([cell] + parameter).joined(separator: ".") }
}
