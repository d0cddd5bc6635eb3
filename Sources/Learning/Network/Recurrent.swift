/// The shape of a simple recurrent layer (Elman 1990, "Finding structure in time",
/// Cognitive Science 14) and where its parameters sit in `Network.parameters`. It reads
/// a sequence step by step with the same weights at every step,
///
///     h_t = tanh(x_t W + h_{t-1} U + b),   h_0 = 0,
///
/// so it has no fixed input length: the sequences of a batch are padded to one width and
/// each example stops at its own length (`SequenceShape`'s presence flags). Its output is
/// the state after each example's own last step, or the mean of its states over its steps
/// (`RecurrentOutput`); an empty sequence gives zeros. W is row-major `features x units`,
/// U row-major `units x units`, then the `units` biases.
public struct Recurrent: Equatable, Sendable, Codable {
    /// The sequences the layer reads.
    public let input: SequenceShape
    /// Width of the hidden state.
    public let units: Int
    /// What the layer passes on: the last state or the mean over time.
    public let output: RecurrentOutput
    /// Offset of the row-major `features x units` input weights W.
    public let inputWeightOffset: Int
    /// Offset of the row-major `units x units` recurrent weights U.
    public let recurrentWeightOffset: Int
    /// Offset of the `units` biases.
    public let biasOffset: Int

    /// Number of parameters: features * units + units * units + units.
    public var parameterCount: Int { input.features * units + units * units + units }
}

/// What a recurrent layer outputs for each example.
public enum RecurrentOutput: String, Equatable, Sendable, Codable {
    /// The state after the example's own last step.
    case last
    /// The mean of the states over the example's steps.
    case mean
}
