import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

// MARK: The noisy quadratic model

@Test func noisyQuadraticClosedFormMatchesTheRecursionStepByStep() {
    let model = NoisyQuadratic(dimensions: 50, noise: 3)
    for (rate, batch) in [(0.05, 1.0), (0.7, 16.0), (1.9, 256.0)] {
        let curve = model.lossCurve(rate: rate, batch: batch, steps: 200)
        for t in [0, 1, 2, 17, 100, 200] {
            let closed = model.expectedLoss(rate: rate, batch: batch, steps: t)
            #expect(abs(closed - curve[t]) <= 1e-10 * max(1, curve[t]), "rate \(rate), batch \(batch), step \(t)")
        }
    }
}

@Test func noisyQuadraticInOneDimensionFollowsTheHandWorkedRecursion() {
    // d = 1, h = 1, x0^2 = 1: E[x1^2] = (1 - a)^2 + a^2 c / B; the loss is half of it.
    let model = NoisyQuadratic(dimensions: 1, noise: 4)
    let a = 0.3, b = 8.0
    let second1 = 0.49 + 0.09 * 4 / 8
    #expect(abs(model.expectedLoss(rate: a, batch: b, steps: 1) - 0.5 * second1) < 1e-15)
    let second2 = 0.49 * second1 + 0.09 * 4 / 8
    #expect(abs(model.expectedLoss(rate: a, batch: b, steps: 2) - 0.5 * second2) < 1e-15)
    // Stationary value s = a c / (B (2 - a h)).
    let stationary = 0.5 * a * 4 / (b * (2 - a))
    #expect(abs(model.expectedLoss(rate: a, batch: b, steps: 10_000) - stationary) < 1e-12)
}

@Test(arguments: [(0.02, 1.0), (0.3, 4.0), (1.2, 64.0), (1.99, 1024.0), (1.5, 1.0)])
func noisyQuadraticStepsToTargetIsTheFirstCrossingOfTheCurve(rate: Double, batch: Double) {
    let model = NoisyQuadratic(dimensions: 40, noise: 2)
    let target = 0.4
    let curve = model.lossCurve(rate: rate, batch: batch, steps: 5_000)
    let scanned = curve.firstIndex { $0 <= target }
    #expect(model.stepsToTarget(rate: rate, batch: batch, target: target, cap: 5_000) == scanned)
}

@Test func noisyQuadraticNeverReachesATargetBelowItsNoiseFloor() {
    let model = NoisyQuadratic(dimensions: 10, noise: 50)
    // With this much noise the stationary loss of a large rate is far above the target.
    #expect(model.stepsToTarget(rate: 1, batch: 1, target: 0.1, cap: 100_000) == nil)
    #expect(model.stepsToTarget(rate: 2.5, batch: 1_000, target: 0.1, cap: 100_000) == nil)
}

@Test func noisyQuadraticShowsLinearScalingThenSaturation() throws {
    var config = NoisyQuadraticExperiment.Config()
    config.dimensions = 300
    config.ratesPerDecade = 20
    let (_, outcome) = NoisyQuadraticExperiment.solve(config)
    let m = ScalingMetrics.compute(batchSizes: outcome.batchSizes, bestRates: outcome.bestRates,
                                   bestSteps: outcome.bestSteps, slopeMaxBatch: config.slopeMaxBatch)
    let slope = try #require(m["slope.best_rate"])
    #expect(slope >= 0.5 && slope <= 1.5)
    #expect(try #require(m["steps.drop_to_knee"]) >= 4)
    #expect(try #require(m["steps.gain_per_doubling_after_knee"]) <= 1.5)
    // Every best rate is below the stability limit 2 / h_1 = 2.
    #expect(outcome.bestRates.allSatisfy { ($0 ?? 0) < 2 })
}

// MARK: Summaries

@Test func scalingFitRecoversAnExactCurve() throws {
    let sizes = [1, 4, 16, 64, 256, 1024]
    let steps: [Double?] = sizes.map { 50 * (1 + 120 / Double($0)) }
    let fit = try #require(ScalingFit.fit(batchSizes: sizes, steps: steps))
    #expect(abs(fit.minimumSteps - 50) < 1e-6)
    #expect(abs(fit.criticalBatch - 120) < 1e-6)
}

