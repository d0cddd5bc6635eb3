import Learning

/// The optimisers a lesson names, with their labels for legends and tables. The
/// hyperparameters other than the learning rate are the usual defaults (PyTorch's).
enum OptimizerChoice {
    /// Every name `optimizer(named:)` accepts.
    static let names = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"]

    /// `sgd` (plain), `momentum` (heavy ball with `momentum`), `nesterov`, `rmsprop`
    /// (rho 0.99), `adam` (betas 0.9 and 0.999), `adamw` (Adam with decoupled weight
    /// decay 0.01); nil for an unknown name.
    static func optimizer(named name: String, momentum: Double = 0.9) -> Optimizer? {
        switch name {
        case "sgd": return .sgd()
        case "momentum": return .sgd(momentum: Float(momentum))
        case "nesterov": return .sgd(momentum: Float(momentum), nesterov: true)
        case "rmsprop": return .rmsprop()
        case "adam": return .adam()
        case "adamw": return .adamW()
        default: return nil
        }
    }

    /// The label of a named optimiser (`SGD + momentum 0.9`).
    static func label(_ name: String, momentum: Double = 0.9) -> String {
        switch name {
        case "sgd": return "SGD"
        case "momentum": return "SGD + momentum \(formatted(momentum))"
        case "nesterov": return "Nesterov \(formatted(momentum))"
        case "rmsprop": return "RMSProp"
        case "adam": return "Adam"
        case "adamw": return "AdamW"
        default: return name
        }
    }

    private static func formatted(_ x: Double) -> String { String(format: "%g", x) }
}
