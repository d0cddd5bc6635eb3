/// The function a one-input, one-output network of dense layers and piecewise-linear
/// activations (ReLU, leaky ReLU, identity) computes on an interval, found exactly: the
/// interval is cut wherever some unit's pre-activation changes sign, and on every
/// resulting segment each unit is an affine function of x whose slope and intercept are
/// propagated through the weights (so slopes come from the weights, not from differences
/// of sampled values). Arithmetic is in Double, from the network's Float weights.
/// Dropout layers are the identity here, as in inference. Serra et al. (2018) count such
/// regions in general; `LinearRegions` is the short entry point for counts alone.
///
/// `pieces` counts maximal intervals on which the output is affine (adjacent segments
/// with the same slope are merged), which is what "number of linear pieces" means in
/// the lesson; `regions` counts the activation regions before merging. Both are bounded
/// by the same limits (m + 1 for one layer of m units).
public struct PiecewiseLinear: Sendable, Equatable {
    /// The interval the function was analysed on.
    public let lower: Double
    public let upper: Double
    /// Interior points where the output's slope changes, increasing.
    public let knots: [Double]
    /// The output's slope on each piece (`knots.count + 1` values).
    public let slopes: [Double]
    /// The output at `lower` and at every knot (`knots.count + 1` values).
    public let values: [Double]
    /// Number of activation regions met on the interval (segments before merging).
    public let regions: Int

    /// Number of maximal linear pieces of the output on the interval.
    public var pieces: Int { slopes.count }

    /// Relative tolerance under which two slopes count as equal and a crossing as
    /// sitting on a segment's end.
    static let tolerance = 1e-9

    /// Analyses `network` on `[lower, upper]`. Throws `LearningError` when the network
    /// does not map one input to one output, uses an activation that is not piecewise
    /// linear, or when the interval is empty or not finite.
    public init(network: Network, lower: Double = 0, upper: Double = 1) throws {
        guard network.inputSize == 1, network.outputSize == 1 else {
            throw LearningError.unsupported("piece counting needs a network with one input and one output, found \(network.inputSize) inputs and \(network.outputSize) outputs")
        }
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw LearningError.invalidSetting(name: "interval", expected: "a finite interval with lower < upper",
                                               found: "[\(lower), \(upper)]")
        }
        // Every segment carries, for each unit of the current layer, z = slope * x + intercept.
        var edges = [lower, upper]
        var slope: [[Double]] = [[1]]
        var intercept: [[Double]] = [[0]]
        let p = network.parameters
        let span = upper - lower
        for layer in network.layers {
            switch layer {
            case .dense(let d):
                for s in slope.indices {
                    var ns = [Double](repeating: 0, count: d.outputs)
                    var ni = [Double](repeating: 0, count: d.outputs)
                    for j in 0..<d.outputs {
                        var a = 0.0, b = d.hasBias ? Double(p[d.biasOffset + j]) : 0.0
                        for i in 0..<d.inputs {
                            let w = Double(p[d.weightOffset + i * d.outputs + j])
                            a += slope[s][i] * w
                            b += intercept[s][i] * w
                        }
                        ns[j] = a
                        ni[j] = b
                    }
                    slope[s] = ns
                    intercept[s] = ni
                }
            case .activation(let activation):
                let negativeSlope: Double
                switch activation {
                case .relu: negativeSlope = 0
                case .leakyReLU(let s): negativeSlope = Double(s)
                case .identity: continue
                default:
                    throw LearningError.unsupported("piece counting needs piecewise-linear activations (relu, leaky_relu, identity), found \(activation.name)")
                }
                var newEdges = [edges[0]]
                var newSlope: [[Double]] = []
                var newIntercept: [[Double]] = []
                for s in slope.indices {
                    let lo = edges[s], hi = edges[s + 1]
                    let margin = Self.tolerance * span
                    var cuts: [Double] = []
                    for u in slope[s].indices where slope[s][u] != 0 {
                        let x = -intercept[s][u] / slope[s][u]
                        if x > lo + margin && x < hi - margin { cuts.append(x) }
                    }
                    cuts.sort()
                    var bounds = [lo]
                    for c in cuts where c - bounds[bounds.count - 1] > margin { bounds.append(c) }
                    if hi - bounds[bounds.count - 1] <= margin && bounds.count > 1 { bounds.removeLast() }
                    bounds.append(hi)
                    for k in 0..<(bounds.count - 1) {
                        let mid = 0.5 * (bounds[k] + bounds[k + 1])
                        var ns = slope[s], ni = intercept[s]
                        for u in ns.indices where ns[u] * mid + ni[u] < 0 {
                            ns[u] *= negativeSlope
                            ni[u] *= negativeSlope
                        }
                        newSlope.append(ns)
                        newIntercept.append(ni)
                        newEdges.append(bounds[k + 1])
                    }
                }
                edges = newEdges
                slope = newSlope
                intercept = newIntercept
            case .dropout, .flatten:
                continue
            case .convolution, .maxPool, .averagePool, .recurrent:
                throw LearningError.unsupported("piece counting needs a network of one input, without image or recurrent layers")
            }
        }
        // Merge neighbouring segments on which the output has the same slope.
        var knots: [Double] = []
        var slopes = [slope[0][0]]
        var values = [slope[0][0] * lower + intercept[0][0]]
        for s in 1..<slope.count {
            let a = slope[s][0], previous = slopes[slopes.count - 1]
            let scale = max(1, abs(a), abs(previous))
            if abs(a - previous) > Self.tolerance * scale {
                knots.append(edges[s])
                slopes.append(a)
                values.append(a * edges[s] + intercept[s][0])
            }
        }
        self.lower = lower
        self.upper = upper
        self.knots = knots
        self.slopes = slopes
        self.values = values
        self.regions = slope.count
    }

    /// The output at `x` (any x in the interval; outside it the end pieces are extended).
    public func callAsFunction(_ x: Double) -> Double {
        var lo = 0, hi = knots.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if knots[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        let start = lo == 0 ? lower : knots[lo - 1]
        return values[lo] + slopes[lo] * (x - start)
    }
}
