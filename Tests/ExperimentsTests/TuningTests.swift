import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

// MARK: The search space

private func space(_ entries: [String: [String: [Double]]]) -> SearchSpace { SearchSpace(entries) }

@Test func aWellFormedSpaceGivesItsDimensionsInTheTrialsOrder() {
    let s = space(["depth": ["choice": [1, 2, 3]], "learningRate": ["logUniform": [1e-4, 1]],
                   "batchSize": ["logInt": [16, 512]], "weightDecay": ["uniform": [0, 0.01]], "width": ["int": [16, 20]]])
    #expect(s.problems().isEmpty)
    #expect(s.dimensions.map(\.label) == ["learning_rate", "batch_size", "width", "depth", "weight_decay"])
    let lr = s.dimensions[0].distribution
    #expect(abs(lr.value(at: 0.5) - 1e-2) < 1e-12)
    #expect(abs(lr.unit(of: 1e-3) - 0.25) < 1e-12)
    let batch = s.dimensions[1].distribution
    #expect(batch.value(at: 0) == 16 && batch.value(at: 1) == 512 && batch.value(at: 0.5) == 91)
    let width = s.dimensions[2].distribution
    #expect((0..<5).map { width.value(at: (Double($0) + 0.5) / 5) } == [16, 17, 18, 19, 20])
    #expect(width.value(at: 1) == 20)
    let depth = s.dimensions[3].distribution
    #expect([0.1, 0.5, 0.9].map(depth.value(at:)) == [1, 2, 3])
    #expect(depth.unit(of: 3) == 2.5 / 3)
}

@Test(arguments: [
    (["learningRate": ["logNormal": [1e-4, 1]]], "space.learningRate", "a distribution"),
    (["learningRate": ["logUniform": [1, 1e-4]]], "space.learningRate.logUniform", "a low bound below the high bound"),
    (["learningRate": ["logUniform": [0, 1]]], "space.learningRate.logUniform", "positive bounds"),
    (["weightDecay": ["logUniform": [-1e-6, 1e-2]]], "space.weightDecay.logUniform", "positive bounds"),
    (["width": ["logInt": [16.5, 512]]], "space.width.logInt", "whole-number bounds"),
    (["width": ["uniform": [16, 512]]], "space.width.uniform", "a whole-number distribution"),
    (["momentum": ["uniform": [0, 1]]], "space.momentum", "a hyperparameter of the trial"),
    (["depth": ["choice": []]], "space.depth.choice", "a non-empty list"),
    (["depth": ["choice": [1], "int": [1, 3]]], "space.depth", "exactly one distribution"),
] as [([String: [String: [Double]]], String, String)])
func aMalformedSpaceNamesTheKeyAndWhatWasExpected(entries: [String: [String: [Double]]], key: String, expected: String) {
    let problems = space(entries).problems()
    #expect(problems.count == 1)
    #expect(problems.first?.key == key)
    #expect(problems.first?.expected.contains(expected) == true, "\(problems)")
}

@Test func aMalformedSpaceInALessonIsAnErrorNamingFileLineAndKey() throws {
    let text = """
    ---
    title: T
    seed: 1
    ---

    ```{experiment}
    id: tune
    run: tuning-strategies
    with:
      space:
        learning_rate: {log_uniform: [1, 0.0001]}
        width: {log_int: [16, 64]}
    ```
    """
    func message(_ text: String) -> String {
        do {
            _ = try LessonPlanner(catalogue: Catalogue.byKind).plan(try LessonParser.parse(text, path: "lessons/t.md", name: "t"))
            return "no error"
        } catch {
            return "\(error)"
        }
    }
    let bounds = message(text)
    #expect(bounds.contains("lessons/t.md:11"), "\(bounds)")
    #expect(bounds.contains("tune.space.learning_rate.log_uniform"), "\(bounds)")
    #expect(bounds.contains("a low bound below the high bound"), "\(bounds)")
    let unknown = message(text.replacingOccurrences(of: "log_uniform: [1, 0.0001]", with: "log_normal: [0.0001, 1]"))
    #expect(unknown.contains("lessons/t.md:11") && unknown.contains("tune.space.learning_rate") && unknown.contains("log_normal"),
            "\(unknown)")
}

// MARK: The Gaussian process

