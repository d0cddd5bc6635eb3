import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

// MARK: The learning-rate grid and the good range

private func trial(_ loss: Double, diverged: Bool = false) -> OptimizerTrial.Result {
    OptimizerTrial.Result(curves: EpochCurves(diverged: diverged, validationLoss: [2.3, loss], validationAccuracy: [0.1, 0.8],
                                              finalTrainLoss: diverged ? .nan : loss, finalTrainAccuracy: diverged ? .nan : 0.8,
                                              finalValidationLoss: diverged ? .nan : loss,
                                              finalValidationAccuracy: diverged ? .nan : 0.8),
                          divergedAt: diverged ? 0.5 : nil, binLoss: [])
}

private func sweep(_ losses: [[Double?]], rates: [Double]) -> RateSensitivity {
    RateSensitivity(name: "x", label: "X", rates: rates,
                    trials: losses.map { seeds in seeds.map { $0.map { trial($0) } ?? trial(.nan, diverged: true) } },
                    tolerance: 0.1)
}

@Test func rateGridSpansItsDecadesWithExactlyTheSameRatesInEveryCell() {
    let rates = RateGrid.rates(lowest: 1e-5, highest: 10, perDecade: 3)
    #expect(rates.count == 19)
    #expect(abs(rates[0] / 1e-5 - 1) < 1e-12 && abs(rates[18] / 10 - 1) < 1e-12)
    #expect(rates.contains(1e-3) && rates.contains(1))
    // A grid starting elsewhere produces the very same values where the two overlap.
    #expect(Array(rates[6...]) == RateGrid.rates(lowest: 0.001, highest: 10, perDecade: 3))
    #expect(RateGrid.isOnGrid(0.1, perDecade: 3) && !RateGrid.isOnGrid(0.3, perDecade: 3))
    #expect([3e-4, 1e-3, 0.0216, 0.1, 4.64, 10, 9.996e-4].map(RateGrid.label) == ["3e-4", "1e-3", "0.022", "0.1", "4.6", "10", "1e-3"])
}

@Test func theGoodRangeEndsWhereTheCurveCrossesTheTolerance() throws {
    // Mean losses 1.0, 0.5, 0.52, 0.8 at rates 1e-3 ... 1: best 0.5, threshold 0.55.
    let s = sweep([[1.0, 1.0], [0.45, 0.55], [0.52, 0.52], [0.8, 0.8]], rates: [1e-3, 1e-2, 1e-1, 1])
    #expect(s.bestIndex == 1)
    #expect(abs(s.threshold - 0.55) < 1e-12)
    let g = try #require(s.goodRange)
    // Left: a tenth of the way from 1e-2 (0.5) to 1e-3 (1.0). Right: 0.03 / 0.28 of the way from 0.1 to 1.
    #expect(abs(log10(g.low) - (-2.1)) < 1e-12)
    #expect(abs(log10(g.high) - (-1 + 0.03 / 0.28)) < 1e-12)
    #expect(!g.openLow && !g.openHigh)
    #expect(abs(s.goodDecades - (1.1 + 0.03 / 0.28)) < 1e-12)
    #expect(s.lossSpread(1).low == 0.45 && s.lossSpread(1).high == 0.55)
}

@Test func aDivergedSeedRulesItsRateOutAndStopsTheGoodRange() throws {
    // The best mean is at the lowest rate; the next rate lost one seed, the last both.
    let s = sweep([[0.5, 0.5], [0.4, nil], [nil, nil]], rates: [0.01, 0.1, 1])
    #expect(s.meanLoss(1).isNaN && s.divergedCount(1) == 1 && s.divergedCount(2) == 2)
    #expect(s.bestIndex == 0)
    let g = try #require(s.goodRange)
    #expect(g.low == 0.01 && g.high == 0.01 && g.openLow && !g.openHigh)
    #expect(s.goodDecades == 0)
    #expect(s.lowestDivergingRate == 0.1 && s.divergedTrials == 3)
    #expect(sweep([[nil], [nil]], rates: [0.1, 1]).bestIndex == nil)
}

@Test func epochsToTargetInterpolatesBetweenEpochs() {
    #expect(abs(ActivationsExperiment.epochsTo(0.8, [0.1, 0.7, 0.9]) - 1.5) < 1e-12)
    #expect(ActivationsExperiment.epochsTo(0.8, [0.1, 0.7]).isNaN)
    #expect(InitializationExperiment.metricName("too small") == "too_small")
}

// MARK: Sweeps: determinism, the cache, shared trials

private func tinySensitivity() -> OptimizerSensitivityExperiment.Config {
    var c = OptimizerSensitivityExperiment.Config()
    c.data.source = .clusters
    c.data.train = 300
    c.data.validation = 100
    c.model.hidden = [8]
    c.optimizers = [.sgd, .momentum, .adam]
    c.lowestRate = 0.01
    c.highestRate = 1
    c.ratesPerDecade = 1
    c.seeds = 2
    c.training.epochs = 2
    return c
}

@Test func theSweepIsTheSameWithOneJobOrTwoAndSharesTrialsWithTheScheduleCell() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("optimizer-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = tinySensitivity()
    let one = try OptimizerSensitivityExperiment().run(config, context: ExperimentContext(seed: 4, jobs: 1))
    let cached = ExperimentContext(seed: 4, jobs: 2, trials: TrialCache(directory: folder))
    let two = try OptimizerSensitivityExperiment().run(config, context: cached)
    func same(_ a: [String: Double], _ b: [String: Double]) -> Bool {
        a.keys == b.keys && a.allSatisfy { k, v in v == b[k]! || (v.isNaN && b[k]!.isNaN) }
    }
    #expect(same(one.metrics, two.metrics))
    #expect(one.series == two.series && one.tables == two.tables)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 3 * 3 * 2)
    #expect(same(try OptimizerSensitivityExperiment().run(config, context: cached).metrics, one.metrics))
    #expect(one.figures.map(\.name) == ["sensitivity", "curves"])

    // The schedule cell on the same network, optimiser and grid runs its constant
    // schedule from the sensitivity sweep's momentum trials.
    var schedules = LRSchedulesExperiment.Config()
    schedules.data.source = .clusters
    schedules.data.train = 300
    schedules.data.validation = 100
    schedules.model.hidden = [8]
    schedules.ratesPerDecade = 1
    schedules.seeds = 2
    schedules.training.epochs = 2
    let result = try LRSchedulesExperiment().run(schedules, context: cached)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 3 * 3 * 2 + 3 * 3 * 2)
    #expect(result.metrics["constant.best_loss"] == one.metrics["momentum.best_loss"])
    #expect(result.figures.map(\.name) == ["schedules", "base-rates"])
}

// MARK: The lesson

@Test func theOptimiserLessonRendersInQuickModeWithItsClaimsHolding() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let lesson = root.appendingPathComponent("lessons/06-optimizers-and-initialization.md")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("optimizer-lesson-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let renderer = LessonRenderer(catalogue: Catalogue.byKind,
                                  options: RenderOptions(outputRoot: folder.appendingPathComponent("out"),
                                                         cacheDirectory: folder.appendingPathComponent("cache"),
                                                         quick: true, jobs: 2, formats: ["png"]))
    let outcome = try renderer.render(lessonAt: lesson)
    #expect(outcome.failedClaims.isEmpty, "\(outcome.failedClaims)")
    #expect(outcome.manifest.cells.map(\.kind) == ["optimizer-sensitivity", "lr-schedules", "initialization", "activations"])
    #expect(outcome.manifest.cells.flatMap(\.claims).count >= 6)
}
