/// What went wrong in a matrix operation or a solver; the description is the message
/// to print.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    /// Two operands whose shapes do not fit together.
    case shapeMismatch(operation: String, expected: String, found: String)
    /// A size or parameter outside its allowed range.
    case invalidArgument(name: String, expected: String, found: String)
    /// LAPACK returned a non-zero info code.
    case lapackFailure(routine: String, info: Int, meaning: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, expected, found):
            return "\(operation): expected \(expected), found \(found)"
        case let .invalidArgument(name, expected, found):
            return "\(name): expected \(expected), found \(found)"
        case let .lapackFailure(routine, info, meaning):
            return "\(routine) failed (info \(info)): \(meaning)"
        }
    }
}
