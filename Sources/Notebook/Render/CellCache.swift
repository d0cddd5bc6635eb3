import Foundation

/// Stored cell results under the cache folder (`.lessonbook-cache/cells/<key>/`): the
/// result as JSON plus its drawn figure files, so a hit needs neither a rerun nor a redraw.
struct CellCache {
    let directory: URL

    /// What a cell's result looks like on disk (figures as file names inside the entry).
    struct Stored: Codable {
        var metrics: [String: Double]
        var series: [String: Series]
        var tables: [String: Table]
        var notes: [String]
        /// Per-seed values of metrics (`CellResult.samples`); nil when the cell measured
        /// none, so entries of such cells keep their bytes.
        var samples: [String: [Double]]?
        var figures: [FigureRecord]
        /// Seconds the result took to compute and draw when it was stored (trials served by
        /// the trial cache count at the time they took to load), so a later render served
        /// from the cache still reports how long the cell takes. Nil in older entries.
        var computeSeconds: Double?
    }

    /// The key: SHA-256 of kind, version, canonical configuration, seed, tool version,
    /// build identity (empty when the caller has none), the report figures' theme when it
    /// is not the standard one, and whether figures were drawn at all.
    static func key(kind: String, version: Int, config: [String: ConfigValue], seed: UInt64, toolVersion: String,
                    build: String = "", inputs: [String: String] = [:], theme: String = "standard",
                    figures: Bool = true) -> String {
        var fields: [String: ConfigValue] = [
            "kind": .string(kind), "version": .int(version), "config": .object(config),
            "seed": .string(String(seed)), "tool": .string(toolVersion),
        ]
        // An entry stored without its figures (an exercise's run) never serves a cell.
        if !figures { fields["figures"] = .bool(false) }
        if !build.isEmpty { fields["build"] = .string(build) }
        if !inputs.isEmpty { fields["inputs"] = .object(inputs.mapValues { .string($0) }) }
        // Figures drawn in another theme are other files; the standard theme adds nothing,
        // so existing entries keep their keys.
        if theme != "standard" { fields["theme"] = .string(theme) }
        let keyValue: ConfigValue = .object(fields)
        let data = (try? CanonicalJSON.encode(keyValue)) ?? Data()
        return SHA256.hex(of: [UInt8](data))
    }

    /// Where a damaged entry's one-line warning goes.
    var warn: @Sendable (String) -> Void = TrialCache.standardError

    /// What `result.json` holds: the result and the SHA-256 of every figure file beside it,
    /// the whole behind a checksum line (`ChecksummedFile`).
    struct Entry: Codable {
        var stored: Stored
        var files: [String: String]
    }

    func entry(_ key: String) -> URL { directory.appendingPathComponent("cells").appendingPathComponent(key) }

    /// The stored result for `key` if it has every figure in every wanted format, all intact.
    /// A damaged entry (checksum, figure file or JSON not matching) is a miss with a warning.
    func load(_ key: String, formats: [String]) -> Stored? {
        let folder = entry(key)
        let record: Entry
        switch ChecksummedFile.read(folder.appendingPathComponent("result.json")) {
        case .missing:
            return nil
        case .damaged:
            return damaged(folder)
        case .intact(let data):
            guard let decoded = try? CanonicalJSON.decode(Entry.self, from: data) else { return damaged(folder) }
            record = decoded
        }
        for figure in record.stored.figures {
            // An animation has one format of its own (APNG and sidecar), whatever was asked.
            for name in figure.frames == nil ? formats.map({ "\(figure.name).\($0)" }) : figure.files {
                // A format not drawn for this entry is a plain miss; a listed file must match.
                guard let expected = record.files[name] else { return nil }
                guard let bytes = FileBytes.read(atPath: folder.appendingPathComponent(name).path),
                      SHA256.hex(of: [UInt8](bytes)) == expected else { return damaged(folder) }
            }
        }
        return record.stored
    }

    private func damaged(_ folder: URL) -> Stored? {
        warn("the cell cache entry \(folder.path) is damaged (its checksum does not match); running the cell again")
        return nil
    }

    /// A fresh staging folder to draw figures into before `commit`.
    func staging() throws -> URL {
        let folder = directory.appendingPathComponent("tmp").appendingPathComponent(UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw NotebookError.system(error, doing: "writing to the cache folder", path: directory.relativePath,
                                       expected: "a writable folder (choose another with --cache DIR)")
        }
        return folder
    }

    /// Writes `stored` into `staging` and moves it into place as the entry for `key`. The
    /// entry appears whole or not at all; when another process commits the same key at the
    /// same time, one of the two (equal) entries stays.
    func commit(_ stored: Stored, staging: URL, key: String) throws {
        let manager = FileManager.default
        var files: [String: String] = [:]
        for name in try manager.contentsOfDirectory(atPath: staging.path) {
            guard let bytes = FileBytes.read(atPath: staging.appendingPathComponent(name).path) else { continue }
            files[name] = SHA256.hex(of: [UInt8](bytes))
        }
        try ChecksummedFile.write(try CanonicalJSON.encode(Entry(stored: stored, files: files)),
                                  to: staging.appendingPathComponent("result.json"))
        let target = entry(key)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if rename(staging.path, target.path) == 0 { return }
        // An old entry is in the way: step it aside, then take its place.
        let aside = directory.appendingPathComponent("tmp").appendingPathComponent("old-" + UUID().uuidString)
        if rename(target.path, aside.path) == 0 { try? manager.removeItem(at: aside) }
        guard rename(staging.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }
}
