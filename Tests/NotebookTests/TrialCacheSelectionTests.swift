import Foundation
import Testing
@testable import Notebook

private struct ShardKey: Codable { var point: Int }

@Test func shardsSplitTheTrialsSoEachIsComputedByExactlyOneProcess() throws {
    let count = 3
    var computedBy = [Int](repeating: 0, count: 40)
    for index in 0..<count {
        let cache = TrialCache(directory: nil, selection: .shard(index: index, count: count))
        for point in 0..<40 {
            do {
                _ = try cache.value(ShardKey(point: point)) { point }
                computedBy[point] += 1
            } catch is TrialCache.Skipped {}
        }
        #expect(cache.tally.computed + cache.tally.skipped == 40)
    }
    #expect(computedBy.allSatisfy { $0 == 1 })
}

@Test func aShardComputesTheTrialsWhoseDigestFallsInItsResidueClass() throws {
    let key = ShardKey(point: 7)
    let digest = SHA256.digest([UInt8](try CanonicalJSON.encode(key)))
    let value = digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    let mine = Int(value % 5)
    let cache = TrialCache(directory: nil, selection: .shard(index: mine, count: 5))
    #expect(try cache.value(key) { 1 } == 1)
    let other = TrialCache(directory: nil, selection: .shard(index: (mine + 1) % 5, count: 5))
    #expect(throws: TrialCache.Skipped.self) { try other.value(key) { 1 } }
}

@Test func aCachedOnlyRunServesStoredTrialsAndSkipsTheRest() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trials-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let writer = TrialCache(directory: folder)
    #expect(try writer.value(ShardKey(point: 1)) { 10 } == 10)
    #expect(writer.tally.counts.computed == 1)

    let reader = TrialCache(directory: folder, selection: .cachedOnly)
    #expect(try reader.value(ShardKey(point: 1)) { 99 } == 10)
    #expect(throws: TrialCache.Skipped.self) { try reader.value(ShardKey(point: 2)) { 20 } }
    #expect(reader.tally.counts.hits == 1)
    #expect(reader.tally.counts.skipped == 1)
    #expect(reader.tally.counts.computed == 0)
}

@Test func aServedTrialBringsTheTimeItTookToComputeWithIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trials-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let writer = TrialCache(directory: folder)
    _ = try writer.value(ShardKey(point: 3)) { () -> Int in
        Thread.sleep(forTimeInterval: 0.05)
        return 3
    }
    #expect(writer.tally.counts.servedSeconds == 0)

    let reader = TrialCache(directory: folder)
    #expect(try reader.value(ShardKey(point: 3)) { 0 } == 3)
    #expect(reader.tally.counts.servedSeconds >= 0.05)
    #expect(reader.tally.counts.servedSeconds < 5)
}

@Test func anUnwritableTrialCacheIsSaidOnceAndTheTrialsStillRun() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-folder-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    final class Lines: @unchecked Sendable { var lines: [String] = [] }
    let said = Lines()
    let cache = TrialCache(directory: file.appendingPathComponent("trials"), warn: { said.lines.append($0) })
    #expect(try cache.value(ShardKey(point: 1)) { 1 } == 1)
    #expect(try cache.value(ShardKey(point: 2)) { 2 } == 2)
    #expect(cache.tally.computed == 2)
    #expect(said.lines.count == 1)
    #expect(said.lines.first?.contains("cannot write the trial cache") == true)
}
