import Foundation

/// A seeded, portable random generator: xoshiro256** (Blackman and Vigna, 2018) with its
/// state filled by SplitMix64 from a 64-bit seed. Every draw below is built from its
/// 64-bit outputs with integer arithmetic and IEEE operations only, so a seed gives the
/// same numbers on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The seed this generator (or stream) started from.
    public let seed: UInt64
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// A generator started from a non-negative integer seed (as lessons write it).
    public init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed))) }

    /// An independent generator for stream `stream` of this seed (trial, layer, ...).
    /// It depends only on `seed` and `stream`, not on how much of `self` was used, so
    /// parallel trials get the same numbers whatever their order.
    public func derive(stream: UInt64) -> SeededGenerator {
        var sm = SplitMix64(state: seed ^ 0x6A09_E667_F3BC_C909)
        let a = sm.next()
        var sm2 = SplitMix64(state: stream &+ 0xBB67_AE85_84CA_A73B)
        return SeededGenerator(seed: a ^ sm2.next())
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    @inlinable
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1) as a Float with 24 random bits.
    @inlinable
    public mutating func uniformFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Uniform in `[range.lowerBound, range.upperBound)`.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// A standard normal draw (Box-Muller on two uniforms), times `standardDeviation`
    /// plus `mean`.
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - uniform()              // in (0, 1]: log is finite
        let u2 = uniform()
        return mean + standardDeviation * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method); 0 when
    /// bound <= 0.
    public mutating func integer(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Shuffles `array` in place (Fisher-Yates).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, integer(below: i + 1))
        }
    }

    /// A random permutation of `0..<n`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<max(n, 0))
        shuffle(&p)
        return p
    }

    /// `count` distinct indices drawn from `0..<population`, in draw order (a partial
    /// Fisher-Yates shuffle). Throws when `count` exceeds the population.
    public mutating func sampleWithoutReplacement(from population: Int, count: Int) throws -> [Int] {
        guard count >= 0, count <= population else {
            throw TensorError.invalidArgument(name: "sampleWithoutReplacement count",
                                              expected: "between 0 and \(population)", found: "\(count)")
        }
        var pool = Array(0..<population)
        for i in 0..<count { pool.swapAt(i, i + integer(below: population - i)) }
        return Array(pool[0..<count])
    }

    /// A matrix of independent normal draws.
    public mutating func normalMatrix<S: MatrixScalar>(rows: Int, columns: Int, mean: Double = 0,
                                                       standardDeviation: Double = 1,
                                                       as _: S.Type = S.self) -> Matrix<S> {
        var m = Matrix<S>(rows: rows, columns: columns)
        for i in 0..<m.storage.count { m.storage[i] = S(normal(mean: mean, standardDeviation: standardDeviation)) }
        return m
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): expands one seed into well-mixed words.
@usableFromInline
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
