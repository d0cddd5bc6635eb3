import CCairo
import Foundation
import Synchronization

/// Measures text with Cairo's font machinery on a 1×1 scratch surface, with metrics
/// hinting off so widths match every output surface and scale. Widths are cached for
/// the whole process (they depend only on family, size, weight and string); a mutex
/// makes it safe to lay figures out on several threads.
final class CairoTextMeasurer: TextMeasuring {
    /// The scratch context and the widths measured so far, shared by every thread. The
    /// mutex guards both: a Cairo context may be used by one thread at a time.
    private static let shared = Mutex(Scratch())

    /// A 1 × 1 surface's context, made at the first measurement, the font it last
    /// selected, and the widths by family, size, weight and string.
    private struct Scratch {
        var surface: OpaquePointer?
        var context: OpaquePointer?
        var cache: [String: Double] = [:]
        var fontKey = ""

        mutating func width(_ string: String, family: String, size: Double, bold: Bool) -> Double {
            let key = "\(family)|\(size)|\(bold)|\(string)"
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
        string.isEmpty ? 0 : Self.shared.withLock { $0.width(string, family: family, size: size, bold: bold) }
    }
}
