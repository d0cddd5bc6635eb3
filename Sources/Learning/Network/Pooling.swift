/// The shape of a max or average pooling layer: each channel's `size x size` windows,
/// `stride` apart, without padding (a window that would overhang the edge is dropped).
public struct Pooling: Equatable, Sendable, Codable {
    /// Shape of the layer's input.
    public let input: ImageShape
    /// Side of the square window, in pixels.
    public let size: Int
    /// Step between neighbouring windows, in pixels.
    public let stride: Int

    /// Shape of the output: the same channels over the windows.
    public var output: ImageShape {
        ImageShape(channels: input.channels, height: (input.height - size) / stride + 1,
                   width: (input.width - size) / stride + 1)
    }
}
