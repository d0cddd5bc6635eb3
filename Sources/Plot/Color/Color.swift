/// An sRGB colour with straight (not premultiplied) alpha; each component in 0...1.
public struct Color: Sendable, Hashable {
    /// Red component, 0 to 1 (sRGB).
    public var red: Double
    /// Green component, 0 to 1 (sRGB).
    public var green: Double
    /// Blue component, 0 to 1 (sRGB).
    public var blue: Double
    /// Opacity, 0 (transparent) to 1 (opaque), not premultiplied.
    public var alpha: Double

    /// A colour from components in 0...1; `Color(hex:)` is shorter for a palette's colours.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit hex value such as `0x0072B2`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with another opacity.
    public func opacity(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Relative luminance (WCAG), used to pick black or white text on a coloured cell.
    var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Linear interpolation between two colours, `t` in 0...1.
    static func mix(_ a: Color, _ b: Color, _ t: Double) -> Color {
        Color(red: a.red + (b.red - a.red) * t, green: a.green + (b.green - a.green) * t,
              blue: a.blue + (b.blue - a.blue) * t, alpha: a.alpha + (b.alpha - a.alpha) * t)
    }

    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Opaque white, the standard theme's background.
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Middle grey, for marks that should recede (a baseline, a chance level).
    public static let gray = Color(hex: 0x808080)
    /// Fully transparent, for a fill or stroke that draws nothing.
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}

import Foundation
