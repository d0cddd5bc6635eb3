import Foundation
import Notebook
import Testing

/// Every file below `folder`, by relative path.
private func files(in folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    let enumerator = FileManager.default.enumerator(atPath: base)
    while let path = enumerator?.nextObject() as? String {
        var isFolder: ObjCBool = false
        let full = (base as NSString).appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
            out[path] = FileManager.default.contents(atPath: full)
        }
    }
    return out
}

/// run.json without its timing fields (`startedAt`, `seconds`, each cell's `seconds`).
private func withoutTimings(_ data: Data) throws -> NSDictionary {
    var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    manifest["startedAt"] = nil
    manifest["seconds"] = nil
    manifest["computeSeconds"] = nil
    for runs in ["cells", "exercises"] {
        guard let entries = manifest[runs] as? [[String: Any]] else { continue }
        manifest[runs] = entries.map { entry in
            var entry = entry
            entry["seconds"] = nil
            entry["computeSeconds"] = nil
            return entry
        }
    }
    return manifest as NSDictionary
}

/// The same lesson rendered with one job and with two, each from an empty cache: every
/// byte of the report, figures and data is the same; run.json differs in its timings only.
@Test func renderingTwiceWithDifferentJobsChangesNothingButTimingFields() throws {
    let workspace = try Workspace()
    let lessons = CommandRunner.root.appendingPathComponent("lessons").path
    for (jobs, name) in [("1", "a"), ("2", "b")] {
        let result = try CommandRunner.run(["render", "width-vs-depth", "--quick", "--lessons", lessons, "--jobs", jobs,
                                            "--out", "out-\(name)", "--cache", "cache-\(name)", "--quiet"], in: workspace.url)
        #expect(result.status == 0, "\(result.stderr)")
    }
    let a = try files(in: workspace.file("out-a/width-vs-depth"))
    let b = try files(in: workspace.file("out-b/width-vs-depth"))
    #expect(a.keys.sorted() == b.keys.sorted())
    #expect(a.count > 5)
    for (path, bytes) in a where path != "run.json" {
        #expect(bytes == b[path], "\(path) differs between --jobs 1 and --jobs 2")
    }
    #expect(try withoutTimings(a["run.json"] ?? Data()) == (try withoutTimings(b["run.json"] ?? Data())))
}
