import Foundation
import Learning
import Tensor

/// Telgarsky's (2016) sawtooth and the zigzag layers behind the Montufar et al. (2014)
/// construction, built as ReLU networks with exact weights.
///
/// The tent map h(x) = relu(2x) - 2 relu(2x - 1) folds [0, 1] onto itself once; composing
/// it k times gives a sawtooth with 2^(k-1) teeth, that is 2^k linear pieces, from 2k
/// hidden units. More generally a layer of n units can fold [0, 1] n times (the zigzag
/// z_n through (i/n, i mod 2)), and L such layers give n^L pieces.
enum Sawtooth {
    /// The k-fold composition of the tent map at x in [0, 1], computed directly.
    static func value(_ x: Double, compositions k: Int) -> Double {
        var y = x
        for _ in 0..<k { y = y < 0.5 ? 2 * y : 2 - 2 * y }
        return y
    }

    /// The hand-built network for the k-fold tent map: k hidden layers of 2 ReLU units.
    /// Layer 1 computes (relu(2x), relu(2x - 1)); each later layer reads the previous
    /// pair through h = a - 2b and computes (relu(2h), relu(2h - 1)); the output is
    /// a - 2b of the last pair. 6k + 1 parameters. Throws for k < 1.
    static func network(compositions k: Int) throws -> Network {
        try zigzag(width: 2, layers: k)
    }

    /// L hidden layers of n ReLU units, each folding [0, 1] n times: pre-activations
    /// n t - i (i = 0..<n) of the previous fold t, recombined with coefficients
    /// c_0 = 1, c_i = 2 (-1)^i, so that t -> sum_i c_i relu(n t - i) is the zigzag through
    /// (i/n, i mod 2). The network has exactly n^L linear pieces on [0, 1] (2^L for n = 2,
    /// the tent map). Throws for n < 2 or L < 1.
    static func zigzag(width n: Int, layers: Int) throws -> Network {
        guard n >= 2 else {
            throw DepthError.invalidNetwork("a zigzag layer needs at least 2 units, found \(n)")
        }
        guard layers >= 1 else {
            throw DepthError.invalidNetwork("a zigzag network needs at least 1 layer, found \(layers)")
        }
        var network = try Network(input: 1, hidden: Array(repeating: n, count: layers), output: 1,
                                  activation: .relu, seed: 0)
        let c = (0..<n).map { $0 == 0 ? Float(1) : Float($0 % 2 == 0 ? 2 : -2) }
        let shift = (0..<n).map { -Float($0) }
        // First layer: x -> n x - i.
        try network.setWeights(layer: 0, Matrix(rows: 1, columns: n, storage: Array(repeating: Float(n), count: n)))
        try network.setBias(layer: 0, shift)
        // Later layers: t = sum_i c_i a_i, then n t - j.
        for l in 1..<(layers + 1) {
            let outputs = l == layers ? 1 : n
            var w = [Float](repeating: 0, count: n * outputs)
            for i in 0..<n {
                for j in 0..<outputs { w[i * outputs + j] = l == layers ? c[i] : Float(n) * c[i] }
            }
            try network.setWeights(layer: l, Matrix(rows: n, columns: outputs, storage: w))
            try network.setBias(layer: l, l == layers ? [0] : shift)
        }
        return network
    }

    /// A lower bound on the mean squared error over [0, 1] of any continuous function
    /// with at most `knots` kinks (for instance a one-hidden-layer ReLU network of that
    /// many units) against the k-fold sawtooth: a tooth (a tent of height 1) with no kink
    /// inside it is fitted by a line at best with mean squared error 1/12 (the line is the
    /// constant 1/2, by symmetry), and at most `knots` of the 2^(k-1) teeth contain a kink.
    static func shallowErrorLowerBound(compositions k: Int, knots: Int) -> Double {
        let teeth = pow(2.0, Double(k - 1))
        return max(0, teeth - Double(knots)) / teeth / 12
    }
}
