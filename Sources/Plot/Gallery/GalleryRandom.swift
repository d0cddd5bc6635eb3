import Foundation

/// A small portable generator (SplitMix64, Steele et al. 2014) for example data: the
/// gallery and the figure-rendering benchmark draw the same numbers on every machine
/// without the plotter depending on the numeric targets.
public struct GalleryRandom: Sendable {
    /// The generator's whole state; the seed is the initial state.
    public var state: UInt64

    /// A generator that gives the same numbers for the same `seed` on every machine.
    public init(seed: UInt64) { state = seed }

    /// A uniform number in [0, 1) with 53 random bits.
    public mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }

    /// A standard normal number (Box-Muller, one of the pair).
    public mutating func normal() -> Double {
        let u = max(next(), 1e-12), v = next()
        return sqrt(-2 * log(u)) * cos(2 * .pi * v)
    }
}
