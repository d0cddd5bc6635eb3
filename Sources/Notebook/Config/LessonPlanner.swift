import Foundation

/// Resolves and validates a lesson against the experiment catalogue and the overrides,
/// without running anything: `lessonbook check` is exactly this step.
///
///     let planner = LessonPlanner(catalogue: Catalogue.byKind, quick: true,
///                                 overrides: [try Override("spiral.epochs=5")])
///     let plan = try planner.plan(try LessonParser.parse(contentsOf: url))
///     // plan.cells[0].config holds every key, with its effective value
public struct LessonPlanner: Sendable {
    /// The kinds cells may name in `run:`, by kind name.
    public var catalogue: [String: AnyExperiment]
    /// Whether to plan the quick profile: the kind's `quickProfile` and the cells' `quick:` blocks apply.
    public var quick: Bool
    /// Command-line `--set` overrides, applied last to the cells they name.
    public var overrides: [Override]
    /// Whether an override naming a cell this lesson lacks is an error (true when the
    /// override cannot belong to another lesson being rendered at the same time).
    public var strictOverrides: Bool
    /// Predictions from `--predict`, replacing those written in exercises (`strictOverrides`
    /// also decides whether one naming an exercise this lesson lacks is an error).
    public var predictions: [Prediction]

    /// A planner for the kinds in `catalogue`; by default the full profile, no overrides, and an
    /// override or prediction naming a missing cell or exercise is an error.
    public init(catalogue: [String: AnyExperiment], quick: Bool = false, overrides: [Override] = [],
                strictOverrides: Bool = true, predictions: [Prediction] = []) {
        self.catalogue = catalogue
        self.quick = quick
        self.overrides = overrides
        self.strictOverrides = strictOverrides
        self.predictions = predictions
    }

    /// Where a configuration value came from, for messages.
    enum Origin: Equatable {
        case defaults, quickProfile
        case cell(section: String)
        case override(String)
        /// A setting of an exercise's `change:`, with its line.
        case exercise(id: String, text: String, line: Int)
    }

    /// Plans every cell and exercise of `lesson`: merges and validates each configuration, parses
    /// claims, checks input files and inline references, and typesets the prose's formulas.
    /// Throws the first problem as a `NotebookError` naming the file, line and key.
    public func plan(_ lesson: Lesson) throws -> LessonPlan {
        let path = lesson.path
        let cells = lesson.cells
        let ids = cells.map(\.id)
        if strictOverrides {
            for override in overrides where !ids.contains(override.cell) {
                let message = Suggestion.message("no cell `\(override.cell)` in this lesson", name: override.cell, among: ids)
                throw NotebookError(file: path, key: "--set \(override.text)", message: message)
            }
        }
        var plans: [CellPlan] = []
        for cell in cells {
            plans.append(try planCell(cell, lesson: lesson))
        }
        var references: [Int: [InlineReference]] = [:]
        for (index, block) in lesson.blocks.enumerated() {
            guard case .prose(let text, let line) = block else { continue }
            let found = try InlineReference.scan(text, firstLine: line, path: path)
            for reference in found where !ids.contains(reference.cell) {
                let message = Suggestion.message("no cell `\(reference.cell)` in this lesson", name: reference.cell,
                                                 among: ids, ifNone: "")
                throw NotebookError(file: path, line: reference.line, key: reference.text, message: message)
            }
            if !found.isEmpty { references[index] = found }
        }
        let used = overrides.filter { ids.contains($0.cell) }.map(\.text)
        var plan = LessonPlan(lesson: lesson, cells: plans, quick: quick, references: references, overrides: used)
        plan.exercises = try planExercises(lesson)
        plan.math = try MathMarkup.typeset(lesson)
        return plan
    }

