import CCairo
import Foundation

/// A PNG file's pixels in memory, for comparing figures pixel by pixel and writing
/// difference images. Pixels are 32-bit premultiplied ARGB (`0xAARRGGBB`, Cairo's
/// `ARGB32`), row-major from the top-left, `width * height` of them. Reading goes through
/// Cairo (any PNG it reads), writing through the plotter's own encoder; errors are
/// `PlotError.image`, naming the file.
public struct PNGImage: Sendable, Equatable {
    /// Size in pixels.
    public var width: Int
    public var height: Int
    /// `width * height` premultiplied ARGB pixels, row by row from the top.
    public var pixels: [UInt32]

    /// An image of `width` × `height` pixels, all `fill` (opaque white unless told).
    public init(width: Int, height: Int, fill: UInt32 = 0xFFFF_FFFF) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [UInt32](repeating: fill, count: self.width * self.height)
    }

    /// Reads a PNG file (any PNG Cairo reads: RGB, RGBA, grey, palette).
    public init(contentsOf url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw PlotError.image(path: url.path, message: "no such file; expected a PNG image")
        }
        guard let loaded = cairo_image_surface_create_from_png(url.path) else {
            throw PlotError.image(path: url.path, message: "cannot read the image")
        }
        defer { cairo_surface_destroy(loaded) }
        let status = cairo_surface_status(loaded)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError.image(path: url.path, message: "cannot read it as a PNG image (\(String(cString: cairo_status_to_string(status))))")
        }
        width = Int(cairo_image_surface_get_width(loaded))
        height = Int(cairo_image_surface_get_height(loaded))
        // Paint whatever format Cairo chose (RGB24, A8, ...) onto an ARGB32 surface, so the
        // pixels always have one layout.
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw PlotError.image(path: url.path, message: "not enough memory for a \(width) × \(height) image")
        }
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        cairo_set_operator(context, CAIRO_OPERATOR_SOURCE)
        cairo_set_source_surface(context, loaded, 0, 0)
        cairo_paint(context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        pixels = Self.read(surface, width: width, height: height)
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

    private static func read(_ surface: OpaquePointer, width: Int, height: Int) -> [UInt32] {
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let base = cairo_image_surface_get_data(surface) else { return [] }
        var pixels = [UInt32](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { target in
            for row in 0..<height {
                let source = UnsafeRawPointer(base + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width { target[row * width + column] = source[column] }
            }
        }
        return pixels
    }
}