@Test func theGaussianProcessMatchesAHandWorkedTwoPointPosterior() throws {
    // Points 0 and 1, targets 1 and 0.5, length scale 1, signal variance 1, noise 0.01.
    // K = [[1.01, k1], [k1, 1.01]], so at x = 0.5 (where both kernel values are k(0.5)):
    // mean = k(0.5) (y1 + y2) / (1.01 + k1), variance = 1 - 2 k(0.5)^2 / (1.01 + k1).
    let h = GaussianProcess.Hyperparameters(lengthScales: [1], signalVariance: 1, noiseVariance: 0.01)
    let gp = try #require(GaussianProcess(points: [[0], [1]], values: [1, 0.5], hyperparameters: h, standardise: false))
    let s5 = 5.0.squareRoot()
    let k1 = (1 + s5 + 5.0 / 3) * exp(-s5)
    let kHalf = (1 + s5 / 2 + 5.0 / 12) * exp(-s5 / 2)
    #expect(abs(k1 - 0.523994) < 1e-6)
    #expect(abs(kHalf - 0.828649) < 1e-6)
    let (mean, variance) = gp.predict([0.5])
    #expect(abs(mean - kHalf * 1.5 / (1.01 + k1)) < 1e-12)
    #expect(abs(mean - 0.810292) < 1e-5)
    #expect(abs(variance - (1 - 2 * kHalf * kHalf / (1.01 + k1))) < 1e-12)
    // log p(y) = -1/2 y'K^-1 y - 1/2 log det K - log 2 pi, with the 2 x 2 inverse by hand.
    let det = 1.01 * 1.01 - k1 * k1
    let quad = (1.01 * (1 + 0.25) - 2 * k1 * 0.5) / det
    #expect(abs(gp.logMarginalLikelihood - (-0.5 * quad - 0.5 * log(det) - log(2 * Double.pi))) < 1e-12)
    // Expected improvement: zero far below a sure best, the gain itself where sure.
    #expect(gp.expectedImprovement([0.5], best: 10) < 1e-12)
    #expect(gp.expectedImprovement([0.5], best: mean) > 0)
}

@Test func maximumLikelihoodPrefersALongLengthScaleForASmoothFunction() throws {
    let xs = (0..<8).map { [Double($0) / 7] }
    let smooth = try #require(GaussianProcess.fitted(points: xs, values: xs.map { $0[0] }, seed: 1))
    let rough = try #require(GaussianProcess.fitted(points: xs, values: xs.map { sin(40 * $0[0]) }, seed: 1))
    #expect(smooth.hyperparameters.lengthScales[0] > rough.hyperparameters.lengthScales[0])
    #expect(smooth.logMarginalLikelihood > (GaussianProcess(points: xs, values: xs.map { $0[0] },
        hyperparameters: .init(lengthScales: [0.05], signalVariance: 1, noiseVariance: 1e-4))?.logMarginalLikelihood ?? 0))
}

// MARK: Strategies on a synthetic objective

/// Known optimum at (0.3, 0.7) with value 1; after e epochs a trial reports f - 0.2 / e,
/// so longer training is better and every rung ranks configurations the same way.
private func synthetic(_ u: [Double], _ epochs: Int) -> (validation: [Double], test: [Double]) {
    let f = 1 - ((u[0] - 0.3) * (u[0] - 0.3) + (u[1] - 0.7) * (u[1] - 0.7))
    let curve = (1...epochs).map { f - 0.2 / Double($0) }
    return (curve, curve.map { $0 - 0.01 })
}

private func trueValue(_ u: [Double]) -> Double { 1 - ((u[0] - 0.3) * (u[0] - 0.3) + (u[1] - 0.7) * (u[1] - 0.7)) }

@Test(arguments: ["grid", "random", "bayesian", "halving", "hyperband", "asha", "median"])
func eachStrategyFindsTheKnownOptimumOfASyntheticObjective(name: String) throws {
    let strategy = try #require(Strategy(name))
    let budget = 9 * 30
    func go<S: Sampler, P: Scheduler>(_ s: S, _ p: P, workers: Int = 1) throws -> Search.Outcome {
        var s = s, p = p
        return try Search.run(sampler: &s, scheduler: &p, budget: budget, workers: workers, round: { $0 },
                              objective: { synthetic($0, $1) })
    }
    func schedule<S: Sampler>(_ s: S) throws -> Search.Outcome {
        switch strategy.scheduler {
        case .full: return try go(s, FullTraining(maxEpochs: 9))
        case .halving: return try go(s, SuccessiveHalving(maxEpochs: 9, eta: 3))
        case .hyperband: return try go(s, Hyperband(maxEpochs: 9, eta: 3))
        case .asha: return try go(s, AsynchronousHalving(maxEpochs: 9, eta: 3), workers: 4)
        case .median: return try go(s, MedianStopping(maxEpochs: 9))
        }
    }
    let outcome: Search.Outcome
    switch strategy.sampler {
    case .grid: outcome = try schedule(GridSampler(gridded: [true, true], levels: 5))
    case .random: outcome = try schedule(RandomSampler(dimensions: 2, seed: 3))
    case .bayesian: outcome = try schedule(BayesianSampler(dimensions: 2, seed: 3, initial: 3, candidates: 512))
    }
    let pick = try #require(outcome.pick)
    #expect(trueValue(outcome.trials[pick].point) >= 0.95, "\(outcome.trials[pick].point)")
    #expect((outcome.spent.last ?? 0) <= budget)
    if strategy.scheduler != .full {
        #expect(outcome.trials.count > 30, "early stopping tries more configurations than full training")
    }
}

