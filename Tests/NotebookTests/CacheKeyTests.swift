import Foundation
import Testing
@testable import Notebook

@Test func aCacheKeyChangesWithTheBuildButNotWithoutOne() {
    let config: [String: ConfigValue] = ["epochs": .int(3)]
    let plain = CellCache.key(kind: "k", version: 1, config: config, seed: 1, toolVersion: "0.1.0")
    let empty = CellCache.key(kind: "k", version: 1, config: config, seed: 1, toolVersion: "0.1.0", build: "")
    let built = CellCache.key(kind: "k", version: 1, config: config, seed: 1, toolVersion: "0.1.0", build: "abc")
    let rebuilt = CellCache.key(kind: "k", version: 1, config: config, seed: 1, toolVersion: "0.1.0", build: "abd")
    #expect(plain == empty)
    #expect(built != plain)
    #expect(built != rebuilt)
}
