@testable import Experiments
import Foundation
import Learning
import Notebook
import Tensor
import Testing

// MARK: - Solvers

@Test func fastSweepAgreesWithLAPACKsSVDSolverAcrossTheThreshold() throws {
    let task = RegressionTask.teacherStudent(inputs: 5, classes: 3, train: 40, test: 200, seed: 3)
    let labels = [task.trainLabels, task.noisyLabels(0.2, seed: 9)]
    for kind in [NestedFeatures.Kind.relu(bias: 0.3), .fourier(bandwidth: 1)] {
        var sweep = RandomFeatureSweep(task: task, kind: kind, grid: [5, 20, 36, 40, 44, 60, 200],
                                       penalties: [0, 0.01], labels: labels)
        let fast = try sweep.run(seed: 5)
        sweep.useSVD = true
        let reference = try sweep.run(seed: 5)
        for (a, b) in zip(fast.testLoss, reference.testLoss) { #expect(abs(a - b) <= 1e-6 * max(1, b), "\(kind): \(a) vs \(b)") }
        for (a, b) in zip(fast.norm, reference.norm) { #expect(abs(a - b) <= 1e-6 * max(1, b)) }
        #expect(fast.testError == reference.testError)
        for (a, b) in zip(fast.trainLoss, reference.trainLoss) { #expect(abs(a - b) <= 1e-8) }
    }
}

// MARK: - Features and data

@Test func nestedFeaturesAreTheSameColumnsWhateverTheChunking() {
    var rng = SeededGenerator(seed: 2)
    let x = rng.normalMatrix(rows: 4, columns: 3, as: Double.self)
    for kind in [NestedFeatures.Kind.relu(bias: 0.5), .fourier(bandwidth: 2)] {
        let features = NestedFeatures(kind: kind, inputs: 3, count: 9, seed: 1)
        let whole = features.columns(x, 0..<9)
        let head = features.columns(x, 0..<5), tail = features.columns(x, 5..<9)
        for r in 0..<4 {
            for c in 0..<9 {
                let part = c < 5 ? head[r, c] : tail[r, c - 5]
                #expect(whole[r, c] == part)
            }
        }
    }
}

@Test func fourierFeaturesComeInCosineSinePairsThatCountTwice() {
    let x = try! Matrix<Double>([[0.3, -0.2]])
    let features = NestedFeatures(kind: .fourier(bandwidth: 1), inputs: 2, count: 5, seed: 4)
    #expect(features.weights.rows == 3)
    let phi = features.columns(x, 0..<5)
    #expect(phi.columns == 5)
    for pair in 0..<2 {
        let c = phi[0, 2 * pair], s = phi[0, 2 * pair + 1]
        #expect(abs(c * c + s * s - 1) < 1e-12)
    }
}

@Test func fashionMNISTSubsetIsReadAndStandardised() throws {
    let directory = FashionMNIST.defaultDirectory
    let file = try FashionMNIST.load(split: .train, limit: 4, directory: directory)
    #expect(file.count == 4)
    #expect(file.labels == [9, 0, 0, 3])   // ankle boot, T-shirt, T-shirt, dress
    let task = try RegressionTask.fashionMNIST(directory: directory, train: 50, test: 20, seed: 1)
    #expect(task.trainInputs.rows == 50 && task.trainInputs.columns == 784 && task.testInputs.rows == 20)
    let meanSquare = task.trainInputs.storage.reduce(0) { $0 + $1 * $1 } / 50
    #expect(abs(meanSquare - 1) < 1e-9)
    #expect(abs(task.trainInputs.columnSums.reduce(0, +)) < 1e-6)
}

@Test func aMissingDataFolderGivesAMessageNamingTheFile() {
    #expect {
        _ = try RegressionTask.fashionMNIST(directory: "/nonexistent", train: 10, test: 10, seed: 1)
    } throws: { error in
        "\(error)".contains("/nonexistent/train-images-idx3-ubyte.gz") && "\(error)".contains("not found")
    }
}

@Test func labelNoiseReplacesAboutTheRequestedFraction() {
    let task = RegressionTask.teacherStudent(inputs: 4, classes: 5, train: 4000, test: 1, seed: 1)
    let noisy = task.noisyLabels(0.5, seed: 2)
    let changed = Double(zip(noisy, task.trainLabels).filter { $0 != $1 }.count) / 4000
    // Half are redrawn, and a redrawn label keeps its class one time in five.
    #expect(abs(changed - 0.4) < 0.03)
}

// MARK: - Configuration

@Test func gridIsDenseAroundTheThresholdAndSpansTheRange() {
    var config = RandomFeaturesExperiment.Config()
    config.train = 1000
    let grid = config.grid
    #expect(grid.first == 50 && grid.last == 8000)
    for p in [800, 900, 950, 1000, 1050, 1100, 1250] { #expect(grid.contains(p)) }
    #expect(grid == grid.sorted() && Set(grid).count == grid.count)
}

@Test func badSettingsAreReportedByKey() {
    var config = RandomFeaturesExperiment.Config()
    config.seeds = 0
    config.ridge = [-1]
    let keys = config.validate().map(\.key)
    #expect(keys == ["seeds", "ridge"])
    var theory = LinearTheoryExperiment.Config()
    theory.maxFeatures = 10
    #expect(theory.validate().map(\.key) == ["maxFeatures"])
}

// MARK: - Exact linear theory

@Test func linearRiskFormulaMatchesKnownValues() {
    // Well-specified, below the threshold: sigma^2 p / (n - p - 1).
    #expect(LinearRegressionRisk.expected(n: 40, p: 10, signalInModel: 1, signalOutside: 0, noiseVariance: 0.25) == 0.25 * 10 / 29)
    // Above: r^2 (1 - n/p) + sigma^2 n / (p - n - 1).
    let above = LinearRegressionRisk.expected(n: 40, p: 80, signalInModel: 1, signalOutside: 0, noiseVariance: 0.25)!
    #expect(abs(above - (0.5 + 0.25 * 40 / 39)) < 1e-15)
    // Infinite next to the threshold.
    for p in 39...41 { #expect(LinearRegressionRisk.expected(n: 40, p: p, signalInModel: 1, signalOutside: 0, noiseVariance: 0.25) == nil) }
    // Missing signal acts as noise and is paid in full.
    let weak = LinearRegressionRisk.expected(n: 40, p: 10, signalInModel: 0.5, signalOutside: 0.5, noiseVariance: 0.25)!
    #expect(abs(weak - (0.5 + 0.75 * 10 / 29)) < 1e-15)
}

@Test func ordinaryLeastSquaresRiskIsReproducedExactlyInExpectationOverNoise() throws {
    // With X fixed, E|b - beta|^2 over the noise is sigma^2 tr((X^T X)^-1): check the solver
    // path on a draw against that closed form by averaging many noise draws.
    var rng = SeededGenerator(seed: 8)
    let x = rng.normalMatrix(rows: 30, columns: 6, as: Double.self)
    var gram = Matrix<Double>(rows: 6, columns: 6)
    Matrix.gemm(x, transposeA: true, x, into: &gram)
    let inverse = try #require(LeastSquares.solvePositiveDefinite(gram, Matrix.identity(6)))
    let trace = (0..<6).reduce(0.0) { $0 + inverse[$1, $1] }
    var total = 0.0
    let draws = 20_000
    for _ in 0..<draws {
        let y = Matrix(column: (0..<30).map { _ in rng.normal() })
        let b = try LinearTheoryExperiment.minimumNorm(x, y)
        total += b.reduce(0) { $0 + $1 * $1 }
    }
    #expect(abs(total / Double(draws) - trace) / trace < 0.03)
}

// MARK: - The lesson's claims in quick mode

func quickConfig<C: ExperimentConfig>(_ type: C.Type, _ kind: String, _ with: [String: ConfigValue]) throws -> C {
    let experiment = try #require(Catalogue.byKind[kind])
    var values = experiment.defaults
    for (k, v) in experiment.quickProfile { values[k] = v }
    for (k, v) in with { values[k] = v }
    return try experiment.typedConfig(C.self, from: values)
}

@Test func quickRandomFeaturesRunShowsDoubleDescent() throws {
    let config = try quickConfig(RandomFeaturesExperiment.Config.self, "random-features",
                                 ["ridge": .array([.double(0.001), .double(0.01), .double(0.1)]),
                                  "noise_levels": .array([.double(0.1), .double(0.2)])])
    let result = try RandomFeaturesExperiment().run(config, context: ExperimentContext(seed: 4, jobs: 2, quick: true))
    let m = result.metrics
    #expect((0.8...1.25).contains(m["peak.p_over_n"]!))
    #expect(m["train.max_loss_past_1.1n"]! < 1e-4)
    #expect(m["drop.test_loss"]! >= 3)
    #expect(m["drop.test_error"]! >= 3)
    #expect(m["ridge.drop_at_n"]! >= 3)
    #expect(m["noise.growth"]! > 1)
    #expect(m["peak.norm_p"] == m["n"])
    // The peak's height is a median with the range over seeds around it.
    #expect(m["peak.test_loss_low"]! <= m["peak.test_loss"]! && m["peak.test_loss"]! <= m["peak.test_loss_high"]!)
    #expect(m["peak.seed_p_over_n_low"]! >= 0.8 && m["peak.seed_p_over_n_high"]! <= 1.25)
    #expect(result.figures.map(\.name) == ["loss", "norm", "ridge", "noise"])
    #expect(result.tables["regimes"]?.rows.count == 3)
}

@Test func randomFeaturesMeasureEachSeedOnItsOwnCurve() throws {
    var config = try quickConfig(RandomFeaturesExperiment.Config.self, "random-features",
                                 ["ridge": .array([.double(0.01), .double(0.1)]), "noise_levels": .array([.double(0.1), .double(0.2)])])
    config.train = 60
    config.seeds = 1
    let one = try RandomFeaturesExperiment().run(config, context: ExperimentContext(seed: 2, jobs: 2))
    // One seed: its own curve is the median curve, so every per-seed number is the cell's.
    for name in RandomFeaturesSummary.perSeedNames {
        #expect(one.samples[name] == [one.metrics[name]!], "\(name)")
    }
    for name in RandomFeaturesSummary.lowestSeedNames {
        #expect(one.metrics[name + "_seed_low"] == one.metrics[name], "\(name)")
    }
    config.seeds = 3
    let three = try RandomFeaturesExperiment().run(config, context: ExperimentContext(seed: 2, jobs: 2))
    #expect(three.samples["drop.test_error"]?.count == 3 && three.samples["noise.growth"]?.count == 3)
    // The first seed is the same draw whatever the count: its own ratio bounds the lowest.
    #expect(three.metrics["drop.test_loss_seed_low"]! <= one.metrics["drop.test_loss"]!)
}

@Test func randomFeatureResultsDoNotDependOnTheNumberOfJobs() throws {
    var config = try quickConfig(RandomFeaturesExperiment.Config.self, "random-features", [:])
    config.train = 60
    config.seeds = 3
    let one = try RandomFeaturesExperiment().run(config, context: ExperimentContext(seed: 2, jobs: 1))
    let two = try RandomFeaturesExperiment().run(config, context: ExperimentContext(seed: 2, jobs: 2))
    #expect(one.metrics == two.metrics)
}

@Test func quickLinearTheoryMatchesTheExactFormula() throws {
    let config = try quickConfig(LinearTheoryExperiment.Config.self, "linear-theory", [:])
    let result = try LinearTheoryExperiment().run(config, context: ExperimentContext(seed: 4, jobs: 2, quick: true))
    #expect(result.metrics["max_relative_gap"]! <= 0.1)
    #expect(result.metrics["points_checked"]! >= 10)
}

// MARK: - The lesson

