/// What can go wrong in the depth experiments; the description is the message shown.
public enum DepthError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A network the exact piece counter cannot analyse (wrong shape or activation).
    case invalidNetwork(String)

    public var description: String {
        switch self {
        case .invalidNetwork(let message): return message
        }
    }
}
