import Foundation
import Plot

/// How two PNG images of the same size differ: the share of pixels that changed and an
/// image that shows where. In the image unchanged pixels are the baseline faded to light
/// grey; a pixel darker in the baseline than in the other run is orange (ink that went
/// away), darker in the other run blue (ink that appeared), and a change of colour at the
/// same lightness black. Orange and blue are Okabe and Ito's pair (#E69F00, #0072B2), which
/// readers with the common forms of colour blindness (protan, deutan, tritan) tell apart;
/// they also differ in lightness, so the pair survives greyscale printing.
public struct PixelDifference: Sendable {
    /// Pixels whose ARGB values are not exactly equal.
    public var changedPixels: Int
    /// Pixels in either image (width times height; both have the same size).
    public var totalPixels: Int
    /// The picture of where the images differ, the baseline's size.
    public var image: PNGImage

    /// The share of changed pixels, 0 ... 1.
    public var changedShare: Double { totalPixels == 0 ? 0 : Double(changedPixels) / Double(totalPixels) }
    /// Whether every pixel is exactly equal.
    public var identical: Bool { changedPixels == 0 }

    /// Compares `other` with `baseline`; nil when their sizes differ.
    public init?(baseline: PNGImage, other: PNGImage) {
        guard baseline.width == other.width, baseline.height == other.height else { return nil }
        var image = PNGImage(width: baseline.width, height: baseline.height)
        var changed = 0
        baseline.pixels.withUnsafeBufferPointer { base in
            other.pixels.withUnsafeBufferPointer { next in
                image.pixels.withUnsafeMutableBufferPointer { out in
                    for index in 0..<base.count {
                        let a = base[index], b = next[index]
                        let lightA = Self.lightness(a), lightB = Self.lightness(b)
                        if a == b {
                            // Faded: 85% of the way to white keeps the layout readable behind the changes.
                            let grey = UInt32(255 - (255 - lightA) * 15 / 100)
                            out[index] = 0xFF00_0000 | grey << 16 | grey << 8 | grey
                        } else {
                            changed += 1
                            if lightA + 8 < lightB {
                                out[index] = Self.baselineInk     // orange: the baseline had ink here
                            } else if lightB + 8 < lightA {
                                out[index] = Self.otherInk        // blue: the other run has ink here
                            } else {
                                out[index] = Self.colourChange    // black: the colour changed
                            }
                        }
                    }
                }
            }
        }
        changedPixels = changed
        totalPixels = baseline.pixels.count
        self.image = image
    }

    /// Orange (Okabe–Ito #E69F00): ink only in the baseline.
    public static let baselineInk: UInt32 = 0xFFE6_9F00
    /// Blue (Okabe–Ito #0072B2): ink only in the other run.
    public static let otherInk: UInt32 = 0xFF00_72B2
    /// Black: the same lightness in another colour.
    public static let colourChange: UInt32 = 0xFF00_0000

    /// What each colour of a difference image means, as a Markdown list (the comparison's
    /// legend).
    public static let legend = """
    - **orange** (#E69F00): ink only in the first column's run (drawn there, gone here)
    - **blue** (#0072B2): ink only in this run (new here)
    - **black**: the same place in another colour of the same lightness
    - light grey: unchanged (the first run's figure, faded)
    """

    /// Lightness 0 (black) ... 255 (white) of a premultiplied ARGB pixel seen over white.
    static func lightness(_ pixel: UInt32) -> Int {
        let alpha = Int(pixel >> 24 & 0xFF)
        let red = Int(pixel >> 16 & 0xFF) + 255 - alpha
        let green = Int(pixel >> 8 & 0xFF) + 255 - alpha
        let blue = Int(pixel & 0xFF) + 255 - alpha
        return (red * 299 + green * 587 + blue * 114) / 1000
    }
}
