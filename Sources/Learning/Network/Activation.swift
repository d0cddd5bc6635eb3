import Foundation

/// An elementwise nonlinearity applied after a dense layer.
public enum Activation: Equatable, Hashable, Sendable {
    /// max(0, x).
    case relu
    /// x for x > 0, slope * x otherwise (slope in (0, 1), 0.01 by convention).
    case leakyReLU(slope: Float)
    /// tanh(x).
    case tanh
    /// 1 / (1 + exp(-x)).
    case sigmoid
    /// x Φ(x) with Φ the standard normal distribution function (Hendrycks and Gimpel
    /// 2016): a smooth ReLU that lets small negative values through. Its derivative needs
    /// the input, not only the output, because GELU is not monotonic below x ≈ -0.75.
    case gelu
    /// x (a linear layer).
    case identity

    /// Leaky ReLU with the conventional slope 0.01.
    public static let leakyReLU = Activation.leakyReLU(slope: 0.01)

    /// The name lessons use: `relu`, `leaky_relu` (or `leaky_relu(0.2)`), `tanh`,
    /// `sigmoid`, `gelu`, `identity` (also `linear`).
    public var name: String {
        switch self {
        case .relu: return "relu"
        case .leakyReLU(let slope): return slope == 0.01 ? "leaky_relu" : "leaky_relu(\(slope))"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .gelu: return "gelu"
        case .identity: return "identity"
        }
    }

    /// Parses a lesson name (see `name`); nil for an unknown one.
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: " ", with: "")
        switch n {
        case "relu": self = .relu
        case "leaky_relu", "leakyrelu", "leaky-relu": self = .leakyReLU
        case "tanh": self = .tanh
        case "sigmoid", "logistic": self = .sigmoid
        case "gelu": self = .gelu
        case "identity", "linear", "none": self = .identity
        default:
            guard n.hasPrefix("leaky_relu("), n.hasSuffix(")"),
                  let slope = Float(n.dropFirst("leaky_relu(".count).dropLast()) else { return nil }
            self = .leakyReLU(slope: slope)
        }
    }

    /// Every name `init?(name:)` accepts, for error messages.
    public static let knownNames = ["relu", "leaky_relu", "leaky_relu(SLOPE)", "tanh", "sigmoid", "gelu", "identity"]

    /// Whether the function is piecewise linear (linear-region counting needs this).
    public var isPiecewiseLinear: Bool {
        switch self {
        case .relu, .leakyReLU, .identity: return true
        case .tanh, .sigmoid, .gelu: return false
        }
    }

    /// The function at one point, in Double (reference values, region counting).
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .relu: return max(0, x)
        case .leakyReLU(let slope): return x > 0 ? x : Double(slope) * x
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .gelu: return 0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot()))
        case .identity: return x
        }
    }
}

extension Activation: NamedSetting {
    public static var settingNoun: String { "activation" }
}
