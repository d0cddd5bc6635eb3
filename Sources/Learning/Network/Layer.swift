/// One layer of a `Network`, in the order data flows through it.
public enum Layer: Equatable, Sendable, Codable {
    /// An affine map `y = x W + b` with W of shape `inputs x outputs`.
    case dense(Dense)
    /// An elementwise nonlinearity.
    case activation(Activation)
    /// Inverted dropout: during training each unit is zeroed with probability `rate` and
    /// the survivors are scaled by 1 / (1 - rate); outside training it does nothing.
    case dropout(rate: Float)
}

/// The shape of a dense layer and where its parameters sit in `Network.parameters`.
public struct Dense: Equatable, Sendable, Codable {
    /// Width of the layer's input.
    public let inputs: Int
    /// Width of the layer's output (its number of units).
    public let outputs: Int
    /// Whether the layer adds a bias vector.
    public let hasBias: Bool
    /// Offset of the row-major `inputs x outputs` weights in the flat parameters.
    public let weightOffset: Int
    /// Offset of the `outputs` biases (meaningless when `hasBias` is false).
    public let biasOffset: Int

    /// Number of parameters: inputs * outputs, plus outputs with a bias.
    public var parameterCount: Int { ParameterCount.dense(inputs: inputs, outputs: outputs, bias: hasBias) }
}

/// A layer as a network is described before its parameters exist.
public enum LayerSpec: Equatable, Sendable {
    /// A dense layer with `units` outputs.
    case dense(units: Int, bias: Bool = true)
    /// An elementwise nonlinearity.
    case activation(Activation)
    /// Dropout with the given rate in [0, 1).
    case dropout(rate: Float)
}
