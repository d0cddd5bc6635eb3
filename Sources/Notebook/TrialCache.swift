import Foundation
import Synchronization

/// Stores the results of single trials of a sweep on disk, so an interrupted render keeps
/// its finished trials. With no directory it computes every time.
///
/// The rule for reuse: a stored trial is served only for the same experiment kind, kind
/// version, whole cell configuration (its canonical encoding), trial coordinates (which
/// point of the sweep, which seed) and build of the program (`code`, the executable's
/// fingerprint). Every part goes into the key in `key(_:config:trial:)` and nowhere else,
/// so no kind keeps its own list of what a trial depends on, and a rebuilt engine never
/// serves results computed by older code. Entries carry a checksum (`ChecksummedFile`); a
/// damaged one is recomputed with a one-line warning.
///
/// A kind's `run` asks `context.trials` for each trial of its sweep, passing the coordinates
/// that tell the trial from the others and the code that computes it:
///
///     let loss = try context.trials.value(Self.self, config: config, trial: Point(width: width, seed: seed)) {
///         try train(width: width, seed: seed).finalLoss
///     }
public struct TrialCache: Sendable {
    /// Which trials this process may compute; the rest are served from the cache or skipped.
    /// Sharded cluster runs give each process one residue class of the key digests, and a
    /// cached-only run (a status report, a gather step) computes nothing at all.
    public enum Selection: Sendable, Equatable {
        /// Compute every trial not yet stored (an ordinary render).
        case all
        /// Compute only the trials whose key digest (its first eight bytes as a number) leaves the
        /// remainder `index` when divided by `count`: one of `count` cluster processes.
        case shard(index: Int, count: Int)
        /// Compute nothing: serve stored trials and skip the rest (status reports, gather steps).
        case cachedOnly
    }

    /// Thrown by `value` for a trial outside this process's selection that is not cached yet.
    public struct Skipped: Error, Sendable {}

    /// Counts of what `value` did, shared by every copy of the cache (and by the caches of
    /// several cells when the caller passes the same tally), so `lessonbook status` can say
    /// how many trials are cached. Safe to update from parallel trials.
    public final class Tally: Sendable {
        private let storage = Mutex(Counts())
        /// Whether the warning about an unwritable folder has been given.
        private let warnedUnwritable = Mutex(false)

        /// A snapshot of the counters.
        public struct Counts: Sendable, Equatable {
            /// Trials served from a stored entry.
            public var hits = 0
            /// Trials computed by this process (and stored when there is a directory).
            public var computed = 0
            /// Trials outside the selection that were not cached, so not computed.
            public var skipped = 0
            /// Stored entries that failed their checksum or did not decode (then recomputed).
            public var damaged = 0
            /// Seconds the trials served from the cache took when they were computed (one
            /// core each), so a cell can say what it costs to compute, not only to load.
            public var servedSeconds = 0.0
            /// All counters at zero.
            public init() {}
        }

        /// A tally with nothing counted yet; share one between caches to count them together.
        public init() {}

        /// The counts so far.
        public var counts: Counts { storage.withLock { $0 } }
        /// Trials served from a stored entry so far (`counts.hits`).
        public var hits: Int { counts.hits }
        /// Trials computed by this process so far (`counts.computed`).
        public var computed: Int { counts.computed }
        /// Trials skipped so far because they were uncached and outside the selection (`counts.skipped`).
        public var skipped: Int { counts.skipped }
        /// Damaged entries met so far (`counts.damaged`).
        public var damaged: Int { counts.damaged }

        /// True the first time it is asked: whether to say that the cache cannot be written.
        func firstUnwritable() -> Bool {
            warnedUnwritable.withLock { warned in
                defer { warned = true }
                return !warned
            }
        }

        func record(_ change: (inout Counts) -> Void) {
            storage.withLock { change(&$0) }
        }
    }

