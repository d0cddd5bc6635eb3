import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

// MARK: The noisy linear teacher's exact formula

@Test func theExpectedErrorMatchesATwoDimensionalCaseWorkedByHand() {
    // Eigenvalues 1 and 3, step 0.1: q = 0.9 and 0.7. Signal variance 1, noise variance 1.
    // One step:  (1/2) [0.81 + 0.49 + (0.1)^2 / 1 + (0.3)^2 / 3]        = (1/2) 1.34  = 0.67.
    // Two steps: (1/2) [0.6561 + 0.2401 + (0.19)^2 / 1 + (0.51)^2 / 3]  = (1/2) 1.019 = 0.5095.
    let e1 = NoisyTeacher.expectedError(eigenvalues: [1, 3], rate: 0.1, steps: 1, signal: 1, noise: 1)
    let e2 = NoisyTeacher.expectedError(eigenvalues: [1, 3], rate: 0.1, steps: 2, signal: 1, noise: 1)
    #expect(abs(e1 - 0.67) < 1e-12)
    #expect(abs(e2 - 0.5095) < 1e-12)
    // Before training the error is the signal; a zero eigenvalue keeps it for ever.
    #expect(NoisyTeacher.expectedError(eigenvalues: [1, 3], rate: 0.1, steps: 0, signal: 2, noise: 5) == 2)
    #expect(NoisyTeacher.expectedError(eigenvalues: [0, 2], rate: 0.5, steps: 1_000, signal: 1, noise: 0.5)
            == 0.5 * (1 + 0.5 / 2))
}

@Test func theEigenvaluesOfATwoByTwoCovarianceAreTheOnesWorkedByHand() throws {
    // X = [[1, 1], [1, -1]] gives X^T X = 2 I; [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    let x = try Matrix<Double>(rows: 2, columns: 2, storage: [1, 1, 1, -1])
    var c = Matrix<Double>(rows: 2, columns: 2)
    Matrix.gemm(x, transposeA: true, x, into: &c)
    let twice = try SymmetricEigen.eigenvalues(c)
    #expect(twice.allSatisfy { abs($0 - 2) < 1e-12 })
    let values = try SymmetricEigen.eigenvalues(try Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 2]))
    #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
    #expect(throws: TensorError.self) { try SymmetricEigen.eigenvalues(Matrix<Double>(rows: 2, columns: 3)) }
}

@Test func aModeIsBestStoppedAtTheLogarithmOfOnePlusItsSignalToNoise() {
    // Gradient flow: t* = ln(1 + lambda SNR) / lambda; a tiny step approaches it.
    let rate = 1e-3
    for (lambda, snr) in [(1.0, 4.0), (0.25, 2.0), (2.0, 0.5)] {
        let best = NoisyTeacher.bestStep(maxSteps: 20_000) {
            NoisyTeacher.mode(eigenvalue: lambda, rate: rate, steps: Double($0), signal: snr, noise: 1)
        }
        let expected = NoisyTeacher.modeOptimalTime(eigenvalue: lambda, snr: snr)
        #expect(abs(Double(best.step) * rate - expected) < 0.01 * expected, "lambda \(lambda), SNR \(snr)")
    }
    // Cleaner data: a later optimum.
    #expect(NoisyTeacher.modeOptimalTime(eigenvalue: 1, snr: 8) > NoisyTeacher.modeOptimalTime(eigenvalue: 1, snr: 1))
    // The coarse-then-fine search finds the same step as the full scan on a one-valley curve.
    let curve: (Int) -> Double = { NoisyTeacher.mode(eigenvalue: 0.5, rate: 0.01, steps: Double($0), signal: 3, noise: 1) }
    #expect(NoisyTeacher.bestStep(coarse: NoisyTeacherExperiment.recordedSteps(2_000), error: curve).step
            == NoisyTeacher.bestStep(maxSteps: 2_000, error: curve).step)
}

@Test func theMarchenkoPasturLawHasUnitMassAndMeanAlpha() {
    for alpha in [0.5, 1.5, 3.0] {
        let law = MarchenkoPastur(alpha: alpha)
        #expect(abs(law.mean(zero: 1) { _ in 1 } - 1) < 1e-9, "alpha \(alpha)")
        #expect(abs(law.mean(zero: 0) { $0 } - alpha) < 1e-9, "alpha \(alpha)")
        #expect(abs(law.weights.reduce(0, +) - min(alpha, 1)) < 1e-9)
        // More nodes change the learning curve by less than round-off matters here.
        let fine = MarchenkoPastur(alpha: alpha, nodes: 8_000)
        for k in [1.0, 50, 2_000] {
            let a = law.expectedError(rate: 0.1, steps: k, signal: 1, noise: 0.5)
            let b = fine.expectedError(rate: 0.1, steps: k, signal: 1, noise: 0.5)
            #expect(abs(a - b) < 1e-6 * b, "alpha \(alpha), steps \(k)")
        }
    }
    // For alpha > 1 the fully trained student keeps noise / (alpha - 1) (the mean of 1 / lambda).
    let law = MarchenkoPastur(alpha: 2)
    #expect(abs(law.mean(zero: 0) { 1 / $0 } - 1) < 1e-6)
}

