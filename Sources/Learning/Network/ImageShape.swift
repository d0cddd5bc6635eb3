/// The shape of an image (or a stack of feature maps) as the convolution and pooling
/// layers see one row of a batch: `height x width` positions of `channels` values each,
/// stored channels last (row-major over `y`, then `x`, then the channel), so that a
/// one-channel image is its pixels in reading order and `flatten` needs no copy.
public struct ImageShape: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let channels: Int
    public let height: Int
    public let width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Number of values in one image: height * width * channels.
    public var count: Int { height * width * channels }

    /// A square one-channel image of `count` pixels, or nil when `count` is not a square.
    public static func square(count: Int) -> ImageShape? {
        let side = Int(Double(count).squareRoot().rounded())
        return side > 0 && side * side == count ? ImageShape(channels: 1, height: side, width: side) : nil
    }

    public var description: String { "\(channels)x\(height)x\(width)" }
}