    /// Folder holding one file per trial, or nil for no caching.
    public let directory: URL?
    /// Folder of the shared trials (`value(sharedBy:version:trial:)`): one for every cell
    /// and exercise of a lesson, so a run one cell or exercise has trained serves the
    /// others; `directory` when not given (nil for no caching of shared trials either).
    public let sharedDirectory: URL?
    /// Which trials this process may compute (`.all` unless a cluster run says otherwise).
    public var selection: Selection
    /// Hits, computed, skipped and damaged trials, readable while and after the run.
    public let tally: Tally
    /// Fingerprint of the code that computes trials (the renderer passes the executable's
    /// build identity); part of every key.
    public let code: String
    /// Where the one-line warnings about a damaged entry or an unwritable folder go
    /// (standard error by default).
    public let warn: @Sendable (String) -> Void

    /// A cache in `directory` (nil: compute every time, store nothing), its shared trials in
    /// `sharedDirectory` (`directory` when nil), computing the trials `selection` allows,
    /// counting into `tally` and keying with the code fingerprint `code`. Tests and
    /// benchmarks usually pass only a folder: `TrialCache(directory: folder)`.
    public init(directory: URL?, sharedDirectory: URL? = nil, selection: Selection = .all, tally: Tally = Tally(),
                code: String = "", warn: @escaping @Sendable (String) -> Void = TrialCache.standardError) {
        self.directory = directory
        self.sharedDirectory = sharedDirectory ?? directory
        self.selection = selection
        self.tally = tally
        self.code = code
        self.warn = warn
    }

