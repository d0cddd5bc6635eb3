/// Opaque pixels in memory as `0x00RRGGBB` words, row by row from the top: one frame of
/// an animation between drawing and encoding.
struct RasterImage: Sendable, Equatable {
    var width: Int
    var height: Int
    var pixels: [UInt32]
}
