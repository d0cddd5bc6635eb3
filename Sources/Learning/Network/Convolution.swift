/// The shape of a 2-D convolution layer and where its parameters sit in
/// `Network.parameters` (LeCun et al. 1998): `filters` kernels of `kernel x kernel x
/// input.channels` weights, each slid over the zero-padded input with `stride`, each
/// with one bias. The same weights at every position is the weight sharing that makes
/// the layer's output move with its input.
///
/// The weights are stored as a row-major `patchSize x filters` matrix whose rows run over
/// the patch in the order (ky, kx, channel), so the layer is an im2col lowering (each
/// output position's patch becomes one row) followed by the same product as a dense layer.
public struct Convolution: Equatable, Sendable, Codable {
    /// Shape of the layer's input.
    public let input: ImageShape
    /// Number of filters (output channels).
    public let filters: Int
    /// Side of the square kernel, in pixels.
    public let kernel: Int
    /// Step between neighbouring output positions, in pixels.
    public let stride: Int
    /// Zeros added on every side of the input, in pixels.
    public let padding: Int
    /// Offset of the row-major `patchSize x filters` weights in the flat parameters.
    public let weightOffset: Int
    /// Offset of the `filters` biases.
    public let biasOffset: Int

    /// Shape of the output: `filters` channels over the positions the kernel visits.
    public var output: ImageShape {
        ImageShape(channels: filters, height: (input.height + 2 * padding - kernel) / stride + 1,
                   width: (input.width + 2 * padding - kernel) / stride + 1)
    }

    /// Weights per filter: kernel * kernel * input channels.
    public var patchSize: Int { kernel * kernel * input.channels }

    /// Number of output positions per image.
    public var positions: Int { output.height * output.width }

    /// Number of parameters: patchSize * filters weights plus filters biases.
    public var parameterCount: Int { patchSize * filters + filters }
}