@Test func scalingMetricsOfPerfectScalingThenAFloor() throws {
    // Steps halve up to batch 64, then stay at 100.
    let sizes = [8, 16, 32, 64, 128, 256]
    let steps: [Double?] = [800, 400, 200, 100, 100, 100]
    let rates: [Double?] = [0.1, 0.2, 0.4, 0.8, 0.8, 0.8]
    let m = ScalingMetrics.compute(batchSizes: sizes, bestRates: rates, bestSteps: steps, slopeMaxBatch: 64)
    #expect(abs(m["slope.best_rate"]! - 1) < 1e-12)
    #expect(m["steps.knee_batch"] == 32)
    #expect(m["steps.drop_to_knee"] == 4)
    #expect(abs(m["steps.gain_per_doubling_before_knee"]! - 2) < 1e-12)
    #expect(abs(m["steps.gain_per_doubling_after_knee"]! - Foundation.pow(2, 1.0 / 3)) < 1e-12)
}

@Test func crossingOfTheSeedMeanInterpolatesBetweenMeasuredSteps() {
    func trial(_ accuracy: [Double], reached: Double?) -> SGDTrial.Result {
        SGDTrial.Result(steps: Array([0, 10, 20, 40].prefix(accuracy.count)), validationLoss: accuracy.map { _ in 1 },
                        validationAccuracy: accuracy, stepsToTarget: reached, diverged: false, budgetLoss: 1,
                        budgetAccuracy: 0.5, stepsTaken: 40, examples: 0, seconds: 0, stepLosses: [])
    }
    // Mean accuracies: 0.1, 0.5, 0.7, ...: the target 0.6 is crossed halfway from 10 to 20.
    let a = trial([0.1, 0.4, 0.6, 0.9], reached: 20)
    let b = trial([0.1, 0.6, 0.8], reached: 10)   // stopped after reaching; counts with 0.8 after
    #expect(abs(BatchSweep.crossing([a, b], target: 0.6) - 15) < 1e-12)
    #expect(BatchSweep.crossing([a, b], target: 0.95) == .infinity)
    var diverged = trial([0.1, 0.2], reached: nil)
    diverged.diverged = true
    #expect(BatchSweep.crossing([a, diverged], target: 0.6) == .infinity)
}

@Test func evaluationStepsStartAtZeroAndIncludeTheBudgetAndTheCap() {
    let steps = SGDTrial.evaluationSteps(first: 4, growth: 1.5, budget: 25, cap: 60)
    #expect(steps == [0, 4, 6, 9, 14, 21, 25, 32, 48, 60])
}

@Test func averagePoolingHalvesEachSide() {
    var image = Matrix<Float>(rows: 1, columns: 16)
    for i in 0..<16 { image[0, i] = Float(i) }
    let pooled = BatchData.pool2x2(image, side: 4)
    #expect(pooled.storage == [2.5, 4.5, 10.5, 12.5])
}

@Test func badGridSettingsNameTheirKeys() {
    var config = BatchLRGridExperiment.Config()
    config.batchSizes = [64, 8]
    config.learningRates = [0.1]
    config.target = 1.5
    let keys = Set(config.validate().map(\.key))
    #expect(keys == ["batchSizes", "learningRates", "target"])
    // An unknown data source is refused while decoding, with the names it accepts.
    let grid = AnyExperiment(BatchLRGridExperiment.self)
    var values = grid.defaults
    guard case .object(var data) = values["data"] else { Issue.record("no data group"); return }
    data["source"] = .string("cifar")
    values["data"] = .object(data)
    #expect { try grid.check(values) } throws: { error in
        guard case DecodingError.dataCorrupted(let context) = error else { return false }
        return context.debugDescription.hasPrefix("expected one of") && context.debugDescription.contains("fashion-mnist, clusters")
    }
    // The shared data group: a source the batch-size trial cannot load is refused by name.
    config = BatchLRGridExperiment.Config()
    config.data.source = .spiral
    config.model.activation = .tanh
    #expect(Set(config.validate().map(\.key)) == ["data.source", "model.activation"])
    #expect(BatchLRGridExperiment.Config().validate().isEmpty)
    #expect(NoisyQuadraticExperiment.Config().validate().isEmpty)
}

