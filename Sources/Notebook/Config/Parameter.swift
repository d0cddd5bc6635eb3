/// One parameter of a configuration, declared once: its name, its doc text and the values
/// it accepts. A configuration lists its parameters in `static let parameters`; from that
/// one table come the range checks (`validate()`), `lessonbook kinds`, the JSON Schema of
/// experiment cells and the conformance test that every encoded key is declared. Swift doc
/// comments are not available at run time, so the doc text lives here and not on the
/// property.
///
///     static let parameters: [Parameter<Config>] = [
///         .whole("epochs", \.epochs, 1..., "Passes over the training points."),
///         .number("learningRate", \.learningRate, .positive, "Adam's learning rate."),
///         .wholes("hidden", \.hidden, 1...512, .nonEmpty, "Hidden layer widths, first to last."),
///         .choice("data", \.data, "Where the examples come from."),
///     ]
public struct Parameter<Owner>: Sendable {
    /// The description a lesson author reads (lesson-side name).
    public let info: ParameterInfo
    /// The Swift-side name, as problems report it.
    public let key: String
    /// Checks the value in `owner`, reporting problems under `prefix + key`.
    let check: @Sendable (Owner, String, inout ConfigChecks) -> Void

    init(_ key: String, _ doc: String, type: ParameterType, range: ValueRange? = nil, shape: ListShape? = nil,
         check: @escaping @Sendable (Owner, String, inout ConfigChecks) -> Void = { _, _, _ in }) {
        self.key = key
        self.info = ParameterInfo(name: ParameterName.snakeCase(key), doc: doc, type: type, range: range, shape: shape)
        self.check = check
    }

    /// A whole number inside `range` (any whole number by default).
    public static func whole(_ key: String, _ path: KeyPath<Owner, Int> & Sendable, _ range: ValueRange = .any,
                             _ doc: String) -> Parameter {
        Parameter(key, doc, type: .wholeNumber, range: range) { owner, prefix, checks in
            checks.whole(prefix + key, owner[keyPath: path], range)
        }
    }

    /// A whole number of at least `range.lowerBound`.
    public static func whole(_ key: String, _ path: KeyPath<Owner, Int> & Sendable, _ range: PartialRangeFrom<Int>,
                             _ doc: String) -> Parameter {
        whole(key, path, ValueRange(range), doc)
    }

    /// A whole number in `range`.
    public static func whole(_ key: String, _ path: KeyPath<Owner, Int> & Sendable, _ range: ClosedRange<Int>,
                             _ doc: String) -> Parameter {
        whole(key, path, ValueRange(range), doc)
    }

    /// A finite number inside `range`.
    public static func number(_ key: String, _ path: KeyPath<Owner, Double> & Sendable, _ range: ValueRange = .any,
                              _ doc: String) -> Parameter {
        Parameter(key, doc, type: .number, range: range) { owner, prefix, checks in
            checks.number(prefix + key, owner[keyPath: path], range)
        }
    }

    /// A switch: `true` or `false` (decoding refuses anything else).
    public static func flag(_ key: String, _ path: KeyPath<Owner, Bool> & Sendable, _ doc: String) -> Parameter {
        Parameter(key, doc, type: .boolean)
    }

    /// A list of whole numbers of the given shape, each inside `range`.
    public static func wholes(_ key: String, _ path: KeyPath<Owner, [Int]> & Sendable, _ range: ValueRange,
                              _ shape: ListShape, _ doc: String) -> Parameter {
        Parameter(key, doc, type: .list(.wholeNumber), range: range, shape: shape) { owner, prefix, checks in
            checks.wholes(prefix + key, owner[keyPath: path], range, shape)
        }
    }

    /// A list of whole numbers of at least `range.lowerBound`.
    public static func wholes(_ key: String, _ path: KeyPath<Owner, [Int]> & Sendable, _ range: PartialRangeFrom<Int>,
                              _ shape: ListShape, _ doc: String) -> Parameter {
        wholes(key, path, ValueRange(range), shape, doc)
    }

