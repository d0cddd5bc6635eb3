import Tensor

/// Counting the linear pieces of a network with one input and piecewise-linear
/// activations (ReLU, leaky ReLU, identity) on an interval, exactly: the function is
/// carried layer by layer as its values at its breakpoints, where each unit's
/// pre-activation crosses zero (Serra et al. 2018 count such regions in general).
public enum LinearRegions {
    /// The breakpoints (interval ends included) and the network's output values there.
    public struct Pieces: Sendable {
        /// Sorted points where the slope may change, with the interval's ends.
        public var breakpoints: [Double]
        /// Output rows at each breakpoint (`breakpoints.count x outputs`).
        public var values: Matrix<Double>
        /// Number of maximal intervals on which the output is affine.
        public var count: Int
    }

    /// The number of linear pieces of `network` on `interval`.
    public static func count(_ network: Network, on interval: ClosedRange<Double>) throws -> Int {
        try pieces(network, on: interval).count
    }

    /// The pieces of `network` on `interval`: adjacent intervals with the same slope (to
    /// a relative 1e-9) are merged, so the count is that of the function, not of the
    /// activation patterns.
    public static func pieces(_ network: Network, on interval: ClosedRange<Double>) throws -> Pieces {
        guard network.inputSize == 1 else {
            throw LearningError.unsupported("linear-region counting needs a network with one input; this one has \(network.inputSize)")
        }
        guard interval.upperBound > interval.lowerBound else {
            throw LearningError.invalidSetting(name: "interval", expected: "a non-empty range", found: "\(interval)")
        }
        var xs = [interval.lowerBound, interval.upperBound]
        var h: [[Double]] = xs.map { [$0] }          // function values at each x
        for layer in network.layers {
            switch layer {
            case .dropout:
                continue
            case .dense(let d):
                let w = network.weights(layer: network.denseLayers.firstIndex(of: d)!)
                let b = d.hasBias ? network.bias(layer: network.denseLayers.firstIndex(of: d)!) : []
                h = h.map { v in
                    (0..<d.outputs).map { j in
                        var s = b.isEmpty ? 0 : Double(b[j])
                        for i in 0..<d.inputs { s += v[i] * Double(w[i, j]) }
                        return s
                    }
                }
            case .activation(let f):
                guard f.isPiecewiseLinear else {
                    throw LearningError.unsupported("linear-region counting needs piecewise-linear activations (relu, leaky_relu, identity); found \(f.name)")
                }
                if f != .identity {
                    // Insert every zero crossing of every unit; values there are found by
                    // linear interpolation, exact since the function is affine in between.
                    var newXs: [Double] = [xs[0]]
                    var newH: [[Double]] = [h[0]]
                    for k in 0..<(xs.count - 1) {
                        let (l, r) = (h[k], h[k + 1])
                        var cuts: [Double] = []
                        for j in 0..<l.count where (l[j] < 0 && r[j] > 0) || (l[j] > 0 && r[j] < 0) {
                            cuts.append(l[j] / (l[j] - r[j]))
                        }
                        for t in Set(cuts).sorted() where t > 1e-12 && t < 1 - 1e-12 {
                            newXs.append(xs[k] + t * (xs[k + 1] - xs[k]))
                            newH.append(zip(l, r).map { $0 + t * ($1 - $0) })
                        }
                        newXs.append(xs[k + 1])
                        newH.append(r)
                    }
                    xs = newXs
                    h = newH.map { $0.map(f.callAsFunction) }
                }
            }
        }
        // Merge neighbouring intervals whose slopes agree.
        let outputs = h.first?.count ?? 0
        func slope(_ k: Int) -> [Double] {
            (0..<outputs).map { (h[k + 1][$0] - h[k][$0]) / (xs[k + 1] - xs[k]) }
        }
        var count = 1
        var kept = [xs[0]]
        var keptValues = [h[0]]
        var previous = slope(0)
        for k in 1..<(xs.count - 1) {
            let s = slope(k)
            let scale = max(1, zip(s, previous).map { max(abs($0), abs($1)) }.max() ?? 0)
            if zip(s, previous).contains(where: { abs($0 - $1) > 1e-9 * scale }) {
                count += 1
                kept.append(xs[k])
                keptValues.append(h[k])
            }
            previous = s
        }
        kept.append(xs[xs.count - 1])
        keptValues.append(h[h.count - 1])
        let values = Matrix<Double>(rows: kept.count, columns: outputs) { r, c in keptValues[r][c] }
        return Pieces(breakpoints: kept, values: values, count: count)
    }
}
