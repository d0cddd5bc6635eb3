import Tensor

/// How a dense layer's weights are drawn (biases start at zero).
public enum Initializer: Equatable, Hashable, Sendable {
    /// Glorot and Bengio (2010): U(-a, a) with a = sqrt(6 / (fan_in + fan_out)).
    case glorotUniform
    /// Glorot and Bengio (2010): N(0, 2 / (fan_in + fan_out)).
    case glorotNormal
    /// He et al. (2015): N(0, 2 / fan_in), for ReLU networks.
    case heNormal
    /// He et al. (2015): U(-a, a) with a = sqrt(6 / fan_in).
    case heUniform
    /// U(lower, upper), the same for every layer.
    case uniform(lower: Float, upper: Float)
    /// N(0, gain^2 / fan_in): the weight scale as a multiple of LeCun's 1 / sqrt(fan_in).
    /// Gain 1 equals Glorot's variance for a square layer and gain sqrt 2 is He's, so a
    /// gain below or above those values sets a deliberately too small or too large scale.
    case scaledNormal(gain: Float)

    /// The name lessons use: `glorot_uniform` (or `xavier_uniform`), `glorot_normal`,
    /// `he_normal`, `he_uniform`, `uniform(-0.5,0.5)`, `scaled_normal(0.5)`.
    public var name: String {
        switch self {
        case .glorotUniform: return "glorot_uniform"
        case .glorotNormal: return "glorot_normal"
        case .heNormal: return "he_normal"
        case .heUniform: return "he_uniform"
        case let .uniform(lower, upper): return "uniform(\(lower),\(upper))"
        case let .scaledNormal(gain): return "scaled_normal(\(gain))"
        }
    }

    /// Parses a lesson name (see `name`); nil for an unknown one.
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: " ", with: "")
        switch n {
        case "glorot_uniform", "xavier_uniform", "glorot", "xavier": self = .glorotUniform
        case "glorot_normal", "xavier_normal": self = .glorotNormal
        case "he_normal", "he", "kaiming_normal": self = .heNormal
        case "he_uniform", "kaiming_uniform": self = .heUniform
        default:
            if n.hasPrefix("scaled_normal("), n.hasSuffix(")") {
                guard let gain = Float(n.dropFirst("scaled_normal(".count).dropLast()), gain > 0, gain.isFinite else { return nil }
                self = .scaledNormal(gain: gain)
                return
            }
            guard n.hasPrefix("uniform("), n.hasSuffix(")") else { return nil }
            let parts = n.dropFirst("uniform(".count).dropLast().split(separator: ",")
            guard parts.count == 2, let lo = Float(parts[0]), let hi = Float(parts[1]), lo < hi else { return nil }
            self = .uniform(lower: lo, upper: hi)
        }
    }

    /// Every form `init?(name:)` accepts, for error messages.
    public static let knownNames = ["glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "uniform(LOW,HIGH)",
                                     "scaled_normal(GAIN)"]

    /// One weight for a layer with the given fan-in and fan-out.
    func draw(fanIn: Int, fanOut: Int, using rng: inout SeededGenerator) -> Float {
        switch self {
        case .glorotUniform:
            let a = (6.0 / Double(fanIn + fanOut)).squareRoot()
            return Float(rng.uniform(in: -a...a))
        case .glorotNormal:
            return Float(rng.normal(standardDeviation: (2.0 / Double(fanIn + fanOut)).squareRoot()))
        case .heNormal:
            return Float(rng.normal(standardDeviation: (2.0 / Double(fanIn)).squareRoot()))
        case .heUniform:
            let a = (6.0 / Double(fanIn)).squareRoot()
            return Float(rng.uniform(in: -a...a))
        case let .uniform(lower, upper):
            return Float(rng.uniform(in: Double(lower)...Double(upper)))
        case let .scaledNormal(gain):
            return Float(rng.normal(standardDeviation: Double(gain) / Double(fanIn).squareRoot()))
        }
    }
}

extension Initializer: NamedSetting {
    public static var settingNoun: String { "initializer" }
}
