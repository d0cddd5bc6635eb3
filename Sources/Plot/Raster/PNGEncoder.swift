import CZlib
import Foundation

/// The plotter's PNG encoder: true-colour rows unfiltered (filter type 0), then zlib's
/// `deflate` at level 1 and zlib's CRC-32.
///
/// Why these: `lessonbook bench --only PNG` encodes the same pixels each way, on one core:
/// the plotter's former own fixed-Huffman DEFLATE with single-probe matching (kept as
/// `PNGCompression.own`, for the measurement), zlib at level 1, level 6 and `Z_RLE`, each
/// after no filter and after a per-row choice of Sub or Up (`PNGRowFilter`). Measured 2
/// December 2026 on the 2-core development machine (an AMD EPYC VM, release build, median
/// of repeats; seconds, then bytes; the README's Performance section has the same table):
///
/// | figures | filter | own | zlib level 1 | zlib level 6 | zlib `Z_RLE` |
/// |---|---|---|---|---|---|
/// | W4's four, 800 × 600 (`--repeats 5`) | none | 0.0139, 484,023 | 0.0255, 282,314 | 0.0638, 221,125 | 0.0401, 1,228,340 |
/// | | Sub or Up | 0.0142, 366,837 | 0.0283, 317,629 | 0.0671, 274,481 | 0.0266, 369,269 |
/// | the 76 figures in `output/` (`--figures output --repeats 3`) | none | 0.44, 12.81 MB | 0.77, 10.33 MB | 2.12, 8.56 MB | 1.15, 23.63 MB |
/// | | Sub or Up | 0.53, 12.18 MB | 1.10, 10.66 MB | 2.54, 9.16 MB | 1.02, 12.62 MB |
///
/// Plots are runs of a few flat colours, which zlib's matcher finds as well unfiltered as
/// filtered (on W4's figures better: 11 % fewer bytes), and no filter skips choosing one:
/// unfiltered rows at level 1 are both faster and smaller than filtered ones. The own
/// encoder is about 1.8 times as fast but writes 24 to 71 % more bytes than that; level 6
/// saves 17 to 22 % at 2.5 to 2.8 times the time; `Z_RLE` needs filtered rows and is then
/// still larger. So figures are written unfiltered with zlib at level 1. zlib gives the same
/// bytes for the same input and settings, so figures stay byte-identical from run to run.
enum PNGEncoder {
    /// Encodes pixels given as native-endian 32-bit words: `0x00RRGGBB` (Cairo's RGB24,
    /// opaque) into an RGB PNG, or with `alpha` `0xAARRGGBB` with straight (not
    /// premultiplied) alpha into an RGBA PNG. `stride` is the distance between rows, bytes.
    static func encode(width: Int, height: Int, stride: Int, pixels: UnsafeRawPointer, alpha: Bool = false,
                       filter: PNGRowFilter = .standard, compression: PNGCompression = .standard) -> [UInt8] {
        let raw = filteredRows(width: width, height: height, stride: stride, pixels: pixels, alpha: alpha, filter: filter)
        var png = signature
        chunk("IHDR", header(width: width, height: height, colorType: alpha ? 6 : 2), into: &png)
        chunk("IDAT", compress(raw, compression), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// An IHDR payload: 8 bits per sample, deflate, adaptive filters, no interlace;
    /// `colorType` 2 is RGB, 6 RGBA, 3 palette indices.
    static func header(width: Int, height: Int, colorType: UInt8) -> [UInt8] {
        bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colorType, 0, 0, 0]
    }

    /// The filtered scanlines (one filter byte, then the row) of a 32-bit pixel rectangle,
    /// ready for `zlib`: the IDAT or fdAT payload before compression.
    static func filteredRows(width: Int, height: Int, stride: Int, pixels: UnsafeRawPointer, alpha: Bool = false,
                             filter: PNGRowFilter = .standard) -> [UInt8] {
        let channels = alpha ? 4 : 3
        let n = channels * width
        let rowBytes = 1 + n
        let current = UnsafeMutablePointer<UInt8>.allocate(capacity: n + channels)
        let previous = UnsafeMutablePointer<UInt8>.allocate(capacity: n + channels)
        defer { current.deallocate(); previous.deallocate() }
        previous.initialize(repeating: 0, count: n + channels)
        current.initialize(repeating: 0, count: n + channels)
        var cur = current, prev = previous
        // Every byte is written below, so the buffer starts uninitialised: zeroing 1.4 MB
        // first (for an 800 x 600 figure) would only cost page faults and a pass of stores.
        return [UInt8](unsafeUninitializedCapacity: rowBytes * height) { buffer, initialized in
            let out = buffer.baseAddress!
            for y in 0..<height {
                let row = (pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                let base = out + y * rowBytes
                if filter == .none {
                    base[0] = 0
                    bytes(of: row, width: width, alpha: alpha, into: base + 1)
                    continue
                }
                if y > 0 && memcmp(pixels + y * stride, pixels + (y - 1) * stride, 4 * width) == 0 {
                    base[0] = 2   // Up filter on a repeated row: all zeros.
                    (base + 1).initialize(repeating: 0, count: n)
                    continue      // `prev` still holds this row's bytes.
                }
                // cur[0..<channels] stay zero so Sub needs no branch: pixel bytes start after them.
                let c = cur + channels
                bytes(of: row, width: width, alpha: alpha, into: c)
                // Pick Up or Sub by the smaller sum of absolute (signed) residuals, estimated
                // on every third byte, then write only the chosen filter.
                var costUp = 0, costSub = 0
                let pv = prev + channels
                var i = 0
                while i < n {
                    costUp &+= abs(Int(Int8(bitPattern: c[i] &- pv[i])))
                    costSub &+= abs(Int(Int8(bitPattern: c[i] &- cur[i])))
                    i += 3
                }
                let dst = base + 1
                if y > 0 && costUp <= costSub {
                    base[0] = 2
                    for i in 0..<n { dst[i] = c[i] &- pv[i] }
                } else {
                    base[0] = 1
                    for i in 0..<n { dst[i] = c[i] &- cur[i] }
                }
                swap(&cur, &prev)
            }
            initialized = rowBytes * height
        }
    }

    /// A row of native-endian `0xAARRGGBB` words as PNG's R, G, B (and A) bytes.
    @inline(__always)
    private static func bytes(of row: UnsafePointer<UInt32>, width: Int, alpha: Bool, into c: UnsafeMutablePointer<UInt8>) {
        if alpha {
            for x in 0..<width {
                let p = row[x]
                c[4 * x] = UInt8(truncatingIfNeeded: p >> 16)
                c[4 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                c[4 * x + 2] = UInt8(truncatingIfNeeded: p)
                c[4 * x + 3] = UInt8(truncatingIfNeeded: p >> 24)
            }
        } else {
            for x in 0..<width {
                let p = row[x]
                c[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
                c[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                c[3 * x + 2] = UInt8(truncatingIfNeeded: p)
            }
        }
    }

    /// The filtered scanlines of a rectangle of 8-bit palette indices, `stride` bytes
    /// apart: Up on repeated rows and where it leaves more zeros, None elsewhere (Sub
    /// residuals of indices carry no meaning).
    static func filteredIndexRows(width: Int, height: Int, stride: Int, indices: UnsafePointer<UInt8>) -> [UInt8] {
        let rowBytes = 1 + width
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            for y in 0..<height {
                let row = indices + y * stride
                let base = out + y * rowBytes
                if y > 0 {
                    let above = row - stride
                    var zerosUp = 0, zerosNone = 0
                    for x in 0..<width {
                        if row[x] == above[x] { zerosUp += 1 }
                        if row[x] == 0 { zerosNone += 1 }
                    }
                    if zerosUp > zerosNone {
                        base[0] = 2
                        for x in 0..<width { base[1 + x] = row[x] &- above[x] }
                        continue
                    }
                }
                base[0] = 0
                (base + 1).update(from: row, count: width)
            }
        }
        return raw
    }

    /// A zlib stream of `data` compressed as `compression` says.
    static func compress(_ data: [UInt8], _ compression: PNGCompression = .standard) -> [UInt8] {
        switch compression {
        case .own: return FixedHuffmanDeflate.zlib(data)
        case .zlib(let level, let strategy): return deflate(data, level: level, strategy: strategy)
        }
    }

    /// A zlib stream from zlib's own `deflate` at `level`, with `Z_RLE` or the default strategy;
    /// the same input and settings give the same bytes.
    static func deflate(_ data: [UInt8], level: Int, strategy: PNGCompression.Strategy) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(&stream, Int32(level), Z_DEFLATED, 15, 8, strategy == .rle ? Z_RLE : Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed (\(status))")
        defer { deflateEnd(&stream) }
        // Room for the worst case, left uninitialised: only the pages zlib writes to are
        // ever touched (a figure compresses to a tenth of its rows or less).
        let bound = Int(deflateBound(&stream, uLong(data.count)))
        return data.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: bound) { output, written in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                let result = CZlib.deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "zlib deflate did not finish (\(result))")
                written = Int(stream.total_out)
            }
        }
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.reserveCapacity(png.count + data.count + 12)
        png += bigEndian(UInt32(data.count))
        png += typeBytes
        png += data
        var crc = crc32(0, nil, 0)
        typeBytes.withUnsafeBufferPointer { crc = crc32(crc, $0.baseAddress, uInt($0.count)) }
        data.withUnsafeBufferPointer { crc = crc32(crc, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(truncatingIfNeeded: crc))
    }

}
