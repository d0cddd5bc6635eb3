import Foundation
import Testing
@testable import Experiments
import Learning
import Notebook
import Plot
import Tensor

/// The spiral lesson's experiments: the helpers against closed forms, determinism across
/// job counts, and bad settings.
struct SpiralUntanglingTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func lessonRendersInQuickModeWithEveryClaimHolding() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spiral-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: RenderOptions(
            outputRoot: folder.appendingPathComponent("output"), cacheDirectory: folder.appendingPathComponent("cache"),
            quick: true, jobs: 2))
        let lesson = Self.packageRoot.appendingPathComponent("lessons/02-spiral-untangling.md")
        let outcome = try renderer.render(lessonAt: lesson, path: "lessons/02-spiral-untangling.md")
        #expect(outcome.failedClaims.isEmpty, "failed: \(outcome.failedClaims)")
        let figures = try FileManager.default.contentsOfDirectory(atPath: outcome.folder.appendingPathComponent("figures").path)
        for name in ["narrow-boundary.png", "narrow_layers-training.png", "probe-probe.png", "seeds-seeds.png",
                     "wide-layers.png", "disk-regions.png", "disk-layers.png",
                     "narrow-boundary-animated.png", "narrow-boundary-animated.frames.json",
                     "narrow_layers-layers-animated.png", "narrow_layers-layers-animated.frames.json"] {
            #expect(figures.contains(name), "missing \(name)")
        }
        let report = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("](figures/narrow_layers-layers-animated.png)"))
        #expect(!report.contains("frames.json"))
        // A second render serves every cell, animations included, from the cache: same bytes, no training.
        let animation = outcome.folder.appendingPathComponent("figures/narrow_layers-layers-animated.png")
        let bytes = try Data(contentsOf: animation)
        let again = try renderer.render(lessonAt: lesson, path: "lessons/02-spiral-untangling.md")
        #expect(again.manifest.cells.allSatisfy { $0.cache == "hit" })
        #expect(try Data(contentsOf: animation) == bytes)
        let sidecar = try JSONDecoder().decode(AnimationSidecar.self, from: Data(contentsOf: outcome.folder
            .appendingPathComponent("figures/narrow_layers-layers-animated.frames.json")))
        #expect(sidecar.frames == 40 && sidecar.labels.first == "epoch 0" && sidecar.labels.last == "epoch 2000")
        #expect(bytes.count < 3_000_000, "layers animation is \(bytes.count) bytes")
    }

    @Test func animationFramesAreCapturesEvenlySpacedOverTraining() throws {
        var config = SpiralUntanglingExperiment.Config()
        config.epochs = 20
        config.pointsPerClass = 40
        config.regionResolution = 20
        config.gridLines = 5
        config.frames = 5
        let result = try SpiralUntanglingExperiment().run(config, context: ExperimentContext(seed: 1))
        #expect(result.animations.map(\.name) == ["layers-animated", "boundary-animated"])
        for named in result.animations {
            #expect(named.animation.labels == ["epoch 0", "epoch 5", "epoch 10", "epoch 15", "epoch 20"])
            #expect(named.animation.delays == [150, 150, 150, 150, 2000])
        }
        #expect(result.metrics["frames"] == 5)
        config.frames = 1
        #expect(config.validate().contains { $0.key == "frames" })
    }

    @Test func jacobiEigenvaluesMatchTheClosedForm() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1) and (1, -1) over sqrt 2.
        let (values, vectors) = Untangling.symmetricEigen([[2, 1], [1, 2]])
        #expect(Set(values.map { ($0 * 1e9).rounded() / 1e9 }) == [1, 3])
        let k = values[0] > values[1] ? 0 : 1
        #expect(abs(abs(vectors[0][k]) - 0.5.squareRoot()) < 1e-12)
        #expect(abs(vectors[0][k] - vectors[1][k]) < 1e-12)
        // A diagonal 3 x 3 matrix is already diagonal.
        let (diagonal, _) = Untangling.symmetricEigen([[5, 0, 0], [0, 2, 0], [0, 0, 7]])
        #expect(diagonal == [5, 2, 7])
    }

    @Test func principalComponentsFindTheLongAxisWithAFixedSign() throws {
        // Points along (1, 2, 0) with a little spread along z: the first axis is (1, 2, 0) / sqrt 5.
        var rows: [[Float]] = []
        for i in 0..<50 {
            let t = Float(i - 25) / 5
            rows.append([t, 2 * t, i % 2 == 0 ? 0.01 : -0.01])
        }
        let x = try Matrix(rows)
        let projection = Untangling.Projection.fit(x, rows: 0..<50)
        #expect(!projection.isDirect)
        let axis = projection.axes[0]
        #expect(abs(axis[0] - 1 / 5.0.squareRoot()) < 1e-5)
        #expect(abs(axis[1] - 2 / 5.0.squareRoot()) < 1e-5)
        #expect(projection.explained > 0.9999)
        // Two units are drawn as they are.
        let plane = try Matrix<Float>([[1, 2], [3, 4]])
        let direct = Untangling.Projection.fit(plane, rows: 0..<2)
        #expect(direct.isDirect)
        #expect(direct.apply(plane, rows: 0..<2) == [Point(1, 2), Point(3, 4)])
    }

    @Test func boundaryLineIsClippedToTheBox() throws {
        let segment = try #require(Untangling.clipLine(a: 1, b: 1, c: 0, box: (-1, 1, -1, 1)))
        #expect(Set(segment) == [Point(-1, 1), Point(1, -1)])
        #expect(Untangling.clipLine(a: 1, b: 0, c: -5, box: (-1, 1, -1, 1)) == nil)
        #expect(Untangling.solve3([[2, 0, 0], [0, 4, 0], [1, 0, 1]], [2, 8, 4]) == [1, 2, 3])
    }

    @Test func recoveredBoundaryIsWhereTheNetworkIsUndecided() throws {
        let data = try Datasets.spiral(pointsPerClass: 30, turns: 1, noise: 0.1, seed: 3)
        let network = try Network(input: 2, hidden: [2, 2], output: 2, activation: .tanh, seed: 4)
        let outputs = try network.layerOutputs(data.train.features)
        let hidden = outputs[3], logits = outputs[4]
        let line = try #require(Untangling.boundaryLine(hidden: hidden, logits: logits, rows: 0..<60,
                                                        within: [Point(-5, -5), Point(5, 5)]))
        // The output layer applied to a point on the line gives equal logits.
        let w = network.weights(layer: 2), b = network.bias(layer: 2)
        let mid = Point((line[0].x + line[1].x) / 2, (line[0].y + line[1].y) / 2)
        let z0 = Double(w[0, 0]) * mid.x + Double(w[1, 0]) * mid.y + Double(b[0])
        let z1 = Double(w[0, 1]) * mid.x + Double(w[1, 1]) * mid.y + Double(b[1])
        #expect(abs(z0 - z1) < 1e-3)
    }

    @Test func seedSweepGivesTheSameNumbersWhateverTheJobCount() throws {
        var config = SpiralSeedsExperiment.Config()
        config.seeds = 3
        config.pointsPerClass = 40
        config.variants = [.init(id: "tiny", label: "tiny", hidden: [3], turns: 1, epochs: 30, learningRate: 0.01)]
        let one = try SpiralSeedsExperiment().run(config, context: ExperimentContext(seed: 5, jobs: 1))
        let two = try SpiralSeedsExperiment().run(config, context: ExperimentContext(seed: 5, jobs: 2))
        #expect(one.metrics == two.metrics)
        #expect(one.tables["seed-table"] == two.tables["seed-table"])
    }

    @Test func seedSweepTrainsEveryVariantOnEveryDataDrawAndStatesItsRate() throws {
        var config = SpiralSeedsExperiment.Config()
        config.seeds = 3
        config.pointsPerClass = 40
        config.dataSeeds = [5, 9]
        config.threshold = 0.6
        config.variants = [.init(id: "tiny", label: "tiny", hidden: [3], turns: 1, epochs: 30, learningRate: 0.01)]
        let result = try SpiralSeedsExperiment().run(config, context: ExperimentContext(seed: 5, jobs: 2))
        let m = result.metrics
        #expect(m["runs"] == 6 && m["tiny.runs"] == 6 && m["draws"] == 2)
        let reached = try #require(m["tiny.reached"])
        #expect(reached == (m["tiny.draw0.reached"] ?? -1) + (m["tiny.draw1.reached"] ?? -1))
        let (low, high) = Statistics.wilsonInterval(successes: Int(reached), trials: 6)
        #expect(m["tiny.rate_low"] == low && m["tiny.rate_high"] == high)
        #expect(m["tiny.rate"] == reached / 6)
        #expect(result.tables["seed-table"]?.rows.count == 6)
        #expect(result.tables["rate-table"]?.rows.count == 1)
        // The first data draw is the one a single-draw sweep with the same seed uses.
        var single = config
        single.dataSeeds = []
        let one = try SpiralSeedsExperiment().run(single, context: ExperimentContext(seed: 5, jobs: 2))
        #expect(one.metrics["tiny.draw0.reached"] == m["tiny.draw0.reached"])
        #expect(one.metrics["tiny.lesson_seed"] == m["tiny.lesson_seed"])
    }

    @Test func diskAnnulusSeparatesWithThreeUnitsButNotWithTwo() throws {
        var config = DiskAnnulusExperiment.Config()
        config.seeds = 4
        config.epochs = 300
        config.regionResolution = 40
        let result = try DiskAnnulusExperiment().run(config, context: ExperimentContext(seed: 2, jobs: 2))
        #expect(try #require(result.metrics["width3.min"]) >= 0.99)
        #expect(try #require(result.metrics["width2.min"]) < 0.99)
        #expect(result.figures.map(\.name) == ["seeds", "regions", "layers"])
    }

    @Test func aDivergingRunIsReportedNotThrown() throws {
        var config = SpiralUntanglingExperiment.Config()
        config.learningRate = 1e9
        config.epochs = 20
        config.pointsPerClass = 40
        config.regionResolution = 20
        let result = try SpiralUntanglingExperiment().run(config, context: ExperimentContext(seed: 1))
        #expect(result.metrics["diverged"] == 1)
        #expect(result.metrics["final.train_accuracy"]?.isNaN == true)
        #expect(!result.notes.isEmpty)
    }

    @Test func rankCorrelationMatchesHandComputedValues() {
        #expect(Untangling.rankCorrelation([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(Untangling.rankCorrelation([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        // Ranks (0, 1, 2) against (1, 0, 2): 1 - 6 * 2 / (3 * 8) = 0.5.
        #expect(abs(Untangling.rankCorrelation([1, 2, 3], [5, 4, 6]) - 0.5) < 1e-12)
        #expect(Untangling.rankCorrelation([1, 1, 1], [1, 2, 3]).isNaN)
    }

    @Test func invertibleAndSingularLayersHaveTheExpectedConditionRatio() throws {
        var network = try Network(input: 2, hidden: [2], output: 2, activation: .tanh, seed: 1)
        try network.setWeights(layer: 0, Matrix([[2, 0], [0, 1]]))
        #expect(Untangling.smallestConditionRatio(network) == 0.5)
        try network.setWeights(layer: 0, Matrix([[1, 2], [2, 4]]))
        #expect(try #require(Untangling.smallestConditionRatio(network)) < 1e-6)
    }

    @Test(arguments: [
        ("turns", ConfigValue.double(-1)), ("hidden", .array([])), ("epochs", .int(0)),
        ("snapshots", .array([.int(150)])), ("validation", .double(0.9)),
    ])
    func badSpiralSettingsAreNamed(key: String, value: ConfigValue) throws {
        let kind = try #require(Catalogue.byKind["spiral-untangling"])
        var values = kind.defaults
        values[key] = value
        let problems = try kind.check(values).problems
        #expect(problems.contains { $0.key == key })
    }

    @Test func badDiskSettingsAreNamed() throws {
        var config = DiskAnnulusExperiment.Config()
        config.ring = [0.2, 1]
        config.widths = [2, 2]
        let keys = config.validate().map(\.key)
        #expect(keys.contains("ring"))
        #expect(keys.contains("widths"))
    }
}