    /// Plans one cell; with `exercise`, the cell with the exercise's change applied after
    /// the overrides (its problems name the exercise's line).
    func planCell(_ cell: LessonCell, lesson: Lesson, exercise: LessonExercise? = nil) throws -> CellPlan {
        let path = lesson.path
        guard let experiment = catalogue[cell.kind] else {
            let known = catalogue.keys.sorted()
            let message = Suggestion.message("unknown experiment kind `\(cell.kind)`", name: cell.kind, among: known,
                                             ifNone: "; no experiment kinds are available")
            throw NotebookError(file: path, line: cell.lines["run"] ?? cell.line, key: "\(cell.id).run", message: message)
        }
        var merged = experiment.defaults
        // A mapping parameter's keys are not parameters: a cell's value replaces the default whole.
        let replacedWhole = Set(experiment.parameters.compactMap { info -> String? in
            if case .mapping = info.type { return info.name }
            return nil
        })
        var origins: [String: Origin] = [:]
        var seed = cell.seed ?? lesson.seed
        var applied: [String] = []

        func apply(_ values: [String: ConfigValue], origin: Origin, prefix: [String], into target: inout [String: ConfigValue],
                   defaults: [String: ConfigValue]) throws {
            for key in values.keys.sorted() {
                let value = values[key]!
                let keyPath = prefix + [key]
                let dotted = keyPath.joined(separator: ".")
                guard let base = defaults[key] else {
                    let known = defaults.keys.sorted()
                    var message = "unknown parameter of `\(experiment.kind)`"
                    let respelled = ParameterName.snakeCase(key)
                    if respelled != key, known.contains(respelled) {
                        message += "; parameters are written in snake_case: did you mean `\(respelled)`?"
                    } else if let near = Suggestion.nearest(to: key, among: known) { message += "; did you mean `\(near)`?" }
                    message += (message.hasSuffix("?") ? "" : ".") + " Expected one of: \(known.joined(separator: ", "))"
                    throw error(origin: origin, key: dotted, message: message, cell: cell, path: path)
                }
                if case .object(let baseObject) = base, case .object(let object) = value, !baseObject.isEmpty,
                   !(prefix.isEmpty && replacedWhole.contains(key)) {
                    var current: [String: ConfigValue]
                    if case .object(let existing) = target[key] { current = existing } else { current = baseObject }
                    try apply(object, origin: origin, prefix: keyPath, into: &current, defaults: baseObject)
                    target[key] = .object(current)
                } else {
                    target[key] = value
                    origins[dotted] = origin
                }
            }
        }

        if quick { try apply(experiment.quickProfile, origin: .quickProfile, prefix: [], into: &merged, defaults: experiment.defaults) }
        try apply(cell.with, origin: .cell(section: "with"), prefix: [], into: &merged, defaults: experiment.defaults)
        if quick { try apply(cell.quick, origin: .cell(section: "quick"), prefix: [], into: &merged, defaults: experiment.defaults) }
        // `--set` overrides first, then an exercise's change: the exercise changes the cell as rendered.
        var settings = overrides.filter { $0.cell == cell.id }.map { ($0, Origin.override($0.text)) }
        if let exercise {
            settings += exercise.change.enumerated().map { offset, setting in
                (setting, Origin.exercise(id: exercise.id, text: setting.text, line: exercise.line(of: "change.\(offset)")))
            }
        }
        for (override, origin) in settings {
            if override.parameter == ["seed"], experiment.defaults["seed"] == nil {
                guard case .int(let value) = override.value, value >= 0 else {
                    throw error(origin: origin, key: "seed", message:
                        "expected a whole number 0 or larger, found \(override.value.shortDescription)", cell: cell, path: path)
                }
                seed = UInt64(value)
            } else {
                var nested = override.value
                for key in override.parameter.dropFirst().reversed() { nested = .object([key: nested]) }
                try apply([override.parameter[0]: nested], origin: origin, prefix: [], into: &merged,
                          defaults: experiment.defaults)
            }
            applied.append(override.text)
        }

        let adaptiveSeeds = try self.adaptiveSeeds(of: cell, experiment: experiment, path: path, exercise: exercise)
        if let adaptiveSeeds {
            merged["seeds"] = .int(adaptiveSeeds.min)
            origins["seeds"] = .cell(section: "seeds")
        }

        // Whole-number parameters given as fractions: JSONDecoder's own error for these has
        // no coding path, so find the likely culprit here (and accept 3.0 as 3). The encoded
        // defaults cannot tell a whole-valued Double (1.0 encodes as 1) from an Int, so a
        // fraction is only reported when decoding actually fails.
        let fraction = Self.coerceWholeNumbers(&merged, defaults: experiment.defaults, prefix: [])
        let checked: (problems: [ConfigProblem], canonical: [String: ConfigValue])
        do {
            checked = try experiment.check(merged)
        } catch let decoding as DecodingError {
            if let (key, found) = fraction {
                throw error(origin: Self.origin(of: key, in: origins), key: key,
                            message: "expected a whole number, found \(found.shortDescription)", cell: cell, path: path)
            }
            var (key, expected) = Self.describe(decoding)
            if expected.hasPrefix("one of the names"),
               let fallback = ConfigValue.object(experiment.defaults).value(at: key.split(separator: ".").map(String.init)) {
                expected += " (the default is \(fallback.shortDescription))"
            }
            let found = ConfigValue.object(merged).value(at: key.split(separator: ".").map(String.init))
            let origin = Self.origin(of: key, in: origins)
            throw error(origin: origin, key: key,
                        message: "expected \(expected), found \(found?.shortDescription ?? "nothing")", cell: cell, path: path)
        }
        if let problem = checked.problems.first {
            throw error(origin: Self.origin(of: problem.key, in: origins), key: problem.key,
                        message: "expected \(problem.expected), found \(problem.found)", cell: cell, path: path)
        }

        if let show = cell.show {
            let outputs = experiment.outputs(for: checked.canonical)
            for (offset, name) in show.enumerated() where !outputs.contains(name) {
                let message = Suggestion.message("`\(experiment.kind)` has no figure or table `\(name)`", name: name,
                                                 among: outputs)
                throw NotebookError(file: path, line: cell.lines["show.\(offset)"] ?? cell.lines["show"] ?? cell.line,
                                    key: "\(cell.id).show", message: message)
            }
        }
        if !cell.alt.isEmpty {
            let outputs = experiment.outputs(for: checked.canonical)
            for name in cell.alt.keys.sorted() where !outputs.contains(name) {
                let message = Suggestion.message("`\(experiment.kind)` has no figure `\(name)` to describe", name: name,
                                                 among: outputs)
                throw NotebookError(file: path, line: cell.line(of: "alt.\(name)"), key: "\(cell.id).alt", message: message)
            }
        }
        if let adaptiveSeeds, adaptiveSeeds.max > adaptiveSeeds.min {
            var largest = checked.canonical
            largest["seeds"] = .int(adaptiveSeeds.max)
            if let problem = try experiment.check(largest).problems.first(where: { $0.key == "seeds" }) {
                throw NotebookError(file: path, line: cell.line(of: "seeds.max"), key: "\(cell.id).seeds.max",
                                    message: "expected \(problem.expected), found \(problem.found)")
            }
        }
        let claims = try cell.expect.map { try Claim($0.text, line: $0.line, path: path, key: "\(cell.id).expect") }
        var plan = CellPlan(cell: cell, experiment: experiment, config: checked.canonical, seed: seed,
                            adaptiveSeeds: adaptiveSeeds, claims: claims, overrides: applied)
        plan.inputDigests = try checkInputs(of: experiment, config: checked.canonical, cell: cell, origins: origins,
                                            lesson: lesson)
        return plan
    }