/// Proposes the given points in order (the first coordinate is the trial's quality).
private struct ListSampler: Sampler {
    let name = "list"
    var points: [[Double]]
    mutating func propose(observed: [Observation]) -> [Double]? { points.isEmpty ? nil : points.removeFirst() }
}

private func constant(_ u: [Double], _ epochs: Int) -> (validation: [Double], test: [Double]) {
    (Array(repeating: u[0], count: epochs), Array(repeating: u[0], count: epochs))
}

@Test func successiveHalvingPromotesTheBestThirdAsInAWorkedExample() throws {
    // Nine configurations on 1 epoch; the best three (0.9, 0.8, 0.7: trials 1, 5, 3) go on
    // to 3 epochs, the best of those (trial 1) to 9: 9 + 3 * 2 + 1 * 6 = 21 epochs.
    let qualities = [0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4]
    var sampler = ListSampler(points: qualities.map { [$0] })
    var halving = SuccessiveHalving(maxEpochs: 9, eta: 3)
    #expect(halving.brackets == [SuccessiveHalving.Bracket(n: 9, r: 1)])
    let outcome = try Search.run(sampler: &sampler, scheduler: &halving, budget: 21, workers: 1, round: { $0 },
                                 objective: { constant($0, $1) })
    #expect(halving.promotions.map { [$0.trial, $0.from, $0.to] } == [[1, 1, 3], [5, 1, 3], [3, 1, 3], [1, 3, 9]])
    #expect(outcome.trials.map(\.epochs) == [1, 9, 1, 3, 1, 3, 1, 1, 1])
    #expect(outcome.spent.last == 21)
    #expect(outcome.pick == 1)
}

@Test func hyperbandUsesTheBracketsOfLiEtAl() {
    #expect(Hyperband.brackets(maxEpochs: 9, eta: 3).map { [$0.n, $0.r] } == [[9, 1], [5, 3], [3, 9]])
    // Table 1 of Li et al. (2018): R = 81, eta = 3.
    #expect(Hyperband.brackets(maxEpochs: 81, eta: 3).map { [$0.n, $0.r] } == [[81, 1], [34, 3], [15, 9], [8, 27], [5, 81]])
}

@Test func ashaFollowsAWorkedTimelineOnTwoWorkers() throws {
    // eta = 2, rungs 1, 2, 4. t = 0: trials 0 and 1 start. t = 1: trial 0 is alone in its rung
    // (top half of one is nobody), so trial 2 starts; then trial 1 (0.9, top of two) is
    // promoted. t = 2: trial 1 is already promoted, so trial 3 starts on worker 0, and
    // trial 4 on worker 1. t = 3: trial 3 (0.7) is in the top two of five and is promoted;
    // then nobody is promotable and trial 5 starts.
    var sampler = ListSampler(points: [0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2].map { [$0] })
    var asha = AsynchronousHalving(maxEpochs: 4, eta: 2)
    #expect(asha.rungs == [1, 2, 4])
    let outcome = try Search.run(sampler: &sampler, scheduler: &asha, budget: 8, workers: 2, round: { $0 },
                                 objective: { constant($0, $1) })
    let expected = [(0, 0, 0, 1, 0, 1), (1, 1, 0, 1, 0, 1), (2, 0, 0, 1, 1, 2), (1, 1, 1, 2, 1, 2),
                    (3, 0, 0, 1, 2, 3), (4, 1, 0, 1, 2, 3), (3, 0, 1, 2, 3, 4), (5, 1, 0, 1, 3, 4)]
    #expect(outcome.events == expected.map { Search.Event(trial: $0.0, worker: $0.1, fromEpoch: $0.2, toEpoch: $0.3,
                                                          start: $0.4, end: $0.5) })
}

@Test func theMedianRuleStopsATrialBelowTheMedianOfTheOthers() throws {
    var sampler = ListSampler(points: [0.5, 0.9, 0.7, 0.1, 0.8].map { [$0] })
    var median = MedianStopping(maxEpochs: 3)
    let outcome = try Search.run(sampler: &sampler, scheduler: &median, budget: 100, workers: 1, round: { $0 },
                                 objective: { constant($0, $1) })
    // The first three have nobody (or too few) to compare with; 0.1 is below the median 0.6.
    #expect(outcome.trials.map(\.epochs) == [3, 3, 3, 1, 3])
    #expect(median.stopped == [3])
}

