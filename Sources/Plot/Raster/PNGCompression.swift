/// How the PNG encoder compresses filtered scanlines (the IDAT and fdAT payloads).
/// `.standard` is what every figure and animation is written with; the others exist so
/// `lessonbook bench --only PNG` can measure the choice on real figures.
public enum PNGCompression: Sendable, Hashable, CustomStringConvertible {
    /// zlib's match-finding strategy: the default (lazy matching), or runs only (`Z_RLE`).
    public enum Strategy: Sendable, Hashable { case standard, rle }

    /// The plotter's former own fixed-Huffman DEFLATE (`FixedHuffmanDeflate`), kept as the
    /// measurement's baseline.
    case own
    /// zlib's `deflate` at `level` (1 fastest ... 9 smallest) with `strategy`.
    case zlib(level: Int, strategy: Strategy)

    /// What figures and animations are written with: zlib level 1 (`PNGEncoder` says why).
    public static let standard = PNGCompression.zlib(level: 1, strategy: .standard)

    /// The settings the PNG workload compares: the own encoder, zlib level 1, level 6 and `Z_RLE`.
    public static let compared: [PNGCompression] = [.own, .zlib(level: 1, strategy: .standard),
                                                   .zlib(level: 6, strategy: .standard), .zlib(level: 6, strategy: .rle)]

    /// `own`, `zlib-1`, `zlib-6`, `zlib-rle` (a bench line's `impl`).
    public var description: String {
        switch self {
        case .own: return "own"
        case .zlib(_, .rle): return "zlib-rle"
        case .zlib(let level, .standard): return "zlib-\(level)"
        }
    }
}
