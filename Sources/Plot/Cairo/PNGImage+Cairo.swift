import CCairo
import Foundation

extension PNGImage {
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

    fileprivate static func read(_ surface: OpaquePointer, width: Int, height: Int) -> [UInt32] {
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