// MARK: The sweep

/// A small synthetic sweep: quick to run, enough to check caching and determinism.
private func smallConfig() -> BatchLRGridExperiment.Config {
    var c = BatchLRGridExperiment.Config()
    c.data.source = .clusters
    c.data.train = 400
    c.data.validation = 200
    c.model.hidden = [8]
    c.batchSizes = [8, 32, 128]
    c.learningRates = [0.1, 0.4]
    c.seeds = 2
    c.noiseLargeBatch = 128
    c.throughputExamples = 400
    c.theoryDimensions = 50
    return c
}

@Test func sweepIsTheSameWithOneJobOrTwoAndFromItsTrialCache() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-size-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let experiment = BatchLRGridExperiment()
    let config = smallConfig()
    let one = try experiment.run(config, context: ExperimentContext(seed: 5, jobs: 1))
    let cached = ExperimentContext(seed: 5, jobs: 2, trials: TrialCache(directory: folder))
    let two = try experiment.run(config, context: cached)
    let stored = try FileManager.default.contentsOfDirectory(atPath: folder.path).count
    #expect(stored == 3 * 2 * 2 + 2 * 2)   // every grid trial plus a noise pair per seed
    let again = try experiment.run(config, context: cached)
    func numbers(_ r: CellResult) -> [String: Double] { r.metrics.filter { !$0.key.hasPrefix("throughput") } }
    func same(_ a: [String: Double], _ b: [String: Double]) -> Bool {
        a.keys == b.keys && a.allSatisfy { k, v in v == b[k]! || (v.isNaN && b[k]!.isNaN) }
    }
    #expect(same(numbers(one), numbers(two)))
    #expect(same(numbers(two), numbers(again)))
    #expect(one.series == two.series)
    #expect(one.samples.keys == two.samples.keys && one.samples["noise.small_variation"] == two.samples["noise.small_variation"])
    #expect(one.samples["slope.best_rate"]?.count == 2 && one.samples["steps.drop_to_knee"]?.count == 2)
    // The noise metric is the mean of the seeds' pairs.
    let small = try #require(one.samples["noise.small_variation"])
    #expect(abs(small.reduce(0, +) / 2 - (one.metrics["noise.small_variation"] ?? .nan)) < 1e-12)
}

@Test func withOneSeedThePerSeedScalingNumbersAreTheCellsOwn() throws {
    var config = smallConfig()
    config.seeds = 1
    let result = try BatchLRGridExperiment().run(config, context: ExperimentContext(seed: 5, jobs: 2))
    for name in BatchLRGridExperiment.perSeedScaling {
        let own = try #require(result.metrics[name]), sample = try #require(result.samples[name]?.first)
        #expect(own == sample || (own.isNaN && sample.isNaN), "\(name)")
    }
}

@Test func quickSweepMakesTheLessonsClaimsTrue() throws {
    var config = BatchLRGridExperiment.Config()
    let decoder = JSONDecoder()
    var values = AnyExperimentDefaults.encode(config)
    for (k, v) in BatchLRGridExperiment.quickProfile {
        // The groups' quick settings change some of a group's fields, not the whole group.
        if case .object(let quick) = v, case .object(var group) = values[k] {
            for (field, value) in quick { group[field] = value }
            values[k] = .object(group)
        } else {
            values[k] = v
        }
    }
    config = try decoder.decode(BatchLRGridExperiment.Config.self, from: JSONEncoder().encode(values))
    #expect(config.data.source == .clusters)
    let result = try BatchLRGridExperiment().run(config, context: ExperimentContext(seed: 3, jobs: 2, quick: true))
    let m = result.metrics
    let slope = try #require(m["slope.best_rate"])
    #expect(slope >= 0.5 && slope <= 1.5)
    #expect(try #require(m["steps.drop_to_knee"]) >= 4)
    #expect(try #require(m["steps.gain_per_doubling_after_knee"]) <= 1.5)
    #expect(try #require(m["noise.small_variation"]) > (try #require(m["noise.large_variation"])))
    #expect(result.figures.map(\.name) == ["heatmap-loss", "heatmap-accuracy", "best-rate", "steps", "noise", "throughput"])
}

