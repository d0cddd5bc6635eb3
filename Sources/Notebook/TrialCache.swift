import Foundation

/// Stores the results of single trials of a sweep on disk, keyed by a hash of what the
/// trial depends on, so an interrupted render keeps finished trials and widening a grid
/// reruns only the new points. With no directory it computes every time.
public struct TrialCache: Sendable {
    /// Folder holding one JSON file per trial, or nil for no caching.
    public let directory: URL?

    public init(directory: URL?) {
        self.directory = directory
    }

    /// Returns the stored value for `key`, or computes, stores and returns it.
    /// Safe to call from parallel trials: each key is its own file, written atomically.
    public func value<Key: Encodable, Value: Codable>(
        _ key: Key, compute: () throws -> Value
    ) rethrows -> Value {
        guard let directory else { return try compute() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let keyData = try? encoder.encode(key) else { return try compute() }
        let file = directory.appendingPathComponent(SHA256.hex(of: Array(keyData)) + ".json")
        if let data = try? Data(contentsOf: file), let stored = try? decoder.decode(Value.self, from: data) {
            return stored
        }
        let value = try compute()
        if let data = try? encoder.encode(value) {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? data.write(to: file, options: .atomic)
        }
        return value
    }
}