    /// A list of whole numbers in `range`.
    public static func wholes(_ key: String, _ path: KeyPath<Owner, [Int]> & Sendable, _ range: ClosedRange<Int>,
                              _ shape: ListShape, _ doc: String) -> Parameter {
        wholes(key, path, ValueRange(range), shape, doc)
    }

    /// A list of numbers of the given shape, each finite and inside `range`.
    public static func numbers(_ key: String, _ path: KeyPath<Owner, [Double]> & Sendable, _ range: ValueRange,
                               _ shape: ListShape, _ doc: String) -> Parameter {
        Parameter(key, doc, type: .list(.number), range: range, shape: shape) { owner, prefix, checks in
            checks.numbers(prefix + key, owner[keyPath: path], range, shape)
        }
    }

    /// One of the names of a `ConfigChoice` enum; decoding already refuses any other.
    public static func choice<Choice: ConfigChoice>(_ key: String, _ path: KeyPath<Owner, Choice> & Sendable,
                                                    _ doc: String) -> Parameter {
        Parameter(key, doc, type: .choice(Choice.names))
    }

    /// One of `names`, for a type that decodes its own names (such as an activation
    /// function, whose `leaky_relu(SLOPE)` carries a number).
    public static func choice(_ key: String, names: [String], _ doc: String) -> Parameter {
        Parameter(key, doc, type: .choice(names))
    }

    /// A list of names, each one of `names`, of the given shape (the strategies of a
    /// comparison, the dimensions put on a grid).
    public static func choices(_ key: String, _ path: KeyPath<Owner, [String]> & Sendable, names: [String],
                               _ shape: ListShape, _ doc: String) -> Parameter {
        let info = ParameterInfo(name: "", doc: "", type: .list(.choice(names)), shape: shape)
        return Parameter(key, doc, type: .list(.choice(names)), shape: shape) { owner, prefix, checks in
            let items = owner[keyPath: path]
            checks.require(shape.admits(items), prefix + key, expected: info.allowed ?? "", found: "[\(items.joined(separator: ", "))]")
            for (index, item) in items.enumerated() where !names.contains(item) {
                checks.append(ConfigProblem(key: "\(prefix)\(key).\(index)", expected: "one of \(names.joined(separator: ", "))",
                                            found: item))
            }
        }
    }

    /// A list of distinct names of a `ConfigChoice` enum (the optimisers a sweep compares).
    public static func choices<Choice: ConfigChoice & Hashable>(_ key: String, _ path: KeyPath<Owner, [Choice]> & Sendable,
                                                                _ doc: String) -> Parameter {
        listOfChoices(key, path, names: Choice.names, .distinct, doc) { $0.rawValue }
    }

    /// A list of names for a type that decodes its own names (activations, initialisers),
    /// of the given shape.
    public static func choices<Item: Hashable>(_ key: String, _ path: KeyPath<Owner, [Item]> & Sendable, names: [String],
                                               _ shape: ListShape, _ doc: String) -> Parameter {
        listOfChoices(key, path, names: names, shape, doc) { "\($0)" }
    }

    private static func listOfChoices<Item: Hashable>(_ key: String, _ path: KeyPath<Owner, [Item]> & Sendable,
                                                      names: [String], _ shape: ListShape, _ doc: String,
                                                      describe: @escaping @Sendable (Item) -> String) -> Parameter {
        Parameter(key, doc, type: .list(.choice(names)), shape: shape) { owner, prefix, checks in
            let items = owner[keyPath: path]
            let counted = items.count >= shape.minCount && items.count <= (shape.maxCount ?? .max)
            checks.require(counted && (!shape.distinct || Set(items).count == items.count), prefix + key,
                           expected: shape.words(items: "names"), found: items.map(describe).joined(separator: ", "))
        }
    }