@Test func aGridOfThreeLevelsTriesThreeValuesOfEachDimension() {
    let grid = GridSampler(gridded: [true, false, true], levels: 3)
    #expect(grid.points.count == 9)
    #expect(Set(grid.points.map { $0[0] }) == [1.0 / 6, 0.5, 5.0 / 6])
    #expect(Set(grid.points.map { $0[1] }) == [0.5])
    #expect(GridSampler.levels(trials: 9, dimensions: 2) == 3)
    #expect(GridSampler.levels(trials: 8, dimensions: 3) == 2)
}

// MARK: Trials

@Test func trialCurvesResumeFromCheckpointsAndASecondStoreTrainsNothing() throws {
    var group = BatchDataSetup.data(train: 200, validation: 100)
    group.source = .clusters
    group.test = 100
    let spec = TuningData.spec(group, seed: 4)
    let data = try TuningData.load(spec)
    let setting = TuningTrial.Setting([0.05, 32, 16, 1, 1e-4])
    let fresh = TrialStore(data: data, spec: spec, momentum: 0.9, maxEpochs: 4, cache: TrialCache(directory: nil))
    let whole = try fresh.curve(setting, seed: 9, epochs: 4)
    #expect(whole.validation.count == 4)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tuning-trials-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = TrialStore(data: data, spec: spec, momentum: 0.9, maxEpochs: 4, cache: TrialCache(directory: folder))
    let short = try store.curve(setting, seed: 9, epochs: 2)
    #expect(short.validation == Array(whole.validation.prefix(2)))
    let resumed = try store.curve(setting, seed: 9, epochs: 4)
    #expect(resumed == whole)
    #expect(store.trainedEpochs == 4)
    #expect(try store.curve(setting, seed: 9, epochs: 3).validation == Array(whole.validation.prefix(3)))
    #expect(store.trainedEpochs == 4)

    let again = TrialStore(data: data, spec: spec, momentum: 0.9, maxEpochs: 4, cache: TrialCache(directory: folder))
    #expect(try again.curve(setting, seed: 9, epochs: 4) == whole)
    #expect(try again.curve(setting, seed: 9, epochs: 1).validation == [whole.validation[0]])
    #expect(again.trainedEpochs == 0)
}

@Test func aSpaceGivenInACellReplacesTheDefaultWholeWhileTheGroupsMerge() throws {
    let text = """
    ---
    title: T
    seed: 1
    ---

    ```{experiment}
    id: tune
    run: tuning-strategies
    with:
      space:
        learning_rate: {log_uniform: [0.001, 1]}
        width: {log_int: [16, 64]}
      unimportant: width
      model: {hidden: [64, 64]}
      training: {learning_rate: 0.1}
    ```
    """
    let plan = try LessonPlanner(catalogue: Catalogue.byKind).plan(try LessonParser.parse(text, path: "lessons/t.md", name: "t"))
    let config = try #require(plan.cells.first).config
    guard case .object(let space)? = config["space"], case .object(let training)? = config["training"] else {
        Issue.record("space or training is not a mapping: \(config)")
        return
    }
    #expect(Set(space.keys) == ["learning_rate", "width"])
    // The groups merge key by key: the rate given, the batch size and momentum the defaults.
    #expect(training["learning_rate"] == .double(0.1) && training["batch_size"] == .int(64) && training["momentum"] == .double(0.9))
    // The values the space leaves out come from the groups: depth 2 of width 64.
    var values = TuningStrategiesExperiment.Config()
    values.model.hidden = [64, 64]
    #expect(values.fixedValues == [0.05, 64, 64, 2, 1e-5])
    // A model the space cannot describe (unequal widths) is refused by name.
    values.model.hidden = [64, 32]
    #expect(values.validate().map(\.key) == ["model.hidden"])
}

@Test func tuningLessonRendersInQuickModeWithItsClaimsHolding() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let lesson = root.appendingPathComponent("lessons/05-tuning-strategies.md")
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("tuning-lesson-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: temporary) }
    let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: RenderOptions(
        outputRoot: temporary.appendingPathComponent("output"), cacheDirectory: temporary.appendingPathComponent("cache"),
        useCache: false, quick: true, jobs: 2))
    let outcome = try renderer.render(lessonAt: lesson)
    #expect(outcome.failedClaims.isEmpty, "\(outcome.failedClaims)")
    let figures = outcome.folder.appendingPathComponent("figures")
    for name in ["grid-vs-random", "best-vs-budget", "schedulers", "bayes", "parallel", "importance", "validation-vs-test"] {
        #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("tune-\(name).png").path), "\(name)")
    }
}
