import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `random-features`: double descent as in Belkin, Hsu, Ma and Mandal (PNAS 2019). Random
/// ReLU or Fourier features with a linear read-out fitted by minimum-norm least squares
/// (or ridge), the number of features p swept across the number of training examples n;
/// test loss, training loss and the norm of the read-out against p, over several seeds.
/// Classification is posed as regression on one-hot targets.
public struct RandomFeaturesExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// `fashion-mnist` (images of clothing, 10 classes) or `teacher-student` (synthetic:
        /// Gaussian inputs labelled by a random linear teacher's largest output).
        public var data = "fashion-mnist"
        /// Folder holding the Fashion-MNIST IDX files.
        public var dataDirectory = FashionMNIST.defaultDirectory
        /// Training examples n (Fashion-MNIST: drawn from the first 10,000 training images).
        public var train = 1000
        /// Held-out test examples (Fashion-MNIST: drawn from the 10,000 test images).
        public var test = 1000
        /// Teacher-student only: input dimension and number of classes.
        public var inputs = 5
        public var classes = 3
        /// `relu` (relu(w . x + b)) or `fourier` (cos and sin of w . x, each counted as a feature).
        public var features = "relu"
        /// Standard deviation of the ReLU offsets b (0: no offsets).
        public var bias = 0.3
        /// Fourier bandwidth: frequencies w ~ N(0, I / bandwidth^2).
        public var bandwidth = 1.0
        /// Independent draws of the random features (and of the label noise).
        public var seeds = 5
        /// The widths: `gridPoints` values log-evenly from `gridFrom * n` to `gridTo * n`,
        /// plus `gridDense * n` around the interpolation threshold (log points within 2% of
        /// one of these are dropped), rounded and deduplicated.
        public var gridFrom = 0.05
        public var gridTo = 8.0
        public var gridPoints = 12
        public var gridDense = [0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25]
        /// Fraction of training labels replaced by a random class in the main curves.
        public var labelNoise = 0.0
        /// Further label-noise fractions for the `noise` figure (empty: no figure).
        public var noiseLevels: [Double] = []
        /// Ridge penalties for the `ridge` figure, on features scaled by 1/sqrt(p) so that a
        /// penalty means the same at every width (empty: no figure).
        public var ridge: [Double] = []
        /// `auto` (normal equations in Double with a Cholesky factorisation, falling back
        /// to the SVD when ill-conditioned) or `gelsd` (LAPACK's SVD solver on every fit).
        public var solver = "auto"

        public init() {}

        public func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            func check(_ ok: Bool, _ key: String, _ expected: String, _ found: String) {
                if !ok { problems.append(ConfigProblem(key: key, expected: expected, found: found)) }
            }
            check(["fashion-mnist", "teacher-student"].contains(data), "data", "`fashion-mnist` or `teacher-student`", data)
            check(["relu", "fourier"].contains(features), "features", "`relu` or `fourier`", features)
            check(["auto", "gelsd"].contains(solver), "solver", "`auto` or `gelsd`", solver)
            check(train >= 2 && train <= 10_000, "train", "a whole number from 2 to 10,000", "\(train)")
            check(test >= 1 && test <= 10_000, "test", "a whole number from 1 to 10,000", "\(test)")
            check(inputs >= 1, "inputs", "a positive whole number", "\(inputs)")
            check(classes >= 2, "classes", "at least 2", "\(classes)")
            check(bias >= 0 && bias.isFinite, "bias", "a finite number >= 0", "\(bias)")
            check(bandwidth > 0 && bandwidth.isFinite, "bandwidth", "a positive number", "\(bandwidth)")
            check(seeds >= 1, "seeds", "a positive whole number", "\(seeds)")
            check(gridFrom > 0 && gridTo > gridFrom && gridTo <= 100, "gridFrom/gridTo",
                  "0 < gridFrom < gridTo <= 100 (multiples of n)", "\(gridFrom), \(gridTo)")
            check(gridPoints >= 2, "gridPoints", "at least 2", "\(gridPoints)")
            check(gridDense.allSatisfy { $0 > 0 && $0 <= 100 }, "gridDense", "multiples of n between 0 and 100", "\(gridDense)")
            check((0...1).contains(labelNoise), "labelNoise", "a fraction from 0 to 1", "\(labelNoise)")
            check(noiseLevels.allSatisfy { (0...1).contains($0) }, "noiseLevels", "fractions from 0 to 1", "\(noiseLevels)")
            check(ridge.allSatisfy { $0 > 0 && $0.isFinite }, "ridge", "positive penalties", "\(ridge)")
            return problems
        }

        /// The widths of the sweep, ascending and distinct.
        public var grid: [Int] {
            let n = Double(train)
            var values: [Int] = (0..<gridPoints).map { i in
                let f = gridFrom * Foundation.pow(gridTo / gridFrom, Double(i) / Double(gridPoints - 1))
                return Int((f * n).rounded())
            }
            let dense = gridDense.map { Int(($0 * n).rounded()) }
            // A log point within 2% of a dense one adds nothing but a kink in the curve.
            values = values.filter { v in !dense.contains { abs(Double($0 - v)) <= 0.02 * Double(v) } } + dense
            return Array(Set(values.map { max($0, 1) })).sorted()
        }
    }

    public static let kind = "random-features"
    public static let version = 2
    public static let summary = "Double descent of random-features regression as the number of features crosses the number of examples."
    public static let outputs = ["loss", "norm", "ridge", "noise", "regimes"]
    public static let quickProfile: [String: ConfigValue] = [
        "data": .string("teacher-student"), "train": .int(300), "test": .int(1000), "gridTo": .double(10),
    ]

    public init() {}

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let problems = config.validate()
        if let first = problems.first {
            throw LearningError.invalidSetting(name: first.key, expected: first.expected, found: first.found)
        }
        context.progress("loading data", 0)
        let task: RegressionTask
        if config.data == "fashion-mnist" {
            task = try RegressionTask.fashionMNIST(directory: config.dataDirectory, train: config.train,
                                                   test: config.test, seed: context.seed)
        } else {
            task = RegressionTask.teacherStudent(inputs: config.inputs, classes: config.classes, train: config.train,
                                                 test: config.test, seed: context.seed)
        }
        let grid = config.grid
        let levels = [config.labelNoise] + config.noiseLevels.filter { $0 != config.labelNoise }
        let penalties = [0.0] + config.ridge
        let kind: NestedFeatures.Kind = config.features == "relu" ? .relu(bias: config.bias)
                                                                  : .fourier(bandwidth: config.bandwidth)
        let root = SeededGenerator(seed: context.seed)
        let done = ParallelTrials.Counter()
        let results = try DoubleDescentText.trials(config.seeds, jobs: context.jobs) { s -> RandomFeatureSweep.Result in
            var stream = root.derive(stream: UInt64(s))
            let seed = stream.next()
            let labels = levels.enumerated().map { task.noisyLabels($0.element, seed: seed &+ UInt64($0.offset) &* 7919) }
            let sweep = RandomFeatureSweep(task: task, kind: kind, grid: grid, penalties: penalties, labels: labels,
                                           useSVD: config.solver == "gelsd")
            struct Key: Encodable { var seed: UInt64; var trial: Int }
            let result = try context.trials.value(Self.self, config: config, trial: Key(seed: context.seed, trial: s)) {
                try sweep.run(seed: seed)
            }
            let finished = done.increment()
            context.progress("seed \(finished)/\(config.seeds)", Double(finished) / Double(config.seeds))
            return result
        }
        let summary = RandomFeaturesSummary(config: config, task: task, grid: grid, levels: levels,
                                            penalties: penalties, results: results)
        return summary.cellResult()
    }
}