@Test func simulatedGradientDescentAgreesWithTheExactFormulaForItsInputs() throws {
    let trial = NoisyTeacherExperiment.Trial(version: 1, dimensions: 20, examples: 30, rate: 0.1, steps: 150, draws: 400,
                                             snr: 1, seed: 11)
    let simulation = NoisyTeacherExperiment.simulate(trial)
    let x = NoisyTeacherExperiment.inputs(dimensions: 20, examples: 30, seed: 11)
    var c = Matrix<Double>(rows: 20, columns: 20)
    Matrix.gemm(x, transposeA: true, x, into: &c)
    let eigenvalues = try SymmetricEigen.eigenvalues(c)
    #expect(simulation.mean[0] > 0.8 && simulation.mean[0] < 1.2)
    for k in [1, 5, 20, 60, 150] {
        let exact = NoisyTeacher.expectedError(eigenvalues: eigenvalues, rate: 0.1, steps: Double(k), signal: 1, noise: 1)
        #expect(abs(simulation.mean[k] - exact) < 0.06 * exact, "step \(k): \(simulation.mean[k]) against \(exact)")
    }
    // The curve falls to a minimum and rises again: it overfits.
    let best = NoisyTeacher.bestStep(maxSteps: 150) { simulation.mean[$0] }
    #expect(best.step > 0 && best.step < 150 && simulation.mean[150] > best.error * 1.2)
}

@Test func aNoisyTeacherCellReportsTheDirectionOfTheOptimalStoppingTime() throws {
    var config = NoisyTeacherExperiment.Config()
    config.dimensions = 30
    config.examples = 45
    config.snrs = [0.5, 4]
    config.time = 50
    config.draws = 200
    let result = try NoisyTeacherExperiment().run(config, context: ExperimentContext(seed: 3))
    #expect(result.metrics["direction.limit"] == 1)
    #expect((result.metrics["s2.best_time_limit"] ?? 0) > (result.metrics["s1.best_time_limit"] ?? 1))
    #expect((result.metrics["agreement.gap_exact"] ?? 1) < 0.2)
    #expect(result.figures.map(\.name) == ["curves", "stopping"])
}

// MARK: Labels, curves and configurations

@Test func corruptionChangesExactlyTheRequestedShareOfLabelsToOtherClasses() throws {
    let labels = (0..<200).map { $0 % 10 }
    let split = DataSplit(features: Matrix(rows: 200, columns: 3), labels: labels)
    var rng = SeededGenerator(seed: 5)
    let (noisy, changed) = try OverfittingData.corrupt(split, share: 0.4, rng: &rng)
    #expect(changed.count == 80 && Set(changed).count == 80)
    #expect(changed.allSatisfy { noisy.labels[$0] != labels[$0] && (0..<10).contains(noisy.labels[$0]) })
    let kept = Set(0..<200).subtracting(changed)
    #expect(kept.allSatisfy { noisy.labels[$0] == labels[$0] })
    var again = SeededGenerator(seed: 5)
    #expect(try OverfittingData.corrupt(split, share: 0.4, rng: &again).0 == noisy)
    var none = SeededGenerator(seed: 5)
    #expect(try OverfittingData.corrupt(split, share: 0, rng: &none).1.isEmpty)
}

@Test func theBestEpochHalfwayPointAndDirectionAreReadOffTheCurves() {
    var curves = EpochCurves()
    for loss in [2.3, 1.0, 0.8, 0.8, 1.1] { curves.record(.validation, loss: loss, accuracy: nil) }
    curves.finish(diverged: false)
    #expect(curves.bestEpoch == 2 && curves.epochsTrained == 4 && curves.finalValidationLoss == 1.1)
    #expect(OverfittingFigures.argmin([3, 1, 1, 2]) == 1)
    #expect(LabelNoiseExperiment.halfwayEpoch([0.1, 0.2, 0.5, 0.9, 0.8]) == 2)
    #expect(LabelNoiseExperiment.halfwayEpoch([0.5, 0.4]).isNaN)
    #expect(NoisyTeacherExperiment.direction([1, 2, 5]) == 1)
    #expect(NoisyTeacherExperiment.direction([5, 2, 1]) == -1)
    #expect(NoisyTeacherExperiment.direction([1, 3, 2]) == 0)
    #expect(RegularizationExperiment.dropoutName(0.2) == "p20" && RegularizationExperiment.dropoutName(0) == "p0")
}

