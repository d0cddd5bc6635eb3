import CCairo
import Foundation
@testable import Plot
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A decoded PNG: width, height and a pixel reader (red, green, blue in 0...255).
struct DecodedPNG {
    let width: Int
    let height: Int
    let pixels: [UInt32]
    func rgb(_ x: Int, _ y: Int) -> (Int, Int, Int) {
        let p = pixels[y * width + x]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }
}

final class PNGSource {
    let data: [UInt8]
    var offset = 0
    init(_ data: Data) { self.data = [UInt8](data) }
}

/// Decodes PNG bytes through Cairo.
func decodePNG(_ data: Data) -> DecodedPNG? {
    let source = PNGSource(data)
    let read: cairo_read_func_t = { closure, buffer, length in
        let s = Unmanaged<PNGSource>.fromOpaque(closure!).takeUnretainedValue()
        let n = Int(length)
        guard s.offset + n <= s.data.count, let buffer else { return CAIRO_STATUS_READ_ERROR }
        for i in 0..<n { buffer[i] = s.data[s.offset + i] }
        s.offset += n
        return CAIRO_STATUS_SUCCESS
    }
    let surface = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
    defer { cairo_surface_destroy(surface) }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
    let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
    let stride = Int(cairo_image_surface_get_stride(surface))
    guard let base = cairo_image_surface_get_data(surface) else { return nil }
    var pixels = [UInt32](repeating: 0, count: w * h)
    for y in 0..<h {
        let row = (base + y * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
        for x in 0..<w { pixels[y * w + x] = row[x] }
    }
    return DecodedPNG(width: w, height: h, pixels: pixels)
}

/// Parses SVG bytes as XML and counts elements by name; nil if the XML is malformed.
func svgElementCounts(_ data: Data) -> [String: Int]? {
    final class Counter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
        }
    }
    let parser = XMLParser(data: data)
    let counter = Counter()
    parser.delegate = counter
    return parser.parse() ? counter.counts : nil
}

/// Whether any two boxes overlap.
func overlapping(_ boxes: [Rect]) -> Bool {
    for i in boxes.indices { for j in boxes.indices where j > i && boxes[i].intersects(boxes[j]) { return true } }
    return false
}
