import CCairo
import Foundation

/// Measures text with Cairo's font machinery on a 1×1 scratch surface, with metrics
/// hinting off so widths match every output surface and scale.
final class CairoTextMeasurer: TextMeasuring {
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private var cache: [String: Double] = [:]
    private let family: String

    init(family: String = "DejaVu Sans") {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        context = cairo_create(surface)
        self.family = family
        CairoCanvas.configureFonts(context)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    func width(_ string: String, size: Double, bold: Bool) -> Double {
        if string.isEmpty { return 0 }
        let key = "\(size)|\(bold)|\(string)"
        if let w = cache[key] { return w }
        cairo_select_font_face(context, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, string, &extents)
        cache[key] = extents.x_advance
        return extents.x_advance
    }
}
