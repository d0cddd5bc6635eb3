import Foundation
import Testing
@testable import Experiments
@testable import Notebook

/// The coordinates part of a key, fixed while the configuration varies.
private struct Coordinates: Encodable { var seed: UInt64 = 1 }

/// Variants of one JSON leaf: every way the test tries to change it.
private func variants(of value: Any) -> [Any] {
    if let text = value as? String {
        return [text + "x", "relu", "tanh", "sgd", "adam", "fashion-mnist", "synthetic", "gelsd", "posv", "fourier",
                "relu-features", "cross-entropy", "squared", "sawtooth", "smooth", "well-specified", "first-p-of-D",
                "teacher-student", "auto", "reconstruct", "he_normal", "he-normal", "glorot_normal", "glorot-normal"].filter { $0 != text }
    }
    if let list = value as? [Any] {
        if list.isEmpty { return [[0.5], [1], ["relu"]] }
        var out: [Any] = [list + list.prefix(1), Array(list.dropLast())]
        if let first = list.first { out += variants(of: first).map { [$0] + list.dropFirst() } }
        return out
    }
    if let double = (value as? NSNumber)?.doubleValue ?? (value as? Double) ?? (value as? Int).map(Double.init) {
        // A Bool may arrive as a number too; the variants that do not decode are skipped.
        var out: [Any] = [double == 0]
        if double.rounded() == double, abs(double) < 1e15 { out += [Int(double) + 1, Int(double) * 2, max(0, Int(double) - 1)] }
        return out + [double * 1.5 + 0.25, double / 2, double + 1]
    }
    if let flag = value as? Bool { return [!flag] }
    return []
}

/// Every leaf of a JSON object, as a path of keys.
private func leaves(_ object: [String: Any], prefix: [String] = []) -> [[String]] {
    object.keys.sorted().flatMap { key -> [[String]] in
        if let nested = object[key] as? [String: Any] { return leaves(nested, prefix: prefix + [key]) }
        return [prefix + [key]]
    }
}

private func replacing(_ object: [String: Any], at path: [String], with value: Any) -> [String: Any] {
    var copy = object
    if path.count == 1 { copy[path[0]] = value; return copy }
    copy[path[0]] = replacing(object[path[0]] as? [String: Any] ?? [:], at: Array(path.dropFirst()), with: value)
    return copy
}

/// Changes each field of kind `E`'s default configuration in turn and checks the trial key
/// changes with it. Returns the fields changed; records an issue for a field no variant of
/// which decodes, or whose change leaves the key as it was.
private func fieldsThatChangeTheKey<E: Experiment>(_ kind: E.Type) throws -> Int {
    let cache = TrialCache(directory: nil, code: "test-build")
    let defaults = E.Config()
    let base = try cache.key(kind, config: defaults, trial: Coordinates())
    let object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(defaults)) as? [String: Any])
    let sorted = JSONEncoder()
    sorted.outputFormatting = [.sortedKeys]
    var changed = 0
    for path in leaves(object) {
        let value: Any = path.dropLast().reduce(object as Any) { ($0 as? [String: Any])?[$1] ?? [String: Any]() }
        let leaf = (value as? [String: Any])?[path.last!] as Any
        var decoded: E.Config? = nil
        for variant in variants(of: leaf) {
            let data = try JSONSerialization.data(withJSONObject: replacing(object, at: path, with: variant))
            if let config = try? JSONDecoder().decode(E.Config.self, from: data),
               try sorted.encode(config) != (try sorted.encode(defaults)) {
                decoded = config
                break
            }
        }
        guard let config = decoded else {
            Issue.record("\(E.kind): no change of `\(path.joined(separator: "."))` decodes; extend the test's variants")
            continue
        }
        #expect(try cache.key(kind, config: config, trial: Coordinates()) != base,
                "\(E.kind): changing `\(path.joined(separator: "."))` leaves the trial key unchanged")
        changed += 1
    }
    return changed
}

@Test func changingAnyFieldOfATrialsConfigurationChangesItsKeyForEveryKind() throws {
    #expect(try fieldsThatChangeTheKey(DepthWidthExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(LinearRegionsExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(SawtoothExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(RandomFeaturesExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(LinearTheoryExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(BatchLRGridExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(SpiralSeedsExperiment.self) > 3)
    #expect(try fieldsThatChangeTheKey(DiskAnnulusExperiment.self) > 3)
}

@Test func theSameConfigurationKindAndBuildGiveTheSameKey() throws {
    let cache = TrialCache(directory: nil, code: "test-build")
    #expect(try cache.key(DepthWidthExperiment.self, config: .init(), trial: Coordinates())
            == cache.key(DepthWidthExperiment.self, config: .init(), trial: Coordinates()))
    #expect(try cache.key(DepthWidthExperiment.self, config: .init(), trial: Coordinates())
            != TrialCache(directory: nil, code: "other-build").key(DepthWidthExperiment.self, config: .init(), trial: Coordinates()))
}
