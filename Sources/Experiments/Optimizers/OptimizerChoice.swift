import Foundation
import Learning
import Notebook

/// The optimisers a lesson names, with their labels for legends and tables. The
/// hyperparameters other than the learning rate are the usual defaults (PyTorch's).
enum OptimizerChoice: String, ConfigChoice {
    case sgd, momentum, nesterov, rmsprop, adam, adamw

    /// `sgd` (plain), `momentum` (heavy ball with `momentum`), `nesterov`, `rmsprop`
    /// (rho 0.99), `adam` (betas 0.9 and 0.999), `adamw` (Adam with decoupled weight
    /// decay 0.01).
    func optimizer(momentum: Double = 0.9) -> Optimizer {
        switch self {
        case .sgd: return .sgd()
        case .momentum: return .sgd(momentum: Float(momentum))
        case .nesterov: return .sgd(momentum: Float(momentum), nesterov: true)
        case .rmsprop: return .rmsprop()
        case .adam: return .adam()
        case .adamw: return .adamW()
        }
    }

    /// The label in legends and tables (`SGD + momentum 0.9`).
    func label(momentum: Double = 0.9) -> String {
        switch self {
        case .sgd: return "SGD"
        case .momentum: return "SGD + momentum \(Self.formatted(momentum))"
        case .nesterov: return "Nesterov \(Self.formatted(momentum))"
        case .rmsprop: return "RMSProp"
        case .adam: return "Adam"
        case .adamw: return "AdamW"
        }
    }

    private static func formatted(_ x: Double) -> String { String(format: "%g", x) }
}
