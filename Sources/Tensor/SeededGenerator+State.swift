import Foundation

extension SeededGenerator {
    /// The generator's four words of state, so that a paused computation (a training
    /// session written to disk) can continue the same stream of numbers later.
    public var stateWords: [UInt64] { [s0, s1, s2, s3] }

    /// A generator continuing exactly where the one whose `seed` and `stateWords` these
    /// are stopped. Returns nil unless four words are given.
    public init?(seed: UInt64, stateWords words: [UInt64]) {
        guard words.count == 4 else { return nil }
        self.init(seed: seed)
        s0 = words[0]; s1 = words[1]; s2 = words[2]; s3 = words[3]
    }
}
