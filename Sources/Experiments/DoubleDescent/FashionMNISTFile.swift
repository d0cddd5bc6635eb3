import CZlib
import Foundation
import Learning

/// Reads the gzip-compressed IDX files of Fashion-MNIST (Xiao, Rasul and Vollgraf 2017):
/// `<split>-images-idx3-ubyte.gz` (unsigned bytes, 28 x 28 per image) and
/// `<split>-labels-idx1-ubyte.gz` (one class byte per image). Only the first `limit`
/// records are decoded, so a subset costs little more than its own bytes.
enum FashionMNISTFile {
    /// Where the system's copy of the data set lives.
    static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// The names of the ten classes, in label order.
    static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                             "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// The images of a split (`train` or `t10k`) as rows of 784 bytes, and their labels.
    static func read(directory: String, split: String, limit: Int) throws -> (pixels: [UInt8], labels: [UInt8], count: Int) {
        let imagePath = "\(directory)/\(split)-images-idx3-ubyte.gz"
        let labelPath = "\(directory)/\(split)-labels-idx1-ubyte.gz"
        let images = try gunzip(imagePath, header: 16, recordSize: 784, limit: limit, magic: 2051)
        let labels = try gunzip(labelPath, header: 8, recordSize: 1, limit: limit, magic: 2049)
        let count = min(images.count, labels.count)
        return (Array(images.bytes.prefix(count * 784)), Array(labels.bytes.prefix(count)), count)
    }

    /// Decompresses the header and up to `limit` records of an IDX file.
    static func gunzip(_ path: String, header: Int, recordSize: Int, limit: Int,
                       magic: UInt32) throws -> (bytes: [UInt8], count: Int) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw LearningError.dataFile(path: path, problem:
                "not found; expected the Fashion-MNIST IDX files (install them or set `dataDirectory`)")
        }
        guard let file = gzopen(path, "rb") else {
            throw LearningError.dataFile(path: path, problem: "cannot be opened")
        }
        defer { gzclose(file) }
        var head = [UInt8](repeating: 0, count: header)
        guard gzread(file, &head, UInt32(header)) == Int32(header) else {
            throw LearningError.dataFile(path: path, problem: "shorter than its \(header)-byte IDX header")
        }
        func word(_ i: Int) -> UInt32 {
            head[i * 4 ..< i * 4 + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        guard word(0) == magic else {
            throw LearningError.dataFile(path: path, problem: "expected IDX magic number \(magic), found \(word(0))")
        }
        let stored = Int(word(1))
        let count = max(0, min(stored, limit))
        var bytes = [UInt8](repeating: 0, count: count * recordSize)
        if !bytes.isEmpty {
            let read = bytes.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            guard read == Int32(bytes.count) else {
                throw LearningError.dataFile(path: path, problem: "truncated: expected \(bytes.count) bytes of records, read \(read)")
            }
        }
        return (bytes, count)
    }
}
