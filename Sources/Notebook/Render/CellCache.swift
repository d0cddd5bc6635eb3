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
        var figures: [FigureRecord]
        /// Seconds the result took to compute and draw when it was stored (trials served by
        /// the trial cache count at the time they took to load), so a later render served
        /// from the cache still reports how long the cell takes. Nil in older entries.
        var computeSeconds: Double?
    }

    /// The key: SHA-256 of kind, version, canonical configuration, seed, tool version and
    /// build identity (empty when the caller has none).
    static func key(kind: String, version: Int, config: [String: ConfigValue], seed: UInt64, toolVersion: String,
                    build: String = "") -> String {
        var fields: [String: ConfigValue] = [
            "kind": .string(kind), "version": .int(version), "config": .object(config),
            "seed": .string(String(seed)), "tool": .string(toolVersion),
        ]
        if !build.isEmpty { fields["build"] = .string(build) }
        let keyValue: ConfigValue = .object(fields)
        let data = (try? CanonicalJSON.encode(keyValue)) ?? Data()
        return SHA256.hex(of: [UInt8](data))
    }

    func entry(_ key: String) -> URL { directory.appendingPathComponent("cells").appendingPathComponent(key) }

    /// The stored result for `key` if it has every figure in every wanted format.
    func load(_ key: String, formats: [String]) -> Stored? {
        let folder = entry(key)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("result.json").path),
              let stored = try? CanonicalJSON.decode(Stored.self, from: data) else { return nil }
        for figure in stored.figures {
            // An animation has one format of its own (APNG and sidecar), whatever was asked.
            let files = figure.frames == nil ? formats.map { "\(figure.name).\($0)" } : figure.files
            for file in files where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
                return nil
            }
        }
        return stored
    }

    /// A fresh staging folder to draw figures into before `commit`.
    func staging() throws -> URL {
        let folder = directory.appendingPathComponent("tmp").appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `stored` into `staging` and moves it into place as the entry for `key`.
    func commit(_ stored: Stored, staging: URL, key: String) throws {
        try CanonicalJSON.encode(stored).write(to: staging.appendingPathComponent("result.json"))
        let target = entry(key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: staging, to: target)
    }
}
