import Tensor

/// Counting the linear pieces of a one-input, one-output network with piecewise-linear
/// activations (ReLU, leaky ReLU, identity) on an interval, exactly. A short entry point
/// over `PiecewiseLinear`, which also gives the knots, slopes and the function itself.
public enum LinearRegions {
    /// The breakpoints (interval ends included) and the network's output values there.
    public struct Pieces: Sendable {
        /// Sorted points where the slope changes, with the interval's ends.
        public var breakpoints: [Double]
        /// The output at each breakpoint (`breakpoints.count x 1`).
        public var values: Matrix<Double>
        /// Number of maximal intervals on which the output is affine.
        public var count: Int
    }

    /// The number of linear pieces of `network` on `interval`.
    public static func count(_ network: Network, on interval: ClosedRange<Double>) throws -> Int {
        try PiecewiseLinear(network: network, lower: interval.lowerBound, upper: interval.upperBound).pieces
    }

    /// The pieces of `network` on `interval`: adjacent intervals with the same slope (to
    /// a relative 1e-9) are merged, so the count is that of the function, not of the
    /// activation patterns.
    public static func pieces(_ network: Network, on interval: ClosedRange<Double>) throws -> Pieces {
        let f = try PiecewiseLinear(network: network, lower: interval.lowerBound, upper: interval.upperBound)
        let breakpoints = [f.lower] + f.knots + [f.upper]
        let values = Matrix<Double>(rows: breakpoints.count, columns: 1) { r, _ in f(breakpoints[r]) }
        return Pieces(breakpoints: breakpoints, values: values, count: f.pieces)
    }
}
