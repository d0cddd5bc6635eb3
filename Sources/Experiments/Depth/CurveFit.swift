import Foundation
import Learning
import Tensor

/// A one-dimensional regression target on [0, 1].
enum CurveTarget: Codable, Sendable, Hashable {
    /// Telgarsky's sawtooth: the tent map composed `compositions` times
    /// (2^(compositions - 1) teeth).
    case sawtooth(compositions: Int)
    /// A smooth bump train with the same range: (1 - cos(2 pi bumps x)) / 2.
    case smooth(bumps: Int)

    func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .sawtooth(let k): return Sawtooth.value(x, compositions: k)
        case .smooth(let bumps): return (1 - cos(2 * Double.pi * Double(bumps) * x)) / 2
        }
    }

    /// Mean squared error of the best constant (the target's variance on [0, 1]): 1/12
    /// for the sawtooth, 1/8 for the bump train. A fit no better than this learned nothing.
    var constantError: Double {
        switch self {
        case .sawtooth: return 1.0 / 12
        case .smooth: return 1.0 / 8
        }
    }
}

/// How a one-dimensional fit is trained: minibatch Adam, its learning rate decayed to zero
/// on a cosine, on evenly spaced points of [0, 1], scored by the mean squared error on a finer grid (which stands in for
/// the integral over [0, 1]).
struct CurveFitSettings: Codable, Sendable, Hashable {
    /// Evenly spaced training points on [0, 1], ends included.
    var points = 512
    /// Passes over the training points.
    var epochs = 300
    /// Examples per minibatch.
    var batchSize = 64
    /// Adam's learning rate.
    var learningRate = 0.01
    /// Evenly spaced evaluation points on [0, 1], ends included.
    var gridPoints = 4097

    init() {}

    /// Settings taken from an experiment's flat configuration keys.
    init(points: Int, epochs: Int, batchSize: Int, learningRate: Double, gridPoints: Int) {
        self.points = points
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.gridPoints = gridPoints
    }
}

/// One trained network of a sweep, as stored in the trial cache.
struct CurveFitTrial: Codable, Sendable {
    /// Mean squared error on the evaluation grid (infinity after divergence).
    var error: Double
    /// Linear pieces of the trained network on [0, 1].
    var pieces: Int
    /// Whether training diverged.
    var diverged: Bool
    /// The trained parameters (to draw the fit).
    var parameters: [Float]
}

/// Training and scoring of one-input networks on `CurveTarget`s.
enum CurveFit {
    /// Evenly spaced points of [0, 1], ends included, as a one-column matrix.
    static func grid(_ count: Int) -> Matrix<Float> {
        let n = max(count, 2)
        return Matrix(column: (0..<n).map { Float(Double($0) / Double(n - 1)) })
    }

    static func split(_ target: CurveTarget, points: Int) -> DataSplit {
        let x = grid(points)
        return DataSplit(features: x, targets: Matrix(column: x.storage.map { Float(target(Double($0))) }))
    }

    /// Mean squared error of `network` against `target` on `gridPoints` points of [0, 1].
    static func error(_ network: Network, _ target: CurveTarget, gridPoints: Int) throws -> Double {
        let x = grid(gridPoints)
        let y = try network.predict(x)
        var total = 0.0
        for i in 0..<x.rows {
            let d = Double(y.storage[i]) - target(Double(x.storage[i]))
            total += d * d
        }
        return total / Double(x.rows)
    }

    /// The starting point of training: He-uniform weights drawn from `seed`; the first
    /// layer's biases set so that its kinks start at points drawn uniformly on [0, 1]
    /// (with zero biases every kink would sit at x = 0, the edge of the data, and the
    /// network would start as a straight line on [0, 1]); later biases zero.
    static func initialNetwork(hidden: [Int], seed: UInt64) throws -> Network {
        var network = try Network(input: 1, hidden: hidden, output: 1, activation: .relu,
                                  initializer: .heUniform, seed: seed)
        var rng = SeededGenerator(seed: seed).derive(stream: 3)
        if let first = network.denseLayers.first {
            for j in 0..<first.outputs {
                let kink = rng.uniform()
                network.parameters[first.biasOffset + j] = Float(-kink) * network.parameters[first.weightOffset + j]
            }
        }
        return network
    }

    /// Trains a ReLU network with the given hidden widths from `initialNetwork` and scores it.
    /// The trial `key` names, trained and scored.
    static func train(_ key: CurveFitTrial.Key) throws -> CurveFitTrial {
        try train(hidden: key.hidden, target: key.target, settings: key.settings, seed: key.seed)
    }

    static func train(hidden: [Int], target: CurveTarget, settings: CurveFitSettings,
                      seed: UInt64) throws -> CurveFitTrial {
        var network = try initialNetwork(hidden: hidden, seed: seed)
        let trainer = Trainer(TrainingConfiguration(
            epochs: settings.epochs, batchSize: settings.batchSize, optimizer: .adam(),
            learningRate: Float(settings.learningRate), schedule: .cosine(minimum: 0), loss: .meanSquaredError,
            seed: seed &+ 0x9E37_79B9, trainMetrics: .none))
        let history = try trainer.train(&network, train: split(target, points: settings.points))
        if history.diverged {
            return CurveFitTrial(error: .infinity, pieces: 0, diverged: true, parameters: network.parameters)
        }
        let pieces = try PiecewiseLinear(network: network).pieces
        return CurveFitTrial(error: try error(network, target, gridPoints: settings.gridPoints),
                             pieces: pieces, diverged: false, parameters: network.parameters)
    }

    /// A network of the given shape holding stored parameters.
    static func network(hidden: [Int], parameters: [Float]) throws -> Network {
        var network = try Network(input: 1, hidden: hidden, output: 1, activation: .relu)
        network.parameters = parameters
        return network
    }

    /// Parameters of a 1 -> hidden -> 1 network with biases.
    static func parameterCount(_ hidden: [Int]) -> Int {
        Learning.ParameterCount.mlp(input: 1, hidden: hidden, output: 1)
    }
}
