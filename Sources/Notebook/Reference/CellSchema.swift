import Foundation

/// A JSON Schema (draft-07) of experiment cells, generated from the catalogue: the cell
/// keys, the kinds `run:` accepts, and for each kind the parameters of `with:` and
/// `quick:` (types, ranges, choices, defaults, doc text) and the names `show:` accepts.
/// Editors with a YAML language server use it to complete and check cell YAML.
public enum CellSchema {
    /// The schema in the canonical JSON style (`CanonicalJSON`: the same bytes for the same catalogue).
    public static func json(for catalogue: [AnyExperiment]) throws -> Data {
        try CanonicalJSON.encode(schema(for: catalogue))
    }

    /// The schema as a value.
    /// The keys of `properties` are `LessonParser.cellKeys` (a test holds them together).
    public static func schema(for catalogue: [AnyExperiment]) -> ConfigValue {
        var definitions: [String: ConfigValue] = [:]
        var cases: [ConfigValue] = []
        for experiment in catalogue {
            var properties: [String: ConfigValue] = [:]
            for parameter in experiment.parameters {
                var schema = parameter.schema
                if let value = experiment.defaults[parameter.name] { schema["default"] = value }
                properties[parameter.name] = .object(schema)
            }
            definitions[experiment.kind] = .object([
                "type": .string("object"),
                "description": .string("Parameters of `\(experiment.kind)`: \(experiment.summary)"),
                "properties": .object(properties),
                "additionalProperties": .bool(false),
            ])
            let reference = ConfigValue.string("#/definitions/\(experiment.kind)")
            cases.append(.object([
                "if": .object(["properties": .object(["run": .object(["const": .string(experiment.kind)])]),
                               "required": .array([.string("run")])]),
                "then": .object(["properties": .object([
                    "with": .object(["$ref": reference]),
                    "quick": .object(["$ref": reference]),
                    "show": .object(["type": .string("array"), "items": .object([
                        "enum": .array(experiment.outputs.map { .string($0) })])]),
                ])]),
            ]))
        }
        let kinds = catalogue.map { ConfigValue.string($0.kind) }
        let cell: [String: ConfigValue] = [
            "id": .object(["type": .string("string"), "description": .string("The cell's name, used in {{id.metric}} and --set id.param=value.")]),
            "run": .object(["enum": .array(kinds), "description": .string("The experiment kind (`lessonbook kinds` lists them).")]),
            "with": .object(["type": .string("object"), "description": .string("The kind's parameters; anything left out keeps its default.")]),
            "quick": .object(["type": .string("object"), "description": .string("Parameters for --quick renders, applied after `with:`.")]),
            "show": .object(["type": .string("array"), "items": .object(["type": .string("string")]),
                             "description": .string("Which of the kind's figures and tables appear here.")]),
            "expect": .object(["type": .string("array"), "items": .object(["type": .string("string")]),
                               "description": .string("Claims over metrics, checked on every run (`final.train_accuracy >= 0.95`).")]),
            "alt": .object(["type": .string("object"), "additionalProperties": .object(["type": .string("string")]),
                            "description": .string("A sentence of your own per figure name, added after the alt text generated from the figure's data.")]),
            "seed": .object(["type": .string("integer"), "minimum": .int(0),
                             "description": .string("The cell's seed; otherwise the lesson's.")]),
            "seeds": .object([
                "type": .string("object"), "required": .array([.string("min"), .string("max")]),
                "additionalProperties": .bool(false),
                "properties": .object([
                    "min": .object(["type": .string("integer"), "minimum": .int(1)]),
                    "max": .object(["type": .string("integer"), "minimum": .int(1)]),
                ]),
                "description": .string("For kinds with a whole-number `seeds` parameter: run `min` seeds, and while a claim of the cell is undecided double them, up to `max`."),
            ]),
        ]
        return .object([
            "$schema": .string("http://json-schema.org/draft-07/schema#"),
            "title": .string("Lessonbook experiment cell"),
            "description": .string("One ```{experiment} cell of a lesson notebook, as YAML."),
            "type": .string("object"),
            "required": .array([.string("id"), .string("run")]),
            "additionalProperties": .bool(false),
            "properties": .object(cell),
            "allOf": .array(cases),
            "definitions": .object(definitions),
        ])
    }
}
