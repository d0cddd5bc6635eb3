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
struct RandomFeaturesExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        /// Where the examples come from.
        enum DataSource: String, ConfigChoice {
            case fashionMNIST = "fashion-mnist"
            case teacherStudent = "teacher-student"
        }
        /// Which random features.
        enum Features: String, ConfigChoice { case relu, fourier }
        /// How each read-out is fitted.
        enum Solver: String, ConfigChoice { case auto, gelsd }

        var data = DataSource.fashionMNIST
        var dataDirectory = FashionMNIST.defaultDirectory
        var train = 1000
        var test = 1000
        var inputs = 5
        var classes = 3
        var features = Features.relu
        var bias = 0.3
        var bandwidth = 1.0
        var seeds = 5
        var gridFrom = 0.05
        var gridTo = 8.0
        var gridPoints = 12
        var gridDense = [0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25]
        var labelNoise = 0.0
        var noiseLevels: [Double] = []
        var ridge: [Double] = []
        var solver = Solver.auto

        static let parameters: [Parameter<Config>] = [
            .choice("data", \.data, "`fashion-mnist` (images of clothing, 10 classes) or `teacher-student` (synthetic: "
                    + "Gaussian inputs labelled by a random linear teacher's largest output)."),
            .text("dataDirectory", "Folder holding the Fashion-MNIST IDX files."),
            .whole("train", \.train, 2...10_000, "Training examples n (Fashion-MNIST: drawn from the first 10,000 training images)."),
            .whole("test", \.test, 1...10_000, "Held-out test examples (Fashion-MNIST: drawn from the 10,000 test images)."),
            .whole("inputs", \.inputs, 1..., "Teacher-student only: input dimension."),
            .whole("classes", \.classes, 2..., "Teacher-student only: number of classes."),
            .choice("features", \.features, "`relu` (relu(w . x + b)) or `fourier` (cos and sin of w . x, each counted as a feature)."),
            .number("bias", \.bias, .nonNegative, "Standard deviation of the ReLU offsets b (0: no offsets)."),
            .number("bandwidth", \.bandwidth, .positive, "Fourier bandwidth: frequencies w ~ N(0, I / bandwidth^2)."),
            .whole("seeds", \.seeds, 1..., "Independent draws of the random features (and of the label noise)."),
            .number("gridFrom", \.gridFrom, .above(0, upTo: 100),
                    "The widths: `grid_points` values log-evenly from `grid_from * n` to `grid_to * n`, plus `grid_dense * n`."),
            .number("gridTo", \.gridTo, .above(0, upTo: 100), "Largest width of the log grid, as a multiple of n (above `grid_from`)."),
            .whole("gridPoints", \.gridPoints, 2..., "Points of the log grid (log points within 2% of a dense one are dropped)."),
            .numbers("gridDense", \.gridDense, .above(0, upTo: 100), .anyLength,
                     "Widths around the interpolation threshold, as multiples of n; rounded and deduplicated with the log grid."),
            .number("labelNoise", \.labelNoise, .fraction, "Fraction of training labels replaced by a random class in the main curves."),
            .numbers("noiseLevels", \.noiseLevels, .fraction, .anyLength, "Further label-noise fractions for the `noise` figure (empty: no figure)."),
            .numbers("ridge", \.ridge, .positive, .anyLength,
                     "Ridge penalties for the `ridge` figure, on features scaled by 1/sqrt(p) so that a penalty means the same at every width (empty: no figure)."),
            .choice("solver", \.solver, "`auto` (normal equations in Double with a Cholesky factorisation, falling back to the SVD "
                    + "when ill-conditioned) or `gelsd` (LAPACK's SVD solver on every fit)."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            checks.require(gridTo > gridFrom, "gridTo", expected: "a multiple of n above grid_from (\(gridFrom))", found: "\(gridTo)")
        }

        /// The widths of the sweep, ascending and distinct.
        var grid: [Int] {
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

    static let kind = "random-features"
    static let version = 3
    static let summary = "Double descent of random-features regression as the number of features crosses the number of examples."
    static let outputs = ["loss", "norm", "ridge", "noise", "regimes"]
    static let metrics: [MetricName] = [
        MetricName("n", "Training examples."),
        MetricName("seeds", "Draws of the random features."),
        MetricName("widths", "Numbers of features p in the sweep."),
        MetricName("peak.p", "The p with the highest mean test loss."),
        MetricName("peak.p_over_n", "That p over n (near 1 at the interpolation threshold). (From the medians over seeds; per seed, from that seed's own curves.)", sampled: true),
        MetricName("peak.test_loss", "Mean test loss at the peak."),
        MetricName("peak.test_loss_low", "Lowest single-seed test loss at the peak's p."),
        MetricName("peak.test_loss_high", "Highest single-seed test loss at the peak's p."),
        MetricName("peak.seed_p_over_n_low", "Smallest p/n at which a single seed's test loss peaks."),
        MetricName("peak.seed_p_over_n_high", "Largest p/n at which a single seed's test loss peaks."),
        MetricName("peak.test_error", "Highest mean test classification error."),
        MetricName("peak.error_p", "The p where the test error peaks."),
        MetricName("peak.norm_p", "The p where the read-out's norm peaks."),
        MetricName("last.<measure>", "At the widest p: `p`, `test_loss`, `test_error`, `norm`."),
        MetricName("at_n.<measure>", "At p = n: `test_loss`, `test_error`, `norm`."),
        MetricName("drop.test_loss", "Peak test loss over the test loss at the widest p. (From the medians over seeds.)"),
        MetricName("drop.test_loss_seed_low", "The lowest value of that ratio over the seeds, each measured on its own curves: a claim that every seed shows it."),
        MetricName("drop.test_error", "Peak test error over the test error at the widest p. (From the medians over seeds; per seed, from that seed's own curves.)", sampled: true),
        MetricName("train.loss_first", "Training loss at the narrowest p."),
        MetricName("train.max_loss_past_1.1n", "Largest training loss of any seed beyond p = 1.1 n (near 0: interpolation)."),
        MetricName("<regime>.best_p", "The `under`- or `over`-parameterised p with the lowest test loss."),
        MetricName("<regime>.best_test_loss", "That lowest test loss."),
        MetricName("<regime>.best_error_p", "The p with the lowest test error in the regime."),
        MetricName("<regime>.best_test_error", "That lowest test error."),
        MetricName("ridge.<index>.at_n", "Test loss at p = n with the ridge penalty of that index (1 is the first)."),
        MetricName("ridge.largest.at_n", "Test loss at p = n with the largest penalty."),
        MetricName("ridge.drop_at_n", "Test loss at p = n without ridge over that with the largest penalty. (From the medians over seeds.)"),
        MetricName("ridge.drop_at_n_seed_low", "The lowest value of that ratio over the seeds, each measured on its own curves: a claim that every seed shows it."),
        MetricName("noise.<index>.near_threshold", "Test loss near p = n at the label-noise level of that index (0: `label_noise`)."),
        MetricName("noise.<index>.last", "Test loss at the widest p at that noise level."),
        MetricName("noise.growth", "How much the peak grows from the lowest to the highest noise level. (From the medians over seeds; per seed, from that seed's own curves.)", sampled: true),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "data": .string("teacher-student"), "train": .int(300), "test": .int(1000), "gridTo": .double(10),
    ]

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        context.progress("loading data", 0)
        let task: RegressionTask
        if config.data == .fashionMNIST {
            task = try RegressionTask.fashionMNIST(directory: config.dataDirectory, train: config.train,
                                                   test: config.test, seed: context.seed)
        } else {
            task = RegressionTask.teacherStudent(inputs: config.inputs, classes: config.classes, train: config.train,
                                                 test: config.test, seed: context.seed)
        }
        let grid = config.grid
        let levels = [config.labelNoise] + config.noiseLevels.filter { $0 != config.labelNoise }
        let penalties = [0.0] + config.ridge
        let kind: NestedFeatures.Kind = config.features == .relu ? .relu(bias: config.bias)
                                                                  : .fourier(bandwidth: config.bandwidth)
        let root = SeededGenerator(seed: context.seed)
        let results = try SweepRunner.run(count: config.seeds, jobs: context.jobs, label: "seed", progress: context.progress) { s -> RandomFeatureSweep.Result in
            var stream = root.derive(stream: UInt64(s))
            let seed = stream.next()
            let labels = levels.enumerated().map { task.noisyLabels($0.element, seed: seed &+ UInt64($0.offset) &* 7919) }
            let sweep = RandomFeatureSweep(task: task, kind: kind, grid: grid, penalties: penalties, labels: labels,
                                           useSVD: config.solver == .gelsd)
            struct Key: Encodable { var seed: UInt64; var trial: Int }
            let result = try context.trials.value(Self.self, config: config, trial: Key(seed: context.seed, trial: s)) {
                try sweep.run(seed: seed)
            }
            return result
        }
        let summary = RandomFeaturesSummary(config: config, task: task, grid: grid, levels: levels,
                                            penalties: penalties, results: results)
        return summary.cellResult()
    }
}

