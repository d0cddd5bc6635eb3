import Notebook

/// The controls of a cell's settings panel, generated from its kind's parameter table (the
/// same `ParameterInfo` that `lessonbook kinds` prints and `--set` checks against): the
/// declared type picks the control (a number field with the declared bounds, a whole-number
/// field, a checkbox, a menu of the allowed names, a text field for lists and mappings), and
/// the doc comment and the allowed values become the control's tooltip. The page's bounds
/// only guide the student: the server checks every applied value exactly as `--set` does.
enum ParameterControls {
    /// One parameter of one cell, as the page draws it.
    struct Control: Encodable {
        /// The lesson-side (snake_case) name, as `--set` takes it.
        var name: String
        /// `integer`, `number`, `boolean`, `choice` or `text`.
        var type: String
        /// The cell's effective value and the kind's default, written as YAML.
        var value: String
        var defaultValue: String
        /// The inclusive bounds of a number (an open bound is left to the server's check).
        var minimum: Double?
        var maximum: Double?
        /// The names a `choice` accepts, in the table's order.
        var choices: [String]?
        /// The parameter's doc comment and its accepted values in words.
        var doc: String
        var allowed: String?
    }

    /// One cell's panel.
    struct Panel: Encodable {
        var cell: String
        var kind: String
        var controls: [Control]
    }

    static func panels(for plan: LessonPlan) -> [Panel] {
        plan.cells.map { cell in
            let defaults = cell.experiment.defaults
            let controls = cell.experiment.parameters.compactMap { info -> Control? in
                let key = ParameterName.camelCase(info.name)
                guard let fallback = defaults[key] else { return nil }
                return control(info, value: cell.config[key] ?? fallback, defaultValue: fallback)
            }
            return Panel(cell: cell.id, kind: cell.experiment.kind, controls: controls)
        }
    }

    static func control(_ info: ParameterInfo, value: ConfigValue, defaultValue: ConfigValue) -> Control {
        var control = Control(name: info.name, type: "text", value: value.shortDescription,
                              defaultValue: defaultValue.shortDescription, doc: info.doc, allowed: info.allowed)
        switch info.type {
        case .wholeNumber, .number:
            control.type = info.type == .wholeNumber ? "integer" : "number"
            if let range = info.range {
                // A whole number's open bound is the next whole number inside it.
                let whole = info.type == .wholeNumber
                control.minimum = range.lower.flatMap { range.lowerInclusive ? $0 : (whole ? ($0 + 1).rounded(.down) : nil) }
                control.maximum = range.upper.flatMap { range.upperInclusive ? $0 : (whole ? ($0 - 1).rounded(.up) : nil) }
            }
        case .boolean:
            control.type = "boolean"
        case .choice(let names):
            control.type = "choice"
            control.choices = names
        case .text, .identifier, .list, .records, .record, .mapping:
            control.type = "text"
        }
        return control
    }
}
