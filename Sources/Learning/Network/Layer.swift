/// One layer of a `Network`, in the order data flows through it.
public enum Layer: Equatable, Sendable, Codable {
    /// An affine map `y = x W + b` with W of shape `inputs x outputs`.
    case dense(Dense)
    /// An elementwise nonlinearity.
    case activation(Activation)
    /// Inverted dropout: during training each unit is zeroed with probability `rate` and
    /// the survivors are scaled by 1 / (1 - rate); outside training it does nothing.
    case dropout(rate: Float)
    /// A 2-D convolution over images stored channels last (`ImageShape`).
    case convolution(Convolution)
    /// The largest value of each pooling window, per channel.
    case maxPool(Pooling)
    /// The mean of each pooling window, per channel.
    case averagePool(Pooling)
    /// The end of the image layers: the values pass unchanged (they are already one row
    /// per example), and what follows sees a plain vector.
    case flatten
    /// A simple recurrent layer over padded sequences (`Recurrent`, `SequenceShape`).
    case recurrent(Recurrent)
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
    /// A 2-D convolution with `filters` square kernels of side `kernel`, `stride` and
    /// `padding` zeros on every side; it needs an image shape (`Network.init`'s
    /// `inputShape`, or the output of an earlier image layer).
    case convolution(filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0)
    /// Max pooling over `size x size` windows `stride` apart.
    case maxPool(size: Int, stride: Int)
    /// Average pooling over `size x size` windows `stride` apart.
    case averagePool(size: Int, stride: Int)
    /// Ends the image layers; dense layers may follow.
    case flatten
    /// A simple recurrent layer of `units` tanh units with the last state or the mean over
    /// time as output; it must be the first layer, on an input with a sequence shape
    /// (`Network.init`'s `sequence`).
    case recurrent(units: Int, output: RecurrentOutput = .last)
}
