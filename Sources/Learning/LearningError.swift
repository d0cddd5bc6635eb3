/// What went wrong when building, training or evaluating a model, or reading data; the
/// description is the message to print and says what was expected.
public enum LearningError: Error, CustomStringConvertible, Equatable {
    /// A setting outside its allowed range.
    case invalidSetting(name: String, expected: String, found: String)
    /// Data whose shape does not fit the model or the other data.
    case shapeMismatch(what: String, expected: String, found: String)
    /// A data file that is missing or malformed.
    case dataFile(path: String, problem: String)
    /// An operation the model's layers do not support.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .invalidSetting(name, expected, found):
            return "\(name): expected \(expected), found \(found)"
        case let .shapeMismatch(what, expected, found):
            return "\(what): expected \(expected), found \(found)"
        case let .dataFile(path, problem):
            return "\(path): \(problem)"
        case let .unsupported(message):
            return message
        }
    }
}