/// Encodes a configuration into plain values, as the notebook merges overrides.
private enum AnyExperimentDefaults {
    static func encode<C: Encodable>(_ config: C) -> [String: ConfigValue] {
        guard let data = try? JSONEncoder().encode(config),
              let values = try? JSONDecoder().decode([String: ConfigValue].self, from: data) else { return [:] }
        return values
    }
}

// MARK: The lesson

// MARK: Which trials failed

func finishedTrial(accuracy: Double, loss: Double, diverged: Bool = false) -> SGDTrial.Result {
    SGDTrial.Result(steps: [0, 10], validationLoss: [2.3, loss], validationAccuracy: [0.1, accuracy], stepsToTarget: nil,
                    diverged: diverged, budgetLoss: loss, budgetAccuracy: accuracy, stepsTaken: 10, examples: 0,
                    seconds: 0, stepLosses: [])
}

@Test func aRunThatEndsNearChanceCountsAsCollapsed() {
    let rule = FailureRule(classes: 10, margin: 0.2)
    #expect(abs(rule.accuracyFloor - 0.3) < 1e-12)
    #expect(abs(rule.lossCeiling - Foundation.log(10)) < 1e-12)
    // A network whose loss never blew up but whose accuracy fell to 18%: collapsed.
    #expect(rule.outcome(finishedTrial(accuracy: 0.18, loss: 2.1)) == .collapsed)
    // Accuracy well above chance but a loss worse than a uniform guess: collapsed.
    #expect(rule.outcome(finishedTrial(accuracy: 0.49, loss: 2.88)) == .collapsed)
    #expect(rule.outcome(finishedTrial(accuracy: 0.5, loss: .nan)) == .collapsed)
    // Poor but learning, and healthy.
    #expect(rule.outcome(finishedTrial(accuracy: 0.36, loss: 1.7)) == .healthy)
    #expect(rule.outcome(finishedTrial(accuracy: 0.85, loss: 0.45)) == .healthy)
    // Divergence is its own outcome, whatever was measured before it.
    #expect(rule.outcome(finishedTrial(accuracy: 0.85, loss: 0.45, diverged: true)) == .diverged)
}

@Test func collapsedRunsAreCountedAndHatchedLikeDivergedOnes() {
    var config = BatchLRGridExperiment.Config()
    config.batchSizes = [8, 16, 32]
    config.learningRates = [0.1, 0.8]
    config.seeds = 2
    let healthy = finishedTrial(accuracy: 0.85, loss: 0.45)
    // Grid order: batch, then rate, then seed. Batch 8 at 0.8: one seed collapses; batch
    // 16 at 0.8: one diverges.
    var flat = [SGDTrial.Result](repeating: healthy, count: 12)
    flat[2] = finishedTrial(accuracy: 0.15, loss: 2.2)
    flat[7] = finishedTrial(accuracy: 0.2, loss: 1e3, diverged: true)
    let sweep = BatchSweep(config: config, keys: [], results: flat)
    let m = sweep.metrics()
    #expect(m["trials.collapsed"] == 1)
    #expect(m["trials.diverged"] == 1)
    #expect(m["trials.failed"] == 2)
    let grid = sweep.budgetGrid { $0.budgetAccuracy }
    #expect(grid[0][1].isNaN && grid[1][1].isNaN)
    #expect(grid[0][0] == 0.85 && grid[2][1] == 0.85)
    #expect(sweep.notes() == ["batch 8, rate 0.8: 1 of 2 seeds failed (1 collapsed)",
                              "batch 16, rate 0.8: 1 of 2 seeds failed (1 diverged)"])
}
