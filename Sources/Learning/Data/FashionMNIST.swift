import Foundation
import Synchronization
import Tensor

/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28 x 28 grey images of clothing in 10
/// classes, 60,000 for training and 10,000 for testing, read from the gzip IDX files the
/// Debian package `dataset-fashion-mnist` installs. Pixels are scaled to [0, 1].
public enum FashionMNIST {
    /// Where the Debian package puts the files.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// The class names, by label.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    /// Pixels per image (28 x 28).
    public static let pixels = 784

    /// The published split to read.
    public enum Split: String, Sendable, Codable {
        case train, test
        var prefix: String { self == .train ? "train" : "t10k" }
    }

    /// Reads a split: the first `limit` images (in file order) whose class is in
    /// `classes`, with labels renumbered 0..<classes.count in the order given (nil keeps
    /// all ten classes and their labels).
    public static func load(split: Split, classes: [Int]? = nil, limit: Int? = nil,
                            directory: String = defaultDirectory) throws -> DataSplit {
        if let classes {
            guard !classes.isEmpty, classes.allSatisfy({ (0..<10).contains($0) }), Set(classes).count == classes.count else {
                throw LearningError.invalidSetting(name: "Fashion-MNIST classes",
                                                   expected: "distinct labels in 0...9", found: "\(classes)")
            }
        }
        if let limit, limit < 0 {
            throw LearningError.invalidSetting(name: "Fashion-MNIST limit", expected: "a whole number >= 0", found: "\(limit)")
        }
        let imagesPath = directory + "/\(split.prefix)-images-idx3-ubyte.gz"
        let labelsPath = directory + "/\(split.prefix)-labels-idx1-ubyte.gz"
        for path in [imagesPath, labelsPath] where !FileManager.default.fileExists(atPath: path) {
            throw LearningError.dataFile(path: path, problem: "Fashion-MNIST file not found; install it with `apt-get install dataset-fashion-mnist` (or pass the folder holding the IDX files)")
        }
        let images = try readOnce(imagesPath)
        let labels = try readOnce(labelsPath)
        guard images.dimensions.count == 3, images.dimensions[1] * images.dimensions[2] == pixels,
              labels.dimensions.count == 1, labels.dimensions[0] == images.dimensions[0] else {
            throw LearningError.dataFile(path: imagesPath,
                                         problem: "expected N x 28 x 28 images and N labels, found \(images.dimensions) and \(labels.dimensions)")
        }
        var remap = [Int](repeating: -1, count: 256)
        for (i, c) in (classes ?? Array(0..<10)).enumerated() { remap[c] = i }
        let maxCount = limit ?? Int.max
        var chosen: [Int] = []
        for i in 0..<labels.dimensions[0] where remap[Int(labels.bytes[i])] >= 0 {
            if chosen.count >= maxCount { break }
            chosen.append(i)
        }
        var features = Matrix<Float>(rows: chosen.count, columns: pixels)
        features.storage.withUnsafeMutableBufferPointer { dst in
            images.bytes.withUnsafeBufferPointer { src in
                for (r, i) in chosen.enumerated() {
                    for p in 0..<pixels { dst[r * pixels + p] = Float(src[i * pixels + p]) / 255 }
                }
            }
        }
        return DataSplit(features: features, labels: chosen.map { remap[Int(labels.bytes[$0])] })
    }

    /// The files read so far in this process, by path, size and modification date: a
    /// lesson loads the same split in many cells (and in every round of adaptive seeds),
    /// and inflating the 47 MB of training images cost about half a second each time.
    private static let files = Mutex<[FileStamp: IDXFile]>([:])

    /// What identifies one version of a file on disk.
    private struct FileStamp: Hashable {
        var path: String
        var size: Int
        var modified: Date
    }

    /// The IDX file at `path`, inflated at most once per process while it stays unchanged.
    /// Concurrent first reads of one file may both inflate it; either copy is the same.
    static func readOnce(_ path: String) throws -> IDXFile {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int, let modified = attributes?[.modificationDate] as? Date else {
            return try IDXFile.read(path: path)
        }
        let stamp = FileStamp(path: path, size: size, modified: modified)
        if let known = files.withLock({ $0[stamp] }) { return known }
        let file = try IDXFile.read(path: path)
        files.withLock { $0[stamp] = file }
        return file
    }

    /// Training and test splits as a data set, with an optional validation fraction of
    /// the training images (a seeded shuffle picks them).
    public static func dataset(classes: [Int]? = nil, trainLimit: Int? = nil, testLimit: Int? = nil,
                               validation: Double = 0, seed: UInt64 = 0,
                               directory: String = defaultDirectory) throws -> Dataset {
        var train = try load(split: .train, classes: classes, limit: trainLimit, directory: directory)
        let test = try load(split: .test, classes: classes, limit: testLimit, directory: directory)
        var validationSplit: DataSplit? = nil
        if validation > 0 {
            guard validation < 1 else {
                throw LearningError.invalidSetting(name: "validation fraction", expected: "a number in [0, 1)", found: "\(validation)")
            }
            var rng = SeededGenerator(seed: seed)
            let order = rng.permutation(train.count)
            let nValidation = Int((validation * Double(train.count)).rounded())
            validationSplit = train.subset(Array(order[0..<nValidation]))
            train = train.subset(Array(order[nValidation...]))
        }
        let names = (classes ?? Array(0..<10)).map { classNames[$0] }
        return Dataset(name: "fashion-mnist", train: train, validation: validationSplit, test: test,
                       classCount: names.count, classNames: names)
    }
}