    /// Checks that every input file of a cell exists and reads, and returns each one's
    /// SHA-256 by key. A missing file names the key that points at it; a problem inside a
    /// file names that file, its line and column.
    func checkInputs(of experiment: AnyExperiment, config: [String: ConfigValue], cell: LessonCell,
                     origins: [String: Origin], lesson: Lesson) throws -> [String: String] {
        let files = try experiment.inputFiles(config)
        guard !files.isEmpty else { return [:] }
        let directory = URL(fileURLWithPath: lesson.path).deletingLastPathComponent().path
        var digests: [String: String] = [:]
        for file in files {
            let resolved = file.path.hasPrefix("/") ? file.path : directory + "/" + file.path
            guard let bytes = FileBytes.read(atPath: resolved) else {
                throw error(origin: Self.origin(of: file.key, in: origins), key: file.key,
                            message: "cannot read `\(file.path)` (looked for \(resolved)); expected a file relative to the lesson's folder",
                            cell: cell, path: lesson.path)
            }
            digests[file.key] = SHA256.hex(of: [UInt8](bytes))
        }
        do {
            try experiment.checkInputs(config, lessonDirectory: directory)
        } catch let problem as InputFileError {
            // The file as the reader can open it from where the command ran.
            let folder = (lesson.path as NSString).deletingLastPathComponent
            let shown = problem.path.hasPrefix("/") || folder.isEmpty ? problem.path : folder + "/" + problem.path
            let column = problem.column.map { "column `\($0)`: " } ?? ""
            throw NotebookError(file: shown, line: problem.line, key: "\(cell.id).\(files[0].key)",
                                message: column + problem.message)
        }
        return digests
    }

    /// The cell's `seeds: {min, max}` if it applies to this render. Only a kind with a
    /// whole-number `seeds` parameter can take more seeds; `with:` may not also fix the
    /// count. A count from `--set CELL.seeds=N`, or in quick runs from the cell's `quick:`,
    /// replaces the range.
    func adaptiveSeeds(of cell: LessonCell, experiment: AnyExperiment, path: String,
                       exercise: LessonExercise? = nil) throws -> AdaptiveSeeds? {
        guard let range = cell.seeds else { return nil }
        guard experiment.parameters.contains(where: { $0.name == "seeds" && $0.type == .wholeNumber }) else {
            throw NotebookError(file: path, line: cell.line(of: "seeds"), key: "\(cell.id).seeds", message:
                "`\(experiment.kind)` has no whole-number `seeds` parameter, so its cells cannot add seeds; expected `seeds: {min, max}` only in cells of kinds that run several seeds (`lessonbook kinds KIND` lists the parameters)")
        }
        if cell.with["seeds"] != nil {
            throw NotebookError(file: path, line: cell.line(of: "with.seeds"), key: "\(cell.id).with.seeds", message:
                "the cell sets both a fixed `seeds` under `with:` and the range `seeds: {min: \(range.min), max: \(range.max)}`; expected one of the two")
        }
        if quick && cell.quick["seeds"] != nil { return nil }
        if overrides.contains(where: { $0.cell == cell.id && $0.parameter == ["seeds"] }) { return nil }
        if exercise?.change.contains(where: { $0.parameter == ["seeds"] }) == true { return nil }
        return range
    }