@Test func theOverfittingKindsRefuseSettingsTheyCannotRun() {
    #expect(NoisyTeacherExperiment.Config().validate().isEmpty)
    #expect(LearningCurvesExperiment.Config().validate().isEmpty)
    #expect(LabelNoiseExperiment.Config().validate().isEmpty)
    #expect(RegularizationExperiment.Config().validate().isEmpty)

    var teacher = NoisyTeacherExperiment.Config()
    teacher.rate = 0.5   // (1 + sqrt(1.5))^2 = 4.95: 0.5 x 4.95 > 1.
    #expect(teacher.validate().map(\.key) == ["rate"])
    teacher = NoisyTeacherExperiment.Config()
    teacher.snrs = [2, 1]
    teacher.time = 0.5
    #expect(Set(teacher.validate().map(\.key)) == ["snrs", "time"])

    var noise = LabelNoiseExperiment.Config()
    noise.noise = [0, 0.95]
    noise.data.train = 5
    #expect(Set(noise.validate().map(\.key)) == ["noise", "data.train"])
    // The groups are the `train` kind's; settings the lesson's trial does not vary are refused by name.
    noise = LabelNoiseExperiment.Config()
    noise.model.activation = .tanh
    noise.training.optimizer = .sgd
    noise.data.pixels = 7
    #expect(Set(noise.validate().map(\.key)) == ["model.activation", "training.optimizer", "data.pixels"])

    var regularization = RegularizationExperiment.Config()
    regularization.dropouts = [0.2, 0.5]
    regularization.weightDecays = [1e-4, 1e-3]
    #expect(Set(regularization.validate().map(\.key)) == ["dropouts", "weightDecays"])
    regularization = RegularizationExperiment.Config()
    regularization.dropouts = [0, 0.201, 0.204]
    #expect(regularization.validate().map(\.key) == ["dropouts"])
}

@Test func theRegularizationKindReportsEachSeedsGainAndTrainsTheSharedRunOnce() throws {
    var config = RegularizationExperiment.Config()
    config.widths = [8, 16]
    config.dropouts = [0, 0.5]
    config.weightDecays = [0, 1e-3]
    config.decayWidth = 16
    (config.data.train, config.data.validation, config.data.test, config.training.epochs, config.seeds) = (100, 100, 100, 2, 3)
    let result = try RegularizationExperiment().run(config, context: ExperimentContext(seed: 7, jobs: 2))
    let m = result.metrics, s = result.samples
    // The decay sweep's first run is the grid's 16 units without dropout: the same numbers.
    #expect(s["decay1.final_accuracy"] == s["w16.p0.final_accuracy"])
    for width in [8, 16] {
        let base = try #require(s["w\(width).p0.final_accuracy"]), dropped = try #require(s["w\(width).p50.final_accuracy"])
        let gains = try #require(s["w\(width).dropout_gain"])
        #expect(gains.count == 3)
        for i in 0..<3 { #expect(abs(gains[i] - (dropped[i] - base[i])) < 1e-12) }
        // The mean metric is the mean curve's final value: the mean of the seeds' finals.
        let mean = dropped.reduce(0, +) / 3 - base.reduce(0, +) / 3
        #expect(abs((m["w\(width).dropout_gain"] ?? .nan) - mean) < 1e-9)
    }
    #expect(s["dropout_gain.narrowest"] == s["w8.dropout_gain"] && s["dropout_gain.widest"] == s["w16.dropout_gain"])
    let decayGain = try #require(s["decay.gain"])
    let chosen = m["decay.best"] == 0 ? "decay1" : "decay2"
    let expected = zip(try #require(s[chosen + ".final_accuracy"]), try #require(s["decay1.final_accuracy"])).map { $0 - $1 }
    #expect(decayGain == expected)
}

@Test func aRunMeasuringOnlyTheValidationSplitTrainsTheSameNetwork() throws {
    let spec = OverfittingData.Spec(train: 100, validation: 100, test: 100, noise: 0.2, seed: 7)
    let data = try OverfittingData.load(spec)
    var key = OverfittingTrial.Key(version: OverfittingTrial.version, data: spec, width: 16, dropout: 0.2, weightDecay: 1e-3,
                                   rate: 0.001, epochs: 3, batch: 32, seed: 5)
    let full = try OverfittingTrial.run(key, data: data)
    key.validationOnly = true
    let lean = try OverfittingTrial.run(key, data: data)
    #expect(lean.validationLoss == full.validationLoss && lean.validationAccuracy == full.validationAccuracy)
    #expect(lean.validationLoss.count == 4 && full.testAccuracy.count == 4 && full.memorised.count == 4)
    #expect(lean.trainLoss.isEmpty && lean.testAccuracy.isEmpty && lean.memorised.isEmpty)
}
