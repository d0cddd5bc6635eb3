import Foundation
import Learning
import Notebook
import Tensor

/// One training run of a `train` cell: one point of its sweep with one seed. The seed
/// sets the initial weights, the example order and the dropout masks; the data come from
/// the cell's seed (`TrainData`). It records the loss and accuracy of every split after
/// every epoch (epoch 0 is the untrained network), the final and best values, the
/// parameter count and whether the run diverged (a result, not an error).
struct TrainTrial: Sendable {
    /// Everything a trial's result depends on: its cache key, so that adding a point or a
    /// seed to a sweep trains only what is new, and two cells with the same setup share it.
    struct Key: Codable, Hashable, Sendable {
        var data: TrainData.Spec
        var model: ModelParameters
        var training: TrainingParameters
        /// Epochs-to-target threshold (0: none), on validation accuracy or, for regression,
        /// validation loss.
        var target: Double
        var seed: UInt64
    }

    /// What a trial produced: what the run measured (`EpochCurves`, read through this
    /// value as `result.validationLoss`) and what only this kind measures.
    @dynamicMemberLookup
    struct Result: Codable, Sendable, Equatable {
        var curves: EpochCurves
        /// Epochs until validation accuracy first reached the target (or validation loss
        /// fell to it), interpolated linearly between epochs from epoch 0; NaN if never.
        var epochsToTarget: Double
        var parameters: Int
        /// For 2-D inputs: the network's output over a `regionSide` × `regionSide` grid
        /// spanning `regionBounds` (x low, x high, y low, y high), rows from the bottom:
        /// the probability of class 1 (two classes), the predicted class over the number
        /// of classes minus one (more), or the prediction (regression).
        var region: [Double]
        var regionBounds: [Double]
        /// For a sequence set with `test_lengths`: the test accuracy at each of them, in
        /// their order (NaN when the run diverged); empty otherwise.
        var testAccuracyByLength: [Double] = []

        subscript<T>(dynamicMember path: KeyPath<EpochCurves, T>) -> T { curves[keyPath: path] }
    }

    /// Bumped whenever a trial with the same key would give different numbers, or its
    /// stored result another shape (2: the measurements as `EpochCurves`).
    static let version = 2
    static let regionSide = 60

    /// The trial seeds of a cell, derived from its seed the same way in every kind that
    /// trains networks (`OptimizerTrial.seeds`), so a setup and seed mean one run.
    static func seeds(from base: UInt64, count: Int) -> [UInt64] {
        OptimizerTrial.seeds(from: base, count: count)
    }

    /// The network and trainer a key stands for: its model and training groups with its seed.
    /// Kinds that need the trained network itself (the manifold lesson's autoencoder) build
    /// it here too, so a key means one run wherever it is trained.
    static func recipe(_ key: Key) throws -> TrialRecipe {
        let specs: [LayerSpec]
        switch key.model.layerSpecs() {
        case .success(let made): specs = made
        case .failure(let problem):
            throw LearningError.invalidSetting(name: "model.\(problem.key)", expected: problem.expected, found: problem.found)
        }
        let t = key.training
        return TrialRecipe(hidden: specs, outputBias: key.model.bias, initializer: key.model.initializer,
                           optimizer: t.engineOptimizer, learningRate: t.learningRate, schedule: t.engineSchedule,
                           batchSize: t.batchSize, epochs: t.epochs,
                           earlyStopping: t.patience > 0 ? EarlyStopping(patience: t.patience) : nil,
                           divergenceThreshold: t.divergenceThreshold, seed: key.seed)
    }

    static func run(_ key: Key, data: TrainData) throws -> Result {
        try trained(key, data: data).result
    }

    /// The trial's result and its trained network (`TrainedNetwork` keeps autoencoders').
    static func trained(_ key: Key, data: TrainData) throws -> (result: Result, network: Network) {
        let set = data.dataset
        let run = try TrialRun(training: recipe(key), on: set)
        let network = run.network
        var result = Result(curves: run.curves, epochsToTarget: .nan, parameters: network.parameterCount, region: [],
                            regionBounds: [])
        if key.target > 0 {
            result.epochsToTarget = set.isClassification
                ? Self.firstCrossing(result.validationAccuracy, at: key.target, rising: true)
                : Self.firstCrossing(result.validationLoss, at: key.target, rising: false)
        }
        let lengths = key.data.parameters.testLengths
        if key.data.parameters.source == .symbolCounts, !lengths.isEmpty {
            let diverged = result.diverged
            result.testAccuracyByLength = try lengths.map { n in
                guard !diverged else { return .nan }
                let rows = data.testLengths.indices.filter { data.testLengths[$0] == n }
                return try network.evaluate(set.test.subset(rows), loss: .softmaxCrossEntropy).accuracy ?? .nan
            }
        }
        if set.inputSize == 2, !result.diverged {
            (result.region, result.regionBounds) = try Self.region(network, data: set)
        }
        return (result, network)
    }

    /// The fractional epoch at which `values` first reaches `level` (from below when
    /// rising, from above otherwise), interpolated linearly; NaN when it never does.
    static func firstCrossing(_ values: [Double], at level: Double, rising: Bool) -> Double {
        func reached(_ v: Double) -> Bool { v.isFinite && (rising ? v >= level : v <= level) }
        guard let first = values.firstIndex(where: reached) else { return .nan }
        guard first > 0, values[first - 1].isFinite else { return Double(first) }
        let a = values[first - 1], b = values[first]
        return Double(first - 1) + (b == a ? 1 : (level - a) / (b - a))
    }

    /// The network's output over a grid covering the training points with a margin.
    static func region(_ network: Network, data: Dataset) throws -> ([Double], [Double]) {
        let x = data.train.features
        var lo = [Double.infinity, .infinity], hi = [-Double.infinity, -Double.infinity]
        for i in 0..<x.rows {
            for j in 0..<2 {
                lo[j] = min(lo[j], Double(x[i, j]))
                hi[j] = max(hi[j], Double(x[i, j]))
            }
        }
        for j in 0..<2 {
            let margin = max((hi[j] - lo[j]) * 0.08, 1e-3)
            lo[j] -= margin
            hi[j] += margin
        }
        let n = regionSide
        var grid = Matrix<Float>(rows: n * n, columns: 2)
        for r in 0..<n {
            for c in 0..<n {
                grid[r * n + c, 0] = Float(lo[0] + (hi[0] - lo[0]) * Double(c) / Double(n - 1))
                grid[r * n + c, 1] = Float(lo[1] + (hi[1] - lo[1]) * Double(r) / Double(n - 1))
            }
        }
        var values: [Double]
        if data.isClassification && data.classCount == 2 {
            let p = try network.probabilities(grid)
            values = (0..<(n * n)).map { Double(p[$0, 1]) }
        } else if data.isClassification {
            let k = try network.classify(grid)
            values = k.map { Double($0) / Double(max(data.classCount - 1, 1)) }
        } else {
            let y = try network.predict(grid)
            values = (0..<(n * n)).map { Double(y[$0, 0]) }
        }
        return (values, [lo[0], hi[0], lo[1], hi[1]])
    }
}
