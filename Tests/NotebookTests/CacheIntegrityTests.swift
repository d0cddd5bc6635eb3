import Foundation
import Testing
@testable import Notebook

private struct PointKey: Codable { var point: Int }

/// Collects warnings from parallel code.
private final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

private func entries(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
}

@Test func aTrialEntryWhoseBytesChangedIsRecomputedWithAOneLineWarning() throws {
    let folder = TemporaryFolder()
    let warnings = Warnings()
    let cache = TrialCache(directory: folder.url, warn: { warnings.add($0) })
    #expect(try cache.value(PointKey(point: 1)) { 12345.0 } == 12345.0)
    let file = try #require(try entries(in: folder.url).first)
    // A flipped digit still decodes as a number: only the checksum can tell.
    let text = try String(contentsOf: file, encoding: .utf8)
    let newline = try #require(text.firstIndex(of: "\n"))
    try Data((text[...newline] + text[text.index(after: newline)...].replacingOccurrences(of: "12345", with: "92345")).utf8).write(to: file)
    #expect(try cache.value(PointKey(point: 1)) { 12345.0 } == 12345.0)
    #expect(warnings.all.count == 1)
    #expect(warnings.all[0].contains(file.path) && !warnings.all[0].contains("\n"))
    #expect(cache.tally.damaged == 1 && cache.tally.computed == 2)
    // The recomputed entry replaced the damaged one.
    #expect(try cache.value(PointKey(point: 1)) { 0.0 } == 12345.0)
    #expect(warnings.all.count == 1)
}

@Test(arguments: [Data(), Data("lessonbook-sha256 nonsense\n{}".utf8), Data("{\"a\": 1}".utf8), Data([0xFF, 0x00, 0x13])])
func truncatedOrForeignTrialEntriesAreNeverTrusted(_ bytes: Data) throws {
    let folder = TemporaryFolder()
    let warnings = Warnings()
    let cache = TrialCache(directory: folder.url, warn: { warnings.add($0) })
    _ = try cache.value(PointKey(point: 2)) { [1.0, 2.0] }
    let file = try #require(try entries(in: folder.url).first)
    try bytes.write(to: file)
    #expect(try cache.value(PointKey(point: 2)) { [3.0] } == [3.0])
    #expect(warnings.all.count == 1)
}

@Test func concurrentWritersLeaveEveryEntryWholeAndReadable() throws {
    let folder = TemporaryFolder()
    let points = 24
    DispatchQueue.concurrentPerform(iterations: 8) { writer in
        let cache = TrialCache(directory: folder.url)
        for step in 0..<points {
            let point = (step + writer * 5) % points
            _ = try? cache.value(PointKey(point: point)) { (0..<200).map { Double(point * 1000 + $0) } }
        }
    }
    let files = try entries(in: folder.url)
    #expect(files.count == points, "temporary files left behind: \(files.map(\.lastPathComponent))")
    for file in files {
        guard case .intact = ChecksummedFile.read(file) else { Issue.record("\(file.lastPathComponent) is damaged"); continue }
    }
    let reader = TrialCache(directory: folder.url, selection: .cachedOnly)
    for point in 0..<points {
        #expect(try reader.value(PointKey(point: point)) { [Double]() } == (0..<200).map { Double(point * 1000 + $0) })
    }
    #expect(reader.tally.hits == points)
}

@Test func theTrialKeyCoversKindVersionCodeConfigurationAndCoordinates() throws {
    let cache = TrialCache(directory: nil, code: "build-a")
    let base = try cache.key(FixtureExperiment.self, config: .init(), trial: PointKey(point: 1))
    var config = FixtureExperiment.Config()
    config.optimizer.lr = 0.02
    #expect(try cache.key(FixtureExperiment.self, config: config, trial: PointKey(point: 1)) != base)
    #expect(try cache.key(FixtureExperiment.self, config: .init(), trial: PointKey(point: 2)) != base)
    #expect(try TrialCache(directory: nil, code: "build-b").key(FixtureExperiment.self, config: .init(), trial: PointKey(point: 1)) != base)
    struct Renamed: Experiment {
        typealias Config = FixtureExperiment.Config
        static let kind = "renamed", version = 1, summary = "", outputs: [String] = []
        static let quickProfile: [String: ConfigValue] = [:]
        func run(_ config: Config, context: ExperimentContext) throws -> CellResult { CellResult() }
    }
    #expect(try cache.key(Renamed.self, config: .init(), trial: PointKey(point: 1)) != base)
    #expect(try cache.key(FixtureExperiment.self, config: .init(), trial: PointKey(point: 1)) == base)
}

@Test func aDamagedCellEntryIsRunAgainWithAWarningAndTheReportIsWhole() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson(demoLesson)
    _ = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    let cells = folder.url.appendingPathComponent("cache/cells")
    let keys = try FileManager.default.contentsOfDirectory(atPath: cells.path)
    #expect(!keys.isEmpty)
    let warnings = Warnings()
    for key in keys {
        let cache = CellCache(directory: folder.url.appendingPathComponent("cache"), warn: { warnings.add($0) })
        #expect(cache.load(key, formats: ["png", "svg"]) != nil)
        // Damage a figure where there is one, else the result itself.
        let entry = cells.appendingPathComponent(key)
        let figure = try FileManager.default.contentsOfDirectory(atPath: entry.path).first { $0.hasSuffix(".svg") }
        let victim = entry.appendingPathComponent(figure ?? "result.json")
        var bytes = try Data(contentsOf: victim)
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: victim)
        #expect(cache.load(key, formats: ["png", "svg"]) == nil)
    }
    #expect(warnings.all.count == keys.count)
    let again = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(again.manifest.cells.allSatisfy { $0.cache == "miss" })
    let report = try String(contentsOf: again.folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("The score is 10.00 after 20 epochs."))
    // The entries were replaced by intact ones.
    let third = try folder.renderer().render(lessonAt: lesson, path: "lessons/01-demo.md")
    #expect(third.manifest.cells.allSatisfy { $0.cache == "hit" })
}

@Test func aReportFolderBelowARegularFileIsRefusedInTheProjectsWords() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson(demoLesson)
    let blocker = folder.url.appendingPathComponent("notes.txt")
    try Data("not a folder".utf8).write(to: blocker)
    let renderer = LessonRenderer(catalogue: fixtureCatalogue, options: RenderOptions(
        outputRoot: blocker.appendingPathComponent("reports"), cacheDirectory: folder.url.appendingPathComponent("cache")))
    let error = try #require(notebookError { _ = try renderer.render(lessonAt: lesson, path: "lessons/01-demo.md") })
    #expect(error.description.contains("notes.txt` is a file, not a folder"))
    #expect(!error.description.contains("NSCocoaErrorDomain") && !error.description.contains("UserInfo"))
}

@Test func aCacheFolderThatIsARegularFileIsRefusedInTheProjectsWords() throws {
    let folder = TemporaryFolder()
    let lesson = try folder.lesson(demoLesson)
    let blocker = folder.url.appendingPathComponent("cache-file")
    try Data("not a folder".utf8).write(to: blocker)
    let renderer = LessonRenderer(catalogue: fixtureCatalogue, options: RenderOptions(
        outputRoot: folder.url.appendingPathComponent("output"), cacheDirectory: blocker))
    let error = try #require(notebookError { _ = try renderer.render(lessonAt: lesson, path: "lessons/01-demo.md") })
    #expect(error.description.contains("cache"))
    #expect(error.description.contains("is a file, not a folder"))
    #expect(!error.description.contains("NSCocoaErrorDomain"))
}
