import Notebook

/// The controls of a cell's settings panel, derived from its kind's defaults and the
/// cell's effective values alone: the type of each default picks the control (a number
/// field, a whole-number field, a checkbox, a text field for words and lists). Kept apart
/// from the rest of the preview so richer parameter metadata (ranges, choices, docs) can
/// replace this one file.
enum ParameterControls {
    /// One parameter of one cell, as the page draws it.
    struct Control: Encodable {
        /// The lesson-side (snake_case) name, as `--set` takes it.
        var name: String
        /// `integer`, `number`, `boolean` or `text`.
        var type: String
        /// The cell's effective value and the kind's default, written as YAML.
        var value: String
        var defaultValue: String
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
            let controls = defaults.keys.sorted().compactMap { key -> Control? in
                guard let fallback = defaults[key] else { return nil }
                let value = cell.config[key] ?? fallback
                return Control(name: ParameterName.snakeCase(key), type: type(of: fallback),
                               value: value.shortDescription, defaultValue: fallback.shortDescription)
            }
            return Panel(cell: cell.id, kind: cell.experiment.kind, controls: controls)
        }
    }

    static func type(of value: ConfigValue) -> String {
        switch value {
        case .int: return "integer"
        case .double: return "number"
        case .bool: return "boolean"
        default: return "text"
        }
    }
}