    func error(origin: Origin, key: String, message: String, cell: LessonCell, path: String) -> NotebookError {
        let dotted = "\(cell.id).\(key)"
        switch origin {
        case .override(let text):
            return NotebookError(file: path, key: dotted, message: "\(message) (from --set \(text))")
        case .exercise(let id, let text, let line):
            return NotebookError(file: path, line: line, key: "\(id).change", message: "`\(dotted)`: \(message) (from `\(text)`)")
        case .cell(let section):
            return NotebookError(file: path, line: cell.line(of: "\(section).\(key)"), key: dotted, message: message)
        case .defaults:
            return NotebookError(file: path, line: cell.line, key: dotted, message: "\(message) (the experiment's default)")
        case .quickProfile:
            return NotebookError(file: path, line: cell.line, key: dotted, message: "\(message) (the experiment's quick profile)")
        }
    }

    /// Turns integral doubles into ints where the default is a whole number; returns the
    /// first fraction found where the default is whole (a whole number may belong there).
    static func coerceWholeNumbers(_ values: inout [String: ConfigValue], defaults: [String: ConfigValue],
                                   prefix: [String]) -> (String, ConfigValue)? {
        func coerce(_ value: inout ConfigValue, like base: ConfigValue, path: [String]) -> (String, ConfigValue)? {
            switch (value, base) {
            case (.double(let number), .int):
                guard number.rounded() == number, abs(number) < 9e15 else { return (path.joined(separator: "."), value) }
                value = .int(Int(number))
            case (.array(var items), .array(let baseItems)):
                guard let model = baseItems.first else { return nil }
                for index in items.indices {
                    if let problem = coerce(&items[index], like: model, path: path + [String(index)]) { return problem }
                }
                value = .array(items)
            case (.object(var object), .object(let baseObject)):
                if let problem = coerceWholeNumbers(&object, defaults: baseObject, prefix: path) { return problem }
                value = .object(object)
            default: break
            }
            return nil
        }
        for key in values.keys.sorted() {
            guard let base = defaults[key], var value = values[key] else { continue }
            if let problem = coerce(&value, like: base, path: prefix + [key]) { return problem }
            values[key] = value
        }
        return nil
    }

    /// The layer that last set `key` or one of its parents.
    static func origin(of key: String, in origins: [String: Origin]) -> Origin {
        var key = key
        while true {
            if let origin = origins[key] { return origin }
            guard let dot = key.lastIndex(of: ".") else { return .defaults }
            key = String(key[..<dot])
        }
    }

    /// The dotted key a decoding error is about, and what was expected there, in words.
    static func describe(_ error: DecodingError) -> (key: String, expected: String) {
        func keyPath(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? ParameterName.snakeCase($0.stringValue) }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return (keyPath(context.codingPath), words(for: type))
        case .keyNotFound(let key, let context):
            return (keyPath(context.codingPath + [key]), "a value (it is missing)")
        case .dataCorrupted(let context):
            let detail = context.debugDescription
            // Choices (`ConfigChoice`, activations) say what they accept themselves.
            if let range = detail.range(of: "expected ") {
                return (keyPath(context.codingPath), String(detail[range.upperBound...]))
            }
            if detail.contains("does not fit in Int") || detail.contains("Int") && detail.contains("number") {
                return (keyPath(context.codingPath), "a whole number")
            }
            if let range = detail.range(of: "Cannot initialize ") {
                let rest = detail[range.upperBound...]
                let typeName = rest.prefix(while: { $0 != " " })
                return (keyPath(context.codingPath), "one of the names `\(typeName)` accepts")
            }
            return (keyPath(context.codingPath), "a valid value (\(detail))")
        @unknown default:
            return ("", "a valid value")
        }
    }

    static func words(for type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "Int", "Int64", "Int32", "UInt", "UInt64", "UInt32": return "a whole number"
        case "Double", "Float": return "a number"
        case "String": return "text"
        case "Bool": return "true or false"
        default:
            if name.hasPrefix("Array") || name.hasPrefix("[") && !name.contains(":") { return "a list" }
            if name.hasPrefix("Dictionary") || name.contains(":") { return "a mapping of names to values" }
            return "a value of type \(name)"
        }
    }
}
