/// Which PNG row filter the encoder puts before true-colour scanlines. `.standard` is what
/// every figure and animation is written with; the other exists so
/// `lessonbook bench --only PNG` can measure the choice on real figures (`PNGEncoder`
/// gives the numbers).
public enum PNGRowFilter: Sendable, Hashable, CustomStringConvertible {
    /// Filter type 0: the bytes as they are. Plots are mostly runs of a few flat colours,
    /// which zlib's matcher finds unfiltered.
    case none
    /// Per row, Sub or Up by the smaller sum of residuals (Up on a repeated row): what
    /// suits photographs and smooth gradients.
    case subOrUp

    /// What figures and animations are written with.
    public static let standard = PNGRowFilter.none

    /// `none` or `sub-up` (part of a PNG bench line's `impl`).
    public var description: String { self == .none ? "none" : "sub-up" }
}
