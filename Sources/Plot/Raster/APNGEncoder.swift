import Foundation

/// Writes frames of equal size as an animated PNG (APNG 1.0: `acTL`, `fcTL`, `fdAT`).
///
/// - The `IDAT` image is the last frame and is not part of the animation, so a viewer
///   without APNG support shows the finished picture; every frame, the first included,
///   is an `fdAT` frame.
/// - Frame differencing: each frame after the first covers only the rectangle of pixels
///   that differ from the frame before it (`fcTL` offsets, `dispose_op` none). In RGBA
///   files the pixels inside that rectangle that did not change are transparent and
///   blended over the previous frame (`blend_op` over): transparent runs compress to
///   almost nothing, so a frame costs about what changed in it.
/// - When all frames together use at most 256 colours, the file is indexed (`PLTE`, one
///   byte per pixel, rectangles replaced whole with `blend_op` source, which every decoder
///   composes alike); otherwise RGBA. The palette is sorted by colour value, so the same
///   frames give the same bytes.
/// - Scanlines are filtered by `PNGEncoder`'s row filters and compressed by zlib as
///   `PNGEncoder` compresses figures (level 1; its documentation gives the measurement).
enum APNGEncoder {
    /// A rectangle of pixels, for a frame's `fcTL` region.
    struct Region: Equatable {
        var x: Int, y: Int, width: Int, height: Int
    }

    /// Encodes `frames` (all `width` × `height`), showing frame i for `delays[i]`
    /// milliseconds (1...65535), looping `loops` times (0: forever).
    static func encode(_ frames: [RasterImage], delays: [Int], loops: Int = 0) -> [UInt8] {
        precondition(!frames.isEmpty && delays.count == frames.count, "frames and delays must match")
        let width = frames[0].width, height = frames[0].height
        let palette = self.palette(frames)
        var png = PNGEncoder.signature
        PNGEncoder.chunk("IHDR", PNGEncoder.header(width: width, height: height, colorType: palette == nil ? 6 : 3), into: &png)
        PNGEncoder.chunk("acTL", PNGEncoder.bigEndian(UInt32(frames.count)) + PNGEncoder.bigEndian(UInt32(max(loops, 0))), into: &png)
        var indexed: [[UInt8]] = []
        if let palette {
            PNGEncoder.chunk("PLTE", palette.flatMap { [UInt8($0 >> 16 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)] }, into: &png)
            let lookup = Dictionary(uniqueKeysWithValues: palette.enumerated().map { ($0.element, UInt8($0.offset)) })
            indexed = frames.map { indices($0, lookup) }
        }
        let full = Region(x: 0, y: 0, width: width, height: height)
        /// The compressed rows of frame `i` inside `r`; in RGBA, with `against`, pixels equal
        /// to that frame's are left transparent.
        func payload(_ i: Int, _ r: Region, against previous: Int?) -> [UInt8] {
            if palette != nil {
                return indexed[i].withUnsafeBufferPointer { p in
                    PNGEncoder.compress(PNGEncoder.filteredIndexRows(width: r.width, height: r.height, stride: width,
                                                                 indices: p.baseAddress! + r.y * width + r.x))
                }
            }
            var region = [UInt32](repeating: 0, count: r.width * r.height)
            let now = frames[i].pixels
            for y in 0..<r.height {
                let source = (r.y + y) * width + r.x, target = y * r.width
                if let previous {
                    let before = frames[previous].pixels
                    for x in 0..<r.width where now[source + x] != before[source + x] { region[target + x] = now[source + x] | 0xFF00_0000 }
                } else {
                    for x in 0..<r.width { region[target + x] = now[source + x] | 0xFF00_0000 }
                }
            }
            return region.withUnsafeBufferPointer { p in
                PNGEncoder.compress(PNGEncoder.filteredRows(width: r.width, height: r.height, stride: 4 * r.width,
                                                        pixels: UnsafeRawPointer(p.baseAddress!), alpha: true))
            }
        }
        PNGEncoder.chunk("IDAT", payload(frames.count - 1, full, against: nil), into: &png)
        var sequence: UInt32 = 0
        for i in frames.indices {
            let r = i == 0 ? full : changed(from: frames[i - 1], to: frames[i])
            var control = PNGEncoder.bigEndian(sequence)
            control += PNGEncoder.bigEndian(UInt32(r.width)) + PNGEncoder.bigEndian(UInt32(r.height))
            control += PNGEncoder.bigEndian(UInt32(r.x)) + PNGEncoder.bigEndian(UInt32(r.y))
            let delay = UInt16(clamping: delays[i])
            control += [UInt8(delay >> 8), UInt8(delay & 0xFF), 0x03, 0xE8]   // delay_num / 1000 s
            control += [0, i == 0 || palette != nil ? 0 : 1]                   // dispose none; blend source or over
            PNGEncoder.chunk("fcTL", control, into: &png)
            sequence += 1
            PNGEncoder.chunk("fdAT", PNGEncoder.bigEndian(sequence) + payload(i, r, against: i == 0 ? nil : i - 1), into: &png)
            sequence += 1
        }
        PNGEncoder.chunk("IEND", [], into: &png)
        return png
    }

    /// The frames' colours sorted, or nil when there are more than 256.
    static func palette(_ frames: [RasterImage]) -> [UInt32]? {
        var colours = Set<UInt32>()
        for frame in frames {
            var last: UInt32? = nil
            for p in frame.pixels where p != last {
                last = p
                if colours.insert(p).inserted && colours.count > 256 { return nil }
            }
        }
        return colours.sorted()
    }

    static func indices(_ frame: RasterImage, _ lookup: [UInt32: UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: frame.pixels.count)
        var last: UInt32 = 0, index = lookup[0] ?? 0
        for (i, p) in frame.pixels.enumerated() {
            if p != last { last = p; index = lookup[p]! }
            out[i] = index
        }
        return out
    }

    /// The smallest rectangle holding every pixel that differs between the frames; one
    /// pixel at the origin when they are equal (a frame must cover at least one pixel).
    static func changed(from a: RasterImage, to b: RasterImage) -> Region {
        let w = a.width, h = a.height
        return a.pixels.withUnsafeBufferPointer { pa in
            b.pixels.withUnsafeBufferPointer { pb in
                func rowDiffers(_ y: Int) -> Bool { memcmp(pa.baseAddress! + y * w, pb.baseAddress! + y * w, 4 * w) != 0 }
                guard let top = (0..<h).first(where: rowDiffers) else { return Region(x: 0, y: 0, width: 1, height: 1) }
                let bottom = (top..<h).last(where: rowDiffers)!
                var left = w, right = -1
                for y in top...bottom {
                    let row = y * w
                    var x = 0
                    while x < left && pa[row + x] == pb[row + x] { x += 1 }
                    if x < left { left = x }
                    var r = w - 1
                    while r > right && pa[row + r] == pb[row + r] { r -= 1 }
                    if r > right { right = r }
                }
                return Region(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
            }
        }
    }
}
