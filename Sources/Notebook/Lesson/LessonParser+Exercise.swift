import Foundation

extension LessonParser {
    /// Keys an exercise may set.
    static let exerciseKeys = ["id", "question", "change", "predict", "answer"]
    /// Keys of an exercise's `answer:` mapping.
    static let answerKeys = ["text", "claim"]

    /// Parses the body of an ```` ```{exercise} ```` block. The change is read like `--set`
    /// (`CELL.PARAM=VALUE`, one text or a list); whether the cell and parameters exist is
    /// the planner's check, as for overrides.
    static func parseExercise(_ body: String, fenceLine: Int, path: String) throws -> LessonExercise {
        let entries = try yamlMapping(body, firstLine: fenceLine + 1, path: path, what: "exercise")
        var exercise = LessonExercise(id: "", question: "", change: [], predict: nil, answer: nil, answerClaim: nil,
                                      line: fenceLine, lines: [:])
        // The id first, so every later message can name it.
        if let entry = entries.first(where: { $0.0 == "id" })?.1 {
            exercise.lines["id"] = entry.line
            guard case .string(let id) = entry.value, isIdentifier(id) else {
                throw NotebookError(file: path, line: entry.line, key: "id", message:
                    "expected a name of letters, digits and underscores that starts with a letter, found \(entry.value.shortDescription)")
            }
            exercise.id = id
        } else {
            throw NotebookError(file: path, line: fenceLine, key: "id", message:
                "the exercise has no id; expected `id: <name>` so a prediction can name it (`--predict <name>=CLAIM`)")
        }
        let id = exercise.id
        func text(_ entry: YAMLEntry, _ key: String, _ what: String) throws -> String {
            guard let value = entry.value.textValue,
                  !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw NotebookError(file: path, line: entry.line, key: "\(id).\(key)", message:
                    "expected \(what), found \(entry.value.shortDescription)")
            }
            return value
        }
        for (key, entry) in entries where key != "id" {
            exercise.lines[key] = entry.line
            for (subkey, line) in entry.lines { exercise.lines["\(key).\(subkey)"] = line }
            switch key {
            case "question":
                exercise.question = try text(entry, key, "the question as Markdown text")
            case "change":
                let settings = try stringList(entry, key: "\(id).change", path: path,
                                              what: "settings `CELL.PARAM=VALUE`, as `--set` takes them")
                for (offset, setting) in settings.enumerated() {
                    let line = settings.count == 1 ? entry.line : entry.lines["\(offset)"] ?? entry.line
                    let override: Override
                    do {
                        override = try Override(setting)
                    } catch let error as NotebookError {
                        throw NotebookError(file: path, line: line, key: "\(id).change", message: error.message)
                    }
                    if let first = exercise.change.first, first.cell != override.cell {
                        throw NotebookError(file: path, line: line, key: "\(id).change", message:
                            "`\(setting)` changes cell `\(override.cell)`, but `\(first.text)` changes cell `\(first.cell)`; expected every setting of one exercise to change the same cell")
                    }
                    exercise.change.append(override)
                    exercise.lines["change.\(exercise.change.count - 1)"] = line
                }
            case "predict":
                if entry.value == .null { continue }
                exercise.predict = (try text(entry, key, "a claim over the changed run's metrics, such as `final.accuracy >= 0.9`"),
                                    entry.line)
            case "answer":
                switch entry.value {
                case .object(let values):
                    for name in values.keys.sorted() where !answerKeys.contains(name) {
                        throw unknownKey(name, known: answerKeys, path: path, line: entry.lines[name] ?? entry.line,
                                         context: "exercise's `answer:`")
                    }
                    if let value = values["text"] {
                        let line = entry.lines["text"] ?? entry.line
                        exercise.answer = try text(YAMLEntry(value: value, line: line, lines: [:]), "answer.text",
                                                   "the answer as Markdown text")
                    }
                    if let value = values["claim"] {
                        let line = entry.lines["claim"] ?? entry.line
                        exercise.answerClaim = (try text(YAMLEntry(value: value, line: line, lines: [:]), "answer.claim",
                                                         "a claim that settles the answer"), line)
                    }
                default:
                    exercise.answer = try text(entry, key, "the answer as Markdown text, or `text:` and `claim:` under `answer:`")
                }
            default:
                throw unknownKey(key, known: exerciseKeys, path: path, line: entry.line, context: "exercise")
            }
        }
        if exercise.question.isEmpty {
            throw NotebookError(file: path, line: fenceLine, key: "\(id).question", message:
                "the exercise has no question; expected `question: <Markdown text>`")
        }
        if exercise.change.isEmpty {
            throw NotebookError(file: path, line: exercise.lines["change"] ?? fenceLine, key: "\(id).change", message:
                "the exercise changes nothing; expected `change: CELL.PARAM=VALUE` (or a list of them), as `--set` takes them")
        }
        return exercise
    }
}
