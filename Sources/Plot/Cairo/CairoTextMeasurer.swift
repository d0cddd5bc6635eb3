import CCairo
import Foundation

/// Measures text with Cairo's font machinery on a 1×1 scratch surface, with metrics
/// hinting off so widths match every output surface and scale. Widths are cached for
/// the whole process (they depend only on family, size, weight and string); a lock
/// makes it safe to lay figures out on several threads.
final class CairoTextMeasurer: TextMeasuring {
    private static let shared = Scratch()

    private final class Scratch: @unchecked Sendable {
        let lock = NSLock()
        var surface: OpaquePointer?
        var context: OpaquePointer?
        var cache: [String: Double] = [:]
        var fontKey = ""

        func width(_ string: String, family: String, size: Double, bold: Bool) -> Double {
            let key = "\(family)|\(size)|\(bold)|\(string)"
            lock.lock()
            defer { lock.unlock() }
            if let w = cache[key] { return w }
            if context == nil {
                surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
                context = cairo_create(surface)
                CairoCanvas.configureFonts(context!)
            }
            let fk = "\(family)|\(size)|\(bold)"
            if fk != fontKey {
                cairo_select_font_face(context, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
                cairo_set_font_size(context, size)
                fontKey = fk
            }
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, string, &extents)
            if cache.count > 50_000 { cache.removeAll() }
            cache[key] = extents.x_advance
            return extents.x_advance
        }
    }

    private let family: String

    init(family: String = "DejaVu Sans") {
        self.family = family
    }

    func width(_ string: String, size: Double, bold: Bool) -> Double {
        string.isEmpty ? 0 : Self.shared.width(string, family: family, size: size, bold: bold)
    }
}
