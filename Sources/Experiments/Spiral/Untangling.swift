import Foundation
import Learning
import Tensor

/// Shared machinery of the spiral and disk-annulus experiments: seeded training runs,
/// parallel seed sweeps, layer pictures, probes and projections. Internal to the lesson.
enum Untangling {
    /// What one training run of a sweep keeps (cached per trial): enough to rebuild the
    /// trained network and report it.
    struct Trial: Codable, Sendable {
        /// The seed of the network's initial weights and of the minibatch order.
        var seed: UInt64
        /// Training accuracy with the final weights (NaN when the run diverged).
        var trainAccuracy: Double
        /// Mean training cross-entropy with the final weights (NaN when diverged).
        var trainLoss: Double
        /// The trained parameters (flat, as `Network.parameters`).
        var parameters: [Float]
    }

    /// The shape and training settings of one network, as the experiments' configs give them.
    struct Recipe: Codable, Sendable, Hashable {
        var hidden: [Int]
        var activation: Activation
        var epochs: Int
        var batchSize: Int
        var learningRate: Double

        func network(seed: UInt64) throws -> Network {
            try Network(input: 2, hidden: hidden, output: 2, activation: activation,
                        initializer: .glorotUniform, seed: seed)
        }

        /// Adam (Kingma and Ba 2015) with its default moments; the seed orders the minibatches.
        func trainer(seed: UInt64, metrics: MetricsMode = .none, captureEpochs: Set<Int> = [],
                     captureInputs: Matrix<Float>? = nil) -> Trainer {
            Trainer(TrainingConfiguration(epochs: epochs, batchSize: batchSize, optimizer: .adam(),
                                          learningRate: Float(learningRate), seed: seed, trainMetrics: metrics,
                                          captureEpochs: captureEpochs, captureInputs: captureInputs))
        }

        /// Trains a fresh network from `seed` on `train` and keeps the result.
        func trial(seed: UInt64, train: DataSplit) throws -> Trial {
            var network = try network(seed: seed)
            let history = try trainer(seed: seed).train(&network, train: train)
            let final = history.diverged ? nil : history.finalTrain
            return Trial(seed: seed, trainAccuracy: final?.accuracy ?? .nan, trainLoss: final?.loss ?? .nan,
                         parameters: network.parameters)
        }

        /// The network of a finished trial.
        func network(of trial: Trial) throws -> Network {
            var network = try network(seed: trial.seed)
            network.parameters = trial.parameters
            return network
        }
    }

    /// The probability of class 1 for every row of `x` (softmax of the two logits).
    static func classOneProbability(_ network: Network, _ x: Matrix<Float>) throws -> [Double] {
        let p = try network.probabilities(x)
        return (0..<p.rows).map { Double(p[$0, 1]) }
    }

    /// A `resolution` x `resolution` grid of class-1 probabilities over a square, rows
    /// from the bottom (the layout `RegionMark` expects).
    static func probabilityGrid(_ network: Network, extent: ClosedRange<Double>, resolution: Int) throws -> [[Double]] {
        let n = max(resolution, 2)
        let x = planeGrid(extent: extent, resolution: n)
        let p = try classOneProbability(network, x)
        return (0..<n).map { r in Array(p[(r * n)..<((r + 1) * n)]) }
    }

    /// The corners of a regular grid over a square, row by row from the bottom.
    static func planeGrid(extent: ClosedRange<Double>, resolution n: Int) -> Matrix<Float> {
        let step = (extent.upperBound - extent.lowerBound) / Double(n - 1)
        return Matrix(rows: n * n, columns: 2) { i, c in
            Float(extent.lowerBound + step * Double(c == 0 ? i % n : i / n))
        }
    }

    /// Smallest over the 2 x 2 hidden-to-hidden and input weight matrices of
    /// sigma_min / sigma_max (1: a rotation and scaling; 0: the layer flattens the plane
    /// onto a line). Nil when no weight matrix is 2 x 2.
    static func smallestConditionRatio(_ network: Network) -> Double? {
        var best: Double?
        for l in 0..<max(network.denseLayers.count - 1, 0) {
            let w = network.weights(layer: l)
            guard w.rows == 2, w.columns == 2 else { continue }
            let a = Double(w[0, 0]), b = Double(w[0, 1]), c = Double(w[1, 0]), d = Double(w[1, 1])
            let det = a * d - b * c
            let f = a * a + b * b + c * c + d * d
            let disc = max(f * f - 4 * det * det, 0).squareRoot()
            let large = ((f + disc) / 2).squareRoot()
            let small = max((f - disc) / 2, 0).squareRoot()
            let ratio = large > 0 ? small / large : 0
            best = min(best ?? ratio, ratio)
        }
        return best
    }

    /// Spearman's rank correlation of two equally long lists (ties get their mean rank);
    /// NaN when a list is constant, shorter than two, or holds a non-finite value.
    static func rankCorrelation(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count, a.count > 1, (a + b).allSatisfy(\.isFinite) else { return .nan }
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let x = ranks(a), y = ranks(b)
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }
}
