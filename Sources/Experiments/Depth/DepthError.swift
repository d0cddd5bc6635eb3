/// What can go wrong in the depth experiments; the description is the message shown.
enum DepthError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A hand-built network asked for with settings it cannot have (too few units or layers).
    case invalidNetwork(String)

    var description: String {
        switch self {
        case .invalidNetwork(let message): return message
        }
    }
}
