/// Measures text for layout; `Theme.textMeasurer` gives the one the canvas draws with.
protocol TextMeasuring: AnyObject {
    /// Advance width of `string` in points at font size `size`.
    func width(_ string: String, size: Double, bold: Bool) -> Double
}

/// Font metrics of DejaVu Sans as fractions of the font size, used to place text vertically.
enum FontMetrics {
    static let capHeight = 0.729
    static let descent = 0.236
    static let lineHeight = 1.2
}