    /// Writes a warning line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(("warning: " + line + "\n").utf8))
    }

    /// What a trial's key is made of; encoded canonically and hashed.
    struct Identity<Config: Encodable, Trial: Encodable>: Encodable {
        var kind: String
        var version: Int
        var code: String
        var config: Config
        var trial: Trial
    }

    /// The key of one trial of a sweep of kind `E`: SHA-256 of the canonical encoding of the
    /// kind, its version, the code fingerprint, the whole configuration and the trial's own
    /// coordinates. The one place trial keys are made.
    public func key<E: Experiment, Trial: Encodable>(_ kind: E.Type, config: E.Config, trial: Trial) throws -> [UInt8] {
        try Self.digest(Identity(kind: E.kind, version: E.version, code: code, config: config, trial: trial))
    }

    /// SHA-256 of the canonical JSON encoding of `key`.
    static func digest<Key: Encodable>(_ key: Key) throws -> [UInt8] {
        SHA256.digest([UInt8](try CanonicalJSON.encode(key)))
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

    /// Returns the stored result of one trial of a sweep of kind `E` with configuration
    /// `config` at coordinates `trial` (the point and seed that tell it from the sweep's other
    /// trials), or computes, stores and returns it. Safe to call from parallel trials and
    /// from several processes: each key is its own file, written atomically. Throws
    /// `Skipped` for an uncached trial outside `selection`.
    public func value<E: Experiment, Trial: Encodable, Value: Codable>(
        _ kind: E.Type, config: E.Config, trial: Trial, compute: () throws -> Value
    ) throws -> Value {
        try value(digest: key(kind, config: config, trial: trial), compute: compute)
    }

    /// What a shared trial's key is made of: no cell configuration, because the trial is its
    /// own whole configuration.
    struct SharedIdentity<Trial: Encodable>: Encodable {
        var family: String
        var version: Int
        var code: String
        var trial: Trial
    }

    /// The key of a trial shared by several cells or kinds (the optimiser lesson's runs that
    /// both the rate sweep and the schedules use; the tuning lesson's curves that every
    /// strategy asks for): `trial` must be the trial's whole configuration, everything its
    /// result depends on, and `family` with `version` names the code that computes it. The
    /// code fingerprint is part of it as for every key.
    public func key<Trial: Encodable>(sharedBy family: String, version: Int, trial: Trial) throws -> [UInt8] {
        try Self.digest(SharedIdentity(family: family, version: version, code: code, trial: trial))
    }

    /// `value` for a shared trial (see `key(sharedBy:version:trial:)`).
    public func value<Trial: Encodable, Value: Codable>(
        sharedBy family: String, version: Int, trial: Trial, compute: () throws -> Value
    ) throws -> Value {
        try value(digest: key(sharedBy: family, version: version, trial: trial), in: sharedDirectory, compute: compute)
    }

    /// The stored value of a shared trial, if there is an intact one; computes nothing.
    public func stored<Trial: Encodable, Value: Codable>(sharedBy family: String, version: Int, trial: Trial,
                                                         as type: Value.Type) -> Value? {
        guard let directory = sharedDirectory, let digest = try? key(sharedBy: family, version: version, trial: trial),
              case .intact(let data) = ChecksummedFile.read(directory.appendingPathComponent(Self.fileName(digest))) else {
            return nil
        }
        return (try? CanonicalJSON.decode(Entry<Value>.self, from: data))?.value
    }

    /// Stores or replaces the value of a shared trial: for entries that grow as training goes
    /// on (a checkpoint, the longest curve so far). Written atomically like every entry; a
    /// cache that cannot be written costs a recomputation later, not the render.
    public func store<Trial: Encodable, Value: Codable>(_ value: Value, sharedBy family: String, version: Int, trial: Trial) {
        guard let directory = sharedDirectory, let digest = try? key(sharedBy: family, version: version, trial: trial),
              let data = try? CanonicalJSON.encode(Entry(seconds: nil, value: value)) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? ChecksummedFile.write(data, to: directory.appendingPathComponent(Self.fileName(digest)))
    }

    /// What one entry file holds: the trial's result and how long it took to compute (nil
    /// for shared entries stored as they grow, whose cost is spread over several renders).
    struct Entry<Value: Codable>: Codable {
        var seconds: Double?
        var value: Value
    }

    /// The same for a key given as any encodable value (hashed as `digest(_:)` says).
    func value<Key: Encodable, Value: Codable>(_ key: Key, compute: () throws -> Value) throws -> Value {
        try value(digest: Self.digest(key), compute: compute)
    }

    func value<Value: Codable>(digest: [UInt8], compute: () throws -> Value) throws -> Value {
        try value(digest: digest, in: directory, compute: compute)
    }

    func value<Value: Codable>(digest: [UInt8], in directory: URL?, compute: () throws -> Value) throws -> Value {
        let file = directory?.appendingPathComponent(Self.fileName(digest))
        if let file {
            switch ChecksummedFile.read(file) {
            case .intact(let data):
                if let stored = try? CanonicalJSON.decode(Entry<Value>.self, from: data) {
                    tally.record { $0.hits += 1; $0.servedSeconds += stored.seconds ?? 0 }
                    return stored.value
                }
                damaged(file)
            case .damaged:
                damaged(file)
            case .missing:
                break
            }
        }
        guard mayCompute(digest: digest) else {
            tally.record { $0.skipped += 1 }
            throw Skipped()
        }
        let started = Date()
        let value = try compute()
        let seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        tally.record { $0.computed += 1 }
        // A cache that cannot be written costs a recomputation next time, not the render;
        // it is said once per cell, so a read-only cache folder is not a silent slowdown.
        if let file, let data = try? CanonicalJSON.encode(Entry(seconds: seconds, value: value)) {
            do {
                try ChecksummedFile.write(data, to: file)
            } catch {
                if tally.firstUnwritable() {
                    warn("cannot write the trial cache in \(file.deletingLastPathComponent().path) (\(error.localizedDescription)); the trials are computed but will be computed again next time")
                }
            }
        }
        return value
    }

    private func damaged(_ file: URL) {
        tally.record { $0.damaged += 1 }
        warn("the trial cache entry \(file.path) is damaged (its checksum does not match); computing the trial again")
    }
}
