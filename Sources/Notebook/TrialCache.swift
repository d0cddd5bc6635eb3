import Foundation

/// Stores the results of single trials of a sweep on disk, keyed by a hash of what the
/// trial depends on, so an interrupted render keeps finished trials and widening a grid
/// reruns only the new points. With no directory it computes every time.
public struct TrialCache: Sendable {
    /// Which trials this process may compute; the rest are served from the cache or skipped.
    /// Sharded cluster runs give each process one residue class of the key digests, and a
    /// cached-only run (a status report, a gather step) computes nothing at all.
    public enum Selection: Sendable, Equatable {
        case all
        case shard(index: Int, count: Int)
        case cachedOnly
    }

    /// Thrown by `value` for a trial outside this process's selection that is not cached yet.
    public struct Skipped: Error, Sendable {}

    /// Counts of what `value` did, shared by every copy of the cache (and by the caches of
    /// several cells when the caller passes the same tally), so `lessonbook status` can say
    /// how many trials are cached. Safe to update from parallel trials.
    public final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var storage = Counts()

        /// A snapshot of the counters.
        public struct Counts: Sendable, Equatable {
            /// Trials served from a stored entry.
            public var hits = 0
            /// Trials computed by this process (and stored when there is a directory).
            public var computed = 0
            /// Trials outside the selection that were not cached, so not computed.
            public var skipped = 0
            public init() {}
        }

        public init() {}

        /// The counts so far.
        public var counts: Counts {
            lock.lock()
            defer { lock.unlock() }
            return storage
        }
        public var hits: Int { counts.hits }
        public var computed: Int { counts.computed }
        public var skipped: Int { counts.skipped }

        func record(_ change: (inout Counts) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            change(&storage)
        }
    }

    /// Folder holding one JSON file per trial, or nil for no caching.
    public let directory: URL?
    /// Which trials this process may compute (`.all` unless a cluster run says otherwise).
    public var selection: Selection
    /// Hits, computed and skipped trials, readable while and after the run.
    public let tally: Tally

    public init(directory: URL?, selection: Selection = .all, tally: Tally = Tally()) {
        self.directory = directory
        self.selection = selection
        self.tally = tally
    }

    /// Whether this process computes the trial whose key digest is `digest`.
    func mayCompute(digest: [UInt8]) -> Bool {
        switch selection {
        case .all: return true
        case .cachedOnly: return false
        case .shard(let index, let count):
            guard count > 0 else { return false }
            return Self.shardValue(digest) % UInt64(count) == UInt64(index)
        }
    }

    /// The first eight bytes of a key digest as a big-endian number: what shards divide.
    static func shardValue(_ digest: [UInt8]) -> UInt64 {
        digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    /// The entry's file name: the key digest in hex.
    static func fileName(_ digest: [UInt8]) -> String {
        digest.map { String(format: "%02x", $0) }.joined() + ".json"
    }

    /// Returns the stored value for `key`, or computes, stores and returns it.
    /// Safe to call from parallel trials: each key is its own file, written atomically.
    /// Throws `Skipped` for an uncached trial outside `selection`.
    public func value<Key: Encodable, Value: Codable>(
        _ key: Key, compute: () throws -> Value
    ) throws -> Value {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let keyData = try encoder.encode(key)
        let digest = SHA256.digest(Array(keyData))
        if let directory {
            let file = directory.appendingPathComponent(Self.fileName(digest))
            if let data = try? Data(contentsOf: file), let stored = try? decoder.decode(Value.self, from: data) {
                tally.record { $0.hits += 1 }
                return stored
            }
        }
        guard mayCompute(digest: digest) else {
            tally.record { $0.skipped += 1 }
            throw Skipped()
        }
        let value = try compute()
        tally.record { $0.computed += 1 }
        if let directory, let data = try? encoder.encode(value) {
            let file = directory.appendingPathComponent(Self.fileName(digest))
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? data.write(to: file, options: .atomic)
        }
        return value
    }
}
