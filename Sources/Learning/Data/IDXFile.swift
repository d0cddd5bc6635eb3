import CZlib
import Foundation

/// An array read from an IDX file (the format of MNIST and Fashion-MNIST): a magic
/// number giving the element type and rank, big-endian dimension sizes, then the
/// elements. Only unsigned bytes (type 0x08) are supported, which is all these sets use.
public struct IDXFile: Equatable, Sendable {
    /// Size of each dimension, outermost first (images: count, rows, columns).
    public var dimensions: [Int]
    /// The elements in row-major order.
    public var bytes: [UInt8]

    public init(dimensions: [Int], bytes: [UInt8]) {
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// Reads a plain or gzip-compressed IDX file (zlib reads both transparently).
    public static func read(path: String) throws -> IDXFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LearningError.dataFile(path: path, problem: "file not found")
        }
        guard let file = gzopen(path, "rb") else {
            throw LearningError.dataFile(path: path, problem: "cannot be opened for reading")
        }
        defer { gzclose(file) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                throw LearningError.dataFile(path: path, problem: "corrupt or truncated gzip data")
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<Int(n)])
        }
        return try parse(data, path: path)
    }

    /// Parses the bytes of an (uncompressed) IDX file.
    public static func parse(_ data: [UInt8], path: String = "IDX data") throws -> IDXFile {
        guard data.count >= 4, data[0] == 0, data[1] == 0 else {
            throw LearningError.dataFile(path: path, problem: "not an IDX file (expected a magic number 0x0000TTRR)")
        }
        guard data[2] == 0x08 else {
            throw LearningError.dataFile(path: path, problem: "element type 0x\(String(data[2], radix: 16)) is not supported (expected 0x08, unsigned bytes)")
        }
        let rank = Int(data[3])
        guard data.count >= 4 + 4 * rank else {
            throw LearningError.dataFile(path: path, problem: "truncated header (rank \(rank))")
        }
        var dims: [Int] = []
        for d in 0..<rank {
            let o = 4 + 4 * d
            dims.append(Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3]))
        }
        let count = dims.reduce(1, *)
        let start = 4 + 4 * rank
        guard data.count - start == count else {
            throw LearningError.dataFile(path: path, problem: "expected \(count) elements for dimensions \(dims), found \(data.count - start)")
        }
        return IDXFile(dimensions: dims, bytes: Array(data[start...]))
    }

    /// The bytes of an IDX file holding `bytes` with the given dimensions (for tests and
    /// for writing small fixtures).
    public static func encode(dimensions: [Int], bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions {
            out += [UInt8((d >> 24) & 0xff), UInt8((d >> 16) & 0xff), UInt8((d >> 8) & 0xff), UInt8(d & 0xff)]
        }
        return out + bytes
    }
}

extension IDXFile {
    /// Writes an unsigned-byte IDX file, gzip-compressed through zlib when `compressed`.
    public static func write(path: String, dimensions: [Int], bytes: [UInt8], compressed: Bool) throws {
        let data = encode(dimensions: dimensions, bytes: bytes)
        if !compressed {
            do { try Data(data).write(to: URL(fileURLWithPath: path)) } catch {
                throw LearningError.dataFile(path: path, problem: "cannot be written (\(error.localizedDescription))")
            }
            return
        }
        guard let file = gzopen(path, "wb") else {
            throw LearningError.dataFile(path: path, problem: "cannot be opened for writing")
        }
        let written = data.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        let closed = gzclose(file)
        guard written == Int32(data.count), closed == Z_OK else {
            throw LearningError.dataFile(path: path, problem: "gzip write failed")
        }
    }
}
