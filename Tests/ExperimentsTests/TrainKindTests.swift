import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

/// The `train` kind: sweeps as data, metric names per point, the trial cache, CSV data
/// sets and every bad input a lesson author can write.
@Suite struct TrainKindTests {
    static let train = Catalogue.byKind["train"]!

    /// A cell of the `train` kind with `with` as its YAML body, planned against the catalogue.
    static func plan(_ with: String, in folder: URL? = nil, overrides: [Override] = []) throws -> CellPlan {
        let text = """
        ---
        title: t
        seed: 4
        ---

        ```{experiment}
        id: mine
        run: train
        with:
        \(with.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        ```
        """
        let path = (folder ?? FileManager.default.temporaryDirectory).appendingPathComponent("t.md").path
        let lesson = try LessonParser.parse(text, path: path, name: "t")
        return try LessonPlanner(catalogue: Catalogue.byKind, overrides: overrides).plan(lesson).cells[0]
    }

    /// The message of the error planning `with` throws.
    static func error(_ with: String, in folder: URL? = nil) -> String {
        do {
            _ = try plan(with, in: folder)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("train-kind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aRangeIsEvenlySpacedInTheLogarithmAndWholeParametersRound() throws {
        var config = TrainExperiment.Config()
        config.sweep = ["training.learningRate": .object(["log": .array([.double(1e-4), .int(1)]), "points": .int(5)]),
                        "training.epochs": .object(["linear": .array([.int(10), .int(20)]), "points": .int(3)])]
        let plan = try config.sweepPlan().get()
        #expect(plan.axes.map(\.path) == ["training.epochs", "training.learning_rate"])
        #expect(plan.axes[1].values == [.double(0.0001), .double(0.001), .double(0.01), .double(0.1), .double(1)])
        #expect(plan.axes[0].values == [.int(10), .int(15), .int(20)])
        #expect(plan.points.count == 15)
        #expect(plan.points[0].name == "epochs_10.learning_rate_0.0001")
        config.zip = true
        #expect(throws: ConfigProblem.self) { try config.sweepPlan().get() }
    }

    @Test func pointsAreNamedByTheirNameOrTheirValue() {
        #expect(SweepPlan.valueName(.double(0.0003), parameter: "learning_rate") == "learning_rate_0.0003")
        #expect(SweepPlan.valueName(.array([.int(64), .int(32)]), parameter: "hidden") == "hidden_64_32")
        #expect(SweepPlan.valueName(.double(-0.5), parameter: "shift") == "shift_minus0.5")
        #expect(SweepPlan.valueName(.double(1e-12), parameter: "epsilon") == "epsilon_1e_minus12")
        #expect(SweepPlan.valueName(.string("leaky_relu(0.1)"), parameter: "activation") == "activation_leaky_relu_0.1_")
    }

    @Test func layersAreReadFromText() {
        #expect(ModelParameters.layer("dense(64)") == .dense(units: 64))
        #expect(ModelParameters.layer("dense(8, nobias)") == .dense(units: 8, bias: false))
        #expect(ModelParameters.layer("dropout(0.25)") == .dropout(rate: 0.25))
        #expect(ModelParameters.layer("tanh") == .activation(.tanh))
        #expect(ModelParameters.layer("dense(0)") == nil)
        #expect(ModelParameters.layer("dropout(1)") == nil)
        #expect(ModelParameters.layer("conv(3)") == nil)
        #expect(ModelParameters.layer("conv(8, 5)") == .convolution(filters: 8, kernel: 5))
        #expect(ModelParameters.layer("conv(8, 5, 2, 2)") == .convolution(filters: 8, kernel: 5, stride: 2, padding: 2))
        #expect(ModelParameters.layer("conv(8, 3, 1, 3)") == nil)
        #expect(ModelParameters.layer("maxpool(2)") == .maxPool(size: 2, stride: 2))
        #expect(ModelParameters.layer("avgpool(3, 1)") == .averagePool(size: 3, stride: 1))
        #expect(ModelParameters.layer("maxpool(0)") == nil)
        #expect(ModelParameters.layer("flatten") == .flatten)
    }

    /// A small CNN written as a layer list trains on images from a CSV file (3 x 3 pixels
    /// whose class is the sign of their sum).
    @Test func aSmallCNNTrainsFromItsLayerList() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = (0..<9).map { "p\($0)" }.joined(separator: ",") + ",class\n"
        var rng = SeededGenerator(seed: 10)
        for _ in 0..<200 {
            let pixels = (0..<9).map { _ in rng.normal() }
            csv += pixels.map { "\($0)" }.joined(separator: ",") + (pixels.reduce(0, +) > 0 ? ",bright\n" : ",dark\n")
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("images.csv"))
        let plan = try Self.plan("data: {source: csv, path: images.csv, target: class}\nmodel: {layers: [\"conv(4, 2)\", relu, \"maxpool(2, 1)\", flatten]}\ntraining: {epochs: 40}\nseeds: 1",
                                 in: folder)
        let result = try Self.train.run(plan.config, context: ExperimentContext(seed: 4, lessonDirectory: folder.path))
        #expect(try #require(result.metrics["final.test_accuracy"]) > 0.75)
    }

    @Test func epochsToTargetInterpolatesFromEpochZero() {
        #expect(TrainTrial.firstCrossing([0.1, 0.5, 0.9], at: 0.7, rising: true) == 1.5)
        #expect(TrainTrial.firstCrossing([0.8, 0.9], at: 0.7, rising: true) == 0)
        #expect(TrainTrial.firstCrossing([2.0, 1.0, 0.5], at: 0.75, rising: false) == 1.5)
        #expect(TrainTrial.firstCrossing([0.1, 0.2], at: 0.7, rising: true).isNaN)
    }

    /// Every point's measures under its name, the per-seed values as samples, the best point.
    @Test func aSweepNamesEveryPointsMetricsAndKeepsTheSeeds() throws {
        let plan = try Self.plan("""
        data: {source: blobs, points: 60, classes: 3}
        model: {hidden: [8]}
        training: {epochs: 30, learning_rate: 0.05}
        seeds: 3
        sweep:
          model.hidden: {small: [2], large: [16]}
        best_within: model.hidden
        plots:
          - {name: acc, type: bars, measure: final.validation_accuracy}
          - {name: curve, type: curves, measure: validation_loss}
          - {name: seeds, type: dots, measure: final.test_accuracy}
          - {name: regions, type: regions}
        """)
        let result = try Self.train.run(plan.config, context: ExperimentContext(seed: plan.seed, jobs: 2))
        for point in ["small", "large"] {
            for measure in ["final.validation_accuracy", "final.test_loss", "best_epoch", "parameters", "diverged"] {
                #expect(result.metrics["\(point).\(measure)"] != nil, "\(point).\(measure)")
            }
            #expect(result.samples["\(point).final.validation_accuracy"]?.count == 3)
            #expect(result.metrics["\(point).best_point.final.test_accuracy"] == result.metrics["\(point).final.test_accuracy"])
        }
        #expect(result.metrics["large.parameters"] == Double(2 * 16 + 16 + 16 * 3 + 3))
        #expect(result.metrics["sweep.trials"] == 6)
        #expect(result.metrics["best_point.index"] != nil)
        let samples = try #require(result.samples["large.final.validation_accuracy"])
        #expect(abs(result.metrics["large.final.validation_accuracy"]! - samples.reduce(0, +) / 3) < 1e-12)
        #expect(result.figures.map(\.name) == ["acc", "curve", "seeds", "regions"])
        #expect(result.tables["points"]?.rows.count == 2)
        #expect(result.tables["trials"]?.rows.count == 6)
    }

    /// A training curve is the mean over each epoch's minibatches, so its first value is
    /// drawn at epoch 1; the validation curve starts with the untrained network at epoch 0.
    @Test func trainingCurvesStartAtEpochOneAndValidationCurvesAtZero() throws {
        let plan = try Self.plan("""
        data: {source: blobs, points: 40, classes: 2}
        training: {epochs: 3}
        seeds: 1
        plots:
          - {name: train, type: curves, measure: train_loss}
          - {name: validation, type: curves, measure: validation_loss}
        """)
        let result = try Self.train.run(plan.config, context: ExperimentContext(seed: plan.seed))
        func xs(_ name: String) throws -> [String] {
            let figure = try #require(result.figures.first { $0.name == name })
            return figure.figure.dataCSV.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[3]) }
        }
        #expect(try xs("train") == ["1", "2", "3"])
        #expect(try xs("validation") == ["0", "1", "2", "3"])
        #expect(try #require(result.figures.first { $0.name == "train" }).caption.contains("during every epoch"))
    }

    /// Adding a seed or a point trains only what is new; the rest comes from the trial cache.
    @Test func addingASeedOrAPointTrainsOnlyWhatIsNew() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ with: String) throws -> TrialCache.Tally.Counts {
            let plan = try Self.plan(with)
            let trials = TrialCache(directory: folder)
            _ = try Self.train.run(plan.config, context: ExperimentContext(seed: plan.seed, jobs: 1, trials: trials))
            return trials.tally.counts
        }
        let base = "data: {source: spiral, points: 40}\ntraining: {epochs: 5}\n"
        let first = try run(base + "seeds: 2\nsweep: {training.learning_rate: [0.01, 0.03]}")
        #expect(first.computed == 4 && first.hits == 0)
        let moreSeeds = try run(base + "seeds: 3\nsweep: {training.learning_rate: [0.01, 0.03]}")
        #expect(moreSeeds.computed == 2 && moreSeeds.hits == 4)
        let morePoints = try run(base + "seeds: 3\nsweep: {training.learning_rate: [0.01, 0.03, 0.1]}")
        #expect(morePoints.computed == 3 && morePoints.hits == 6)
    }

    /// The spiral written to a CSV file and read back trains to exactly the same numbers as
    /// the built-in spiral: same points, same split, same labels.
    @Test func aCSVRoundTripGivesTheSameNumbersAsTheBuiltInSet() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spiral = try Datasets.spiral(pointsPerClass: 50, turns: 1, noise: 0.1, seed: 4)
        var csv = "x1,x2,class\n"
        for i in 0..<spiral.train.count {
            csv += String(format: "%.9g,%.9g,%d\n", Double(spiral.train.features[i, 0]), Double(spiral.train.features[i, 1]),
                          spiral.train.labels[i])
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("spiral.csv"))
        let common = "model: {hidden: [8, 8]}\ntraining: {epochs: 20}\nseeds: 2\n"
        let builtIn = try Self.plan(common + "data: {source: spiral, points: 50, turns: 1}", in: folder)
        let fromFile = try Self.plan(common + "data: {source: csv, path: spiral.csv, target: class}", in: folder)
        #expect(fromFile.inputDigests["data.path"]?.count == 64)
        let a = try Self.train.run(builtIn.config, context: ExperimentContext(seed: 4))
        let b = try Self.train.run(fromFile.config, context: ExperimentContext(seed: 4, lessonDirectory: folder.path))
        #expect(a.metrics["final.test_accuracy"] == b.metrics["final.test_accuracy"])
        #expect(a.metrics["final.validation_loss"] == b.metrics["final.validation_loss"])
        #expect(a.samples == b.samples)
        // The file is hashed once, by the planner: the run is given its digest by path and
        // keys its trials with it instead of hashing the file again.
        let digest = try #require(fromFile.inputDigests["data.path"])
        #expect(fromFile.inputDigestsByPath == ["spiral.csv": digest])
        var group = DataParameters()
        group.source = .csv
        group.path = "spiral.csv"
        #expect(TrainData.spec(group, seed: 4, lessonDirectory: folder.path, digests: ["spiral.csv": "planned"]).fileDigest == "planned")
        #expect(TrainData.spec(group, seed: 4, lessonDirectory: folder.path).fileDigest == digest)
    }

    @Test func aCSVWithNumbersToPredictIsARegression() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "a,b,y\n"
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<80 {
            let a = rng.normal(), b = rng.normal()
            csv += "\(a),\(b),\(2 * a - b + 0.25)\n"
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("linear.csv"))
        let plan = try Self.plan("data: {source: csv, path: linear.csv, target: y}\nmodel: {hidden: []}\ntraining: {epochs: 200}\nseeds: 1",
                                 in: folder)
        let result = try Self.train.run(plan.config, context: ExperimentContext(seed: 4, lessonDirectory: folder.path))
        #expect(result.metrics["final.test_accuracy"] == nil)
        // Standardised targets: a linear model of a linear target leaves almost nothing.
        #expect(try #require(result.metrics["final.test_loss"]) < 0.01)
    }

    @Test(arguments: [
        ("model: {activaton: relu}", "mine.model.activaton: unknown parameter of `train`; did you mean `activation`?"),
        ("data: {source: mnist}", "mine.data.source: expected one of spiral, disk, blobs, sawtooth, teacher, fashion-mnist, clusters, csv, symbol-counts, found mnist"),
        ("sweep: {model.hiden: [[4], [8]]}", "mine.sweep.model.hiden: expected `model.hidden` or another parameter"),
        ("sweep: {seeds: [1, 2]}", "mine.sweep.seeds: expected a parameter of data, model or training"),
        ("sweep: {training.learning_rate: []}", "mine.sweep.training.learning_rate: expected at least one value (an empty sweep runs nothing)"),
        ("sweep: {training.learning_rate: [-1, 0.1]}", "mine.sweep.training.learning_rate: expected training.learning_rate: a positive number, found -1"),
        ("sweep: {training.learning_rate: {log: [0, 1], points: 4}}", "mine.sweep.training.learning_rate: expected a range"),
        ("sweep: {training.learning_rate: {log: [1e-4, 1], points: 200}}", "mine.sweep: expected at most max_trials (400) trials; raise max_trials to 600 to allow this sweep, found 200 points × 3 seeds = 600 trials"),
        ("sweep: {training.epochs: [1, 2], training.batch_size: [4]}\nzip: true", "mine.zip: expected every swept path with the same number of values"),
        ("model: {layers: [dense(8), conv(3)]}", "mine.model.layers.1: expected `dense(UNITS)`"),
        ("data: {source: fashion-mnist, pixels: 7}\nmodel: {layers: [\"conv(4, 9)\"]}", "mine.model.layers: expected layers that fit inputs of 49 values"),
        ("data: {source: fashion-mnist}\nmodel: {layers: [flatten, maxpool(2)]}", "mine.model.layers: expected layers that fit inputs of 196 values"),
        ("plots: [{name: p, typ: bars}]", "mine.plots.0.typ: expected `type` or another plot key"),
        ("plots: [{name: p, type: measure, measure: final.test_accuracy, x: training.epochs}]", "mine.plots.0.x: expected a swept parameter (the cell sweeps none), found training.epochs"),
        ("data: {source: teacher}\nplots: [{name: r, type: regions}]", "mine.plots.0.type: expected 2-D data"),
        ("best_by: accuracy", "mine.best_by: expected one of final.train_loss"),
        ("data: {source: csv, target: y}", "mine.data.path: expected the path of a CSV file"),
        ("data: {source: csv, path: missing.csv, target: y}", "mine.data.path: cannot read `missing.csv`"),
    ])
    func badInputIsRefusedWithItsKey(with: String, expected: String) {
        let message = Self.error(with)
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("t.md:"), "\(message)")
    }

    @Test(arguments: [
        ("x,y,label\n1,2,a\n3,4\n5,6,b\n7,8,a\n", "label", "points.csv:3: mine.data.path: 2 values in this row; expected 3"),
        ("x,y,label\n1,2,a\n3,oops,b\n5,6,b\n7,8,a\n", "label", "points.csv:3: mine.data.path: column `y`: `oops` is not a number"),
        ("x,y,label\n1,2,a\n3,4,b\n5,6,b\n7,8,a\n", "lable", "points.csv:1: mine.data.path: no column `lable` to predict; did you mean `label`?"),
        ("x,y,label\n1,2,a\n3,4,a\n5,6,a\n7,8,a\n", "label", "mine.data.path: column `label`: one class only"),
        ("x,label\n1,a\n", "label", "mine.data.path: 1 data rows; expected at least 4"),
    ])
    func aBadCSVIsRefusedWithItsFileLineAndColumn(csv: String, target: String, expected: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("points.csv"))
        let message = Self.error("data: {source: csv, path: points.csv, target: \(target)}", in: folder)
        #expect(message.contains(expected), "\(message)")
    }

    @Test func editingTheCSVChangesTheCellsCacheKey() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("points.csv")
        try Data("x,y,label\n1,2,a\n3,4,b\n5,6,b\n7,8,a\n".utf8).write(to: file)
        let with = "data: {source: csv, path: points.csv, target: label}"
        let before = try Self.plan(with, in: folder).inputDigests
        try Data("x,y,label\n1,2,a\n3,4,b\n5,6,b\n7,9,a\n".utf8).write(to: file)
        let after = try Self.plan(with, in: folder).inputDigests
        #expect(before["data.path"] != nil && before != after)
    }

    @Test func aSetValueReachesANestedParameterAndASweep() throws {
        let plan = try Self.plan("training: {epochs: 5}", overrides: [
            try Override("mine.training.learning_rate=0.2"),
            try Override("mine.sweep={model.hidden: {a: [2], b: [4]}}"),
        ])
        let config = try Self.train.typedConfig(TrainExperiment.Config.self, from: plan.config)
        #expect(config.training.learningRate == 0.2)
        #expect(try config.sweepPlan().get().points.map(\.name) == ["a", "b"])
    }

    /// The skeleton `lessonbook new` writes plans as written, with the train kind.
    @Test func theLessonSkeletonPlans() throws {
        let text = LessonSkeleton.text(name: "my-lesson")
        let lesson = try LessonParser.parse(text, path: "my-lesson.md", name: "my-lesson")
        let plan = try LessonPlanner(catalogue: Catalogue.byKind).plan(lesson)
        #expect(plan.cells.map(\.experiment.kind) == ["train"])
        #expect(lesson.title == "My lesson")
    }
}
