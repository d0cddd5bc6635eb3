import Foundation

/// The plotter's own DEFLATE (fixed Huffman codes, single-probe hash matching, RFC 1950
/// and 1951), which PNG files were written with before zlib. No file is written with it
/// now: it stays as `PNGCompression.own`, the baseline `lessonbook bench --only PNG`
/// measures zlib against, so the measurement in `PNGEncoder`'s documentation can be
/// repeated.
enum FixedHuffmanDeflate {
    /// Writes bits LSB-first into a buffer allocated once for the worst case.
    struct BitWriter {
        let bytes: UnsafeMutablePointer<UInt8>
        var length = 0
        var buffer: UInt64 = 0
        var count: UInt64 = 0
        init(capacity: Int) { bytes = .allocate(capacity: capacity) }
        @inline(__always) mutating func write(_ bits: UInt32, _ n: Int) {
            buffer |= UInt64(bits) << count
            count += UInt64(n)
            if count >= 32 {
                bytes[length] = UInt8(truncatingIfNeeded: buffer)
                bytes[length + 1] = UInt8(truncatingIfNeeded: buffer >> 8)
                bytes[length + 2] = UInt8(truncatingIfNeeded: buffer >> 16)
                bytes[length + 3] = UInt8(truncatingIfNeeded: buffer >> 24)
                length += 4
                buffer >>= 32
                count -= 32
            }
        }
        mutating func append(_ b: UInt8) { bytes[length] = b; length += 1 }
        mutating func flush() {
            while count > 0 {
                bytes[length] = UInt8(truncatingIfNeeded: buffer)
                length += 1
                buffer >>= 8
                count = count >= 8 ? count - 8 : 0
            }
        }
    }

    static func reversed(_ code: UInt32, _ length: Int) -> UInt32 {
        var r: UInt32 = 0
        for i in 0..<length where code & (1 << UInt32(i)) != 0 { r |= 1 << UInt32(length - 1 - i) }
        return r
    }

    /// Fixed literal/length codes (RFC 1951 3.2.6), bit-reversed for LSB-first writing.
    static let literalCodes: [(code: UInt32, length: Int)] = (0..<288).map { v in
        switch v {
        case 0..<144: return (reversed(UInt32(0x30 + v), 8), 8)
        case 144..<256: return (reversed(UInt32(0x190 + v - 144), 9), 9)
        case 256..<280: return (reversed(UInt32(v - 256), 7), 7)
        default: return (reversed(UInt32(0xC0 + v - 280), 8), 8)
        }
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Length 3...258 -> index into the length tables.
    static let lengthIndex: [UInt8] = (0...258).map { len in
        guard len >= 3 else { return 0 }
        var i = lengthBase.count - 1
        while lengthBase[i] > len { i -= 1 }
        return UInt8(i)
    }

    /// zlib's trick: distance codes for 1...256 directly, beyond that by (distance - 1) >> 7.
    static let distanceCode: [UInt8] = (0..<512).map { i in
        let d = i < 256 ? i + 1 : ((i - 256) << 7) + 1
        return UInt8(distanceIndex(max(d, 1)))
    }

    static let reversedDistance: [UInt32] = (0..<30).map { reversed(UInt32($0), 5) }

    @inline(__always) static func distanceIndex(_ d: Int) -> Int {
        var lo = 0, hi = distanceBase.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if distanceBase[mid] <= d { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// A zlib stream (header, one fixed-Huffman DEFLATE block, Adler-32).
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        // Worst case: every byte a 9-bit literal, plus headers.
        var w = BitWriter(capacity: data.count + data.count / 7 + 64)
        defer { w.bytes.deallocate() }
        w.append(0x78); w.append(0x01)
        w.write(1, 1)   // final block
        w.write(1, 2)   // fixed Huffman codes
        let n = data.count
        let hashBits = 15
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        let lit = literalCodes
        let lengthIndex = Self.lengthIndex, lengthBase = Self.lengthBase, lengthExtra = Self.lengthExtra
        let distanceBase = Self.distanceBase, distanceExtra = Self.distanceExtra, reversedDistance = Self.reversedDistance, distanceCode = Self.distanceCode
        data.withUnsafeBufferPointer { d in
            table.withUnsafeMutableBufferPointer { t in
                var i = 0
                while i < n {
                    if i + 3 <= n {
                        let key = UInt32(d[i]) | UInt32(d[i + 1]) << 8 | UInt32(d[i + 2]) << 16
                        let h = Int((key &* 2_654_435_761) >> UInt32(32 - hashBits))
                        let candidate = Int(t[h])
                        t[h] = Int32(i)
                        if candidate >= 0 && i - candidate <= 32768 && d[candidate] == d[i] && d[candidate + 1] == d[i + 1] && d[candidate + 2] == d[i + 2] {
                            var length = 3
                            let limit = min(258, n - i)
                            // Compare eight bytes at a time; the first differing byte ends the match.
                            let raw = UnsafeRawPointer(d.baseAddress!)
                            while length + 8 <= limit {
                                let a = raw.loadUnaligned(fromByteOffset: candidate + length, as: UInt64.self)
                                let b = raw.loadUnaligned(fromByteOffset: i + length, as: UInt64.self)
                                if a != b { length += (a ^ b).trailingZeroBitCount / 8; break }
                                length += 8
                            }
                            if length + 8 > limit {
                                while length < limit && d[candidate + length] == d[i + length] { length += 1 }
                            }
                            length = min(length, limit)
                            let li = Int(lengthIndex[length])
                            let code = lit[257 + li]
                            w.write(code.code, code.length)
                            if lengthExtra[li] > 0 { w.write(UInt32(length - lengthBase[li]), lengthExtra[li]) }
                            let distance = i - candidate
                            let di = Int(distanceCode[distance <= 256 ? distance - 1 : 256 + ((distance - 1) >> 7)])
                            w.write(reversedDistance[di], 5)
                            if distanceExtra[di] > 0 { w.write(UInt32(distance - distanceBase[di]), distanceExtra[di]) }
                            // Index a few positions inside the match so later rows still find it.
                            let end = i + length
                            var j = i + 1
                            while j + 3 <= n && j < end && j < i + 4 {
                                let k = UInt32(d[j]) | UInt32(d[j + 1]) << 8 | UInt32(d[j + 2]) << 16
                                t[Int((k &* 2_654_435_761) >> UInt32(32 - hashBits))] = Int32(j)
                                j += 1
                            }
                            i = end
                            continue
                        }
                    }
                    let code = lit[Int(d[i])]
                    w.write(code.code, code.length)
                    i += 1
                }
            }
        }
        let end = lit[256]
        w.write(end.code, end.length)
        w.flush()
        // Adler-32 of the uncompressed data, big-endian.
        var a: UInt32 = 1, b: UInt32 = 0
        var index = 0
        while index < n {
            let chunkEnd = min(index + 5552, n)
            data.withUnsafeBufferPointer { d in
                while index + 4 <= chunkEnd {
                    a &+= UInt32(d[index]); b &+= a
                    a &+= UInt32(d[index + 1]); b &+= a
                    a &+= UInt32(d[index + 2]); b &+= a
                    a &+= UInt32(d[index + 3]); b &+= a
                    index += 4
                }
                while index < chunkEnd { a &+= UInt32(d[index]); b &+= a; index += 1 }
            }
            a %= 65521; b %= 65521
        }
        for byte in PNGEncoder.bigEndian(b << 16 | a) { w.append(byte) }
        return Array(UnsafeBufferPointer(start: w.bytes, count: w.length))
    }
}