    /// A list of free texts (labels) of the given shape.
    public static func texts(_ key: String, _ path: KeyPath<Owner, [String]> & Sendable, _ shape: ListShape,
                             _ doc: String) -> Parameter {
        Parameter(key, doc, type: .list(.text), shape: shape) { owner, prefix, checks in
            let items = owner[keyPath: path]
            checks.require(shape.admits(items), prefix + key, expected: shape.words(items: "texts"),
                           found: items.joined(separator: ", "))
        }
    }

    /// A name made of letters, digits and underscores (it becomes part of metric names).
    public static func identifier(_ key: String, _ path: KeyPath<Owner, String> & Sendable, _ doc: String) -> Parameter {
        Parameter(key, doc, type: .identifier) { owner, prefix, checks in
            let name = owner[keyPath: path]
            checks.require(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                           prefix + key, expected: ParameterType.identifierWords, found: "\"\(name)\"")
        }
    }

    /// Free text (a folder, a label).
    public static func text(_ key: String, _ doc: String) -> Parameter {
        Parameter(key, doc, type: .text)
    }

    /// A list of mappings whose fields are declared by their own table; each item is
    /// checked by that table, with problems under `key.INDEX.field`.
    public static func records<Record: DeclaredParameters>(_ key: String, _ path: KeyPath<Owner, [Record]> & Sendable,
                                                            _ shape: ListShape, _ doc: String) -> Parameter {
        let shapeWords = shape.words(items: "mappings")
        return Parameter(key, doc, type: .records(Record.parameters.map(\.info)), shape: shape) { owner, prefix, checks in
            let records = owner[keyPath: path]
            checks.require(records.count >= shape.minCount && records.count <= (shape.maxCount ?? .max),
                           prefix + key, expected: shapeWords, found: "\(records.count) of them")
            for (index, record) in records.enumerated() {
                Record.checkParameters(of: record, prefix: "\(prefix)\(key).\(index).", into: &checks)
            }
        }
    }

    /// One nested mapping whose fields are declared by their own table (values that
    /// belong together, such as the fixed settings of a search); problems are reported
    /// under `key.field`.
    public static func record<Record: DeclaredParameters>(_ key: String, _ path: KeyPath<Owner, Record> & Sendable,
                                                          _ doc: String) -> Parameter {
        Parameter(key, doc, type: .record(Record.parameters.map(\.info))) { owner, prefix, checks in
            Record.checkParameters(of: owner[keyPath: path], prefix: "\(prefix)\(key).", into: &checks)
        }
    }

    /// A mapping from names (each one of `keys`) to values of one structured form that
    /// `values` describes in words, such as a search space (hyperparameter to
    /// distribution). The form is too rich for a table of its own, so `check` is given the
    /// value and its key and reports problems under that key (`space.width.log_int`). A
    /// value a lesson gives replaces the default whole (its names are not parameters).
    public static func mapping<Value>(_ key: String, _ path: KeyPath<Owner, Value> & Sendable, keys: [String],
                                      values: String, _ doc: String,
                                      check: @escaping @Sendable (Value, String, inout ConfigChecks) -> Void) -> Parameter {
        Parameter(key, doc, type: .mapping(keys: keys, values: values)) { owner, prefix, checks in
            check(owner[keyPath: path], prefix + key, &checks)
        }
    }
}

/// A type whose parameters are declared in a table (an experiment's `Config`, or the
/// records one of its list parameters holds).
public protocol DeclaredParameters {
    /// Every parameter, in the order a lesson author reads them.
    static var parameters: [Parameter<Self>] { get }
}

extension DeclaredParameters {
    /// Runs every declared parameter's check on `value`.
    public static func checkParameters(of value: Self, prefix: String = "", into checks: inout ConfigChecks) {
        for parameter in parameters { parameter.check(value, prefix, &checks) }
    }
}
