/// A continuous colour map: evenly spaced colour stops, linearly interpolated.
public struct ColorMap: Sendable {
    /// A short name (`viridis`), shown nowhere but useful in tests and galleries.
    public let name: String
    let stops: [Color]

    /// A map through `stops`, evenly spaced over 0...1 (at least two stops).
    public init(name: String, stops: [Color]) {
        self.name = name
        self.stops = stops.count >= 2 ? stops : [stops.first ?? .black, stops.first ?? .white]
    }

    /// The colour at `t`, clamped to 0...1; NaN gives the first stop.
    public func color(at t: Double) -> Color {
        let u = t.isNaN ? 0 : min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(u), stops.count - 2)
        return Color.mix(stops[i], stops[i + 1], u - Double(i))
    }

    /// Viridis (van der Walt and Smith): perceptually uniform, colour-blind safe, dark to light.
    public static let viridis = ColorMap(name: "viridis", stops: ColorMapTables.viridis.map { Color(red: $0.0, green: $0.1, blue: $0.2) })
    /// Magma (van der Walt and Smith): perceptually uniform, black through purple to pale yellow.
    public static let magma = ColorMap(name: "magma", stops: ColorMapTables.magma.map { Color(red: $0.0, green: $0.1, blue: $0.2) })
    /// A diverging blue-white-red map for signed values (ColorBrewer RdBu, 11 classes,
    /// reversed so negative is blue); the midpoint 0.5 is near-white.
    public static let blueRed = ColorMap(name: "blue-red", stops: [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ].map { Color(hex: $0) })
    /// A lighter diverging map for two-class probabilities behind scatter points: Okabe-Ito
    /// blue through white to Okabe-Ito orange.
    public static let blueOrange = ColorMap(name: "blue-orange", stops: [
        Color(hex: 0x4A90C8), Color(hex: 0xA9CBE6), Color(hex: 0xF7F7F7), Color(hex: 0xF5D08A), Color(hex: 0xE69F00),
    ])
    /// Greys from white to black.
    public static let grays = ColorMap(name: "grays", stops: [.white, .black])
}
