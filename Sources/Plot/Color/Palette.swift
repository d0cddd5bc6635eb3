/// Categorical palettes for series and classes.
public enum Palette {
    /// Okabe and Ito's colour-blind-safe palette (Color Universal Design, 2002), ordered so
    /// the first colours are the most distinct on white: blue, orange, bluish green,
    /// vermillion, reddish purple, sky blue, yellow, black.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0xF0E442), Color(hex: 0x000000),
    ]
}
