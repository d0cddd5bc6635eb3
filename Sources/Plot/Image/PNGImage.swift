import Foundation

/// A PNG file's pixels in memory, for comparing figures pixel by pixel and writing
/// difference images. Pixels are 32-bit premultiplied ARGB (`0xAARRGGBB`, Cairo's
/// `ARGB32`), row-major from the top-left, `width * height` of them. Reading goes through
/// the canvas's library (`Plot/Cairo/PNGImage+Cairo.swift`), writing through the
/// plotter's own encoder; errors are `PlotError.image`, naming the file.
public struct PNGImage: Sendable, Equatable {
    /// Size in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// `width * height` premultiplied ARGB pixels, row by row from the top.
    public var pixels: [UInt32]

    /// An image of `width` × `height` pixels, all `fill` (opaque white unless told).
    public init(width: Int, height: Int, fill: UInt32 = 0xFFFF_FFFF) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [UInt32](repeating: fill, count: self.width * self.height)
    }

    /// Writes the image as a PNG file with the plotter's encoder: RGB when every pixel is
    /// opaque, RGBA otherwise (the same pixels give the same bytes).
    public func write(to url: URL) throws {
        guard width > 0, height > 0 else {
            throw PlotError.image(path: url.path, message: "cannot write an empty image (\(width) × \(height) pixels)")
        }
        do {
            try pngData().write(to: url)
        } catch {
            throw PlotError.image(path: url.path, message: "cannot write the PNG file (\(error.localizedDescription))")
        }
    }

    /// The image as PNG bytes (RGB when every pixel is opaque, RGBA otherwise), its rows
    /// filtered and compressed as `filter` and `compression` say; a non-empty image is expected.
    public func pngData(filter: PNGRowFilter = .standard, compression: PNGCompression = .standard) -> Data {
        let opaque = pixels.allSatisfy { $0 >> 24 == 0xFF }
        // PNG stores straight alpha: undo the premultiplication, rounding as Cairo does.
        let words = opaque ? pixels : pixels.map { p -> UInt32 in
            let a = p >> 24
            guard a > 0, a < 0xFF else { return a == 0 ? 0 : p }
            func channel(_ shift: UInt32) -> UInt32 { min(255, ((p >> shift & 0xFF) * 255 + a / 2) / a) << shift }
            return a << 24 | channel(16) | channel(8) | channel(0)
        }
        return Data(words.withUnsafeBytes { raw in
            PNGEncoder.encode(width: width, height: height, stride: 4 * width, pixels: raw.baseAddress!, alpha: !opaque,
                              filter: filter, compression: compression)
        })
    }

    /// The pixel at `column`, `row` (0-based from the top-left).
    public subscript(column: Int, row: Int) -> UInt32 {
        get { pixels[row * width + column] }
        set { pixels[row * width + column] = newValue }
    }
}
