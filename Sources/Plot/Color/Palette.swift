/// Categorical palettes for series and classes.
public enum Palette {
    /// Okabe and Ito's colour-blind-safe palette (Color Universal Design, 2002), ordered so
    /// the first colours are the most distinct on white: blue, orange, bluish green,
    /// vermillion, reddish purple, sky blue, yellow, black.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0xF0E442), Color(hex: 0x000000),
    ]

    /// Ten distinct colours (Vega's and matplotlib's `category10`/`tab10`), for figures with
    /// more classes than Okabe and Ito's eight, such as Fashion-MNIST's ten, where a
    /// repeated colour would make two classes look like one.
    public static let category10: [Color] = [
        Color(hex: 0x1F77B4), Color(hex: 0xFF7F0E), Color(hex: 0x2CA02C), Color(hex: 0xD62728), Color(hex: 0x9467BD),
        Color(hex: 0x8C564B), Color(hex: 0xE377C2), Color(hex: 0x7F7F7F), Color(hex: 0xBCBD22), Color(hex: 0x17BECF),
    ]
}
