import Foundation
@testable import Notebook
import Plot

/// A small experiment kind for tests: its metrics are simple functions of its configuration.
struct FixtureExperiment: Experiment {
    struct Optimizer: Codable, Sendable {
        var lr = 0.01
    }

    enum Loss: String, Codable, Sendable { case squared, crossEntropy }

    struct Config: ExperimentConfig {
        var epochs = 10
        var rate = 0.5
        var hidden = [2, 2]
        var activation = "tanh"
        var loss = Loss.squared
        var optimizer = Optimizer()

        func validate() -> [ConfigProblem] {
            var problems: [ConfigProblem] = []
            if epochs <= 0 { problems.append(ConfigProblem(key: "epochs", expected: "a positive whole number", found: String(epochs))) }
            for (index, width) in hidden.enumerated() where width <= 0 {
                problems.append(ConfigProblem(key: "hidden.\(index)", expected: "a positive whole number", found: String(width)))
            }
            return problems
        }
    }

    static let kind = "fixture"
    static let version = 1
    static let summary = "A test experiment."
    static let outputs = ["summary", "curve"]
    static let quickProfile: [String: ConfigValue] = ["epochs": .int(3)]

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        context.progress("epoch \(config.epochs)", 1)
        let score = Double(config.epochs) * config.rate
        return CellResult(
            metrics: ["final.score": score, "final.epochs": Double(config.epochs), "seed": Double(context.seed),
                      "lr": config.optimizer.lr, "width": Double(config.hidden.reduce(0, +)), "diverged": .nan,
                      "big": 1234567.891],
            series: ["loss": Series(x: [0, 1, 2], y: [1, 0.5, 0.25], xLabel: "epoch", yLabel: "loss")],
            tables: ["summary": Table(caption: "Scores", columns: ["name", "value"],
                                      rows: [["score", .number(score)], ["a, b", 2]])],
            figures: [NamedFigure(name: "curve", caption: "Loss falls with training.", figure: Figure(
                title: "Loss against epoch", width: 320, height: 200,
                panel: Panel(x: Axis(label: "epoch"), y: Axis(label: "loss"),
                             marks: [.line(LineMark(x: [0, 1, 2], y: [1, 0.5, 0.25 * config.rate], label: "train"))])))],
            notes: ["A fixture note."])
    }
}

/// A second kind, to test cross-cell claims.
struct ConstantExperiment: Experiment {
    struct Config: ExperimentConfig { var value = 2.0 }
    static let kind = "constant"
    static let version = 3
    static let summary = "Returns its value."
    static let outputs: [String] = []
    static let quickProfile: [String: ConfigValue] = [:]
    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        CellResult(metrics: ["value": config.value])
    }
}

let fixtureCatalogue: [String: AnyExperiment] = [
    "fixture": AnyExperiment(FixtureExperiment.self),
    "constant": AnyExperiment(ConstantExperiment.self),
    "sweep": AnyExperiment(SweepExperiment.self),
    "noisy-seeds": AnyExperiment(NoisySeedsExperiment.self),
]

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes a lesson file and returns its URL.
    func lesson(_ text: String, name: String = "01-demo.md") throws -> URL {
        let folder = url.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func renderer(quick: Bool = false, useCache: Bool = true, overrides: [String] = []) throws -> LessonRenderer {
        LessonRenderer(catalogue: fixtureCatalogue, options: RenderOptions(
            outputRoot: url.appendingPathComponent("output"), cacheDirectory: url.appendingPathComponent("cache"),
            useCache: useCache, quick: quick, overrides: try overrides.map(Override.init)))
    }
}

/// Parses lesson text named `lessons/01-demo.md`.
func parse(_ text: String) throws -> Lesson {
    try LessonParser.parse(text, path: "lessons/01-demo.md", name: "demo")
}

/// Parses and plans lesson text against the fixture catalogue.
func plan(_ text: String, quick: Bool = false, overrides: [String] = []) throws -> LessonPlan {
    try LessonPlanner(catalogue: fixtureCatalogue, quick: quick, overrides: overrides.map(Override.init)).plan(parse(text))
}

/// The error a throwing call produces, as a NotebookError (nil if it does not throw one).
func notebookError(_ body: () throws -> Void) -> NotebookError? {
    do { try body() } catch let error as NotebookError { return error } catch { return nil }
    return nil
}

let demoLesson = """
---
title: A demo
summary: Numbers from a fixture.
seed: 7
---

# A demo

The score is {{main.final.score:.2f}} after {{main.final.epochs:d}} epochs.

```{experiment}
id: main
run: fixture
with:
  epochs: 20
  hidden: [3, 4]
quick:
  epochs: 4
show: [summary]
expect:
  - final.score >= 5
  - final.score / 2 < other.value * 10
```

```{experiment}
id: other
run: constant
```

Other is {{other.value}}.
"""

/// A sweep whose trials go through the per-trial cache; `computed` counts trials actually run.
struct SweepExperiment: Experiment {
    struct Config: ExperimentConfig {
        var points = 3
        var label = "a"
    }
    static let kind = "sweep"
    static let version = 1
    static let summary = "A sweep of cached trials."
    static let outputs: [String] = []
    static let quickProfile: [String: ConfigValue] = [:]
    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        var computed = 0.0
        var total = 0.0
        for point in 0..<config.points {
            total += try context.trials.value(Self.self, config: config, trial: ["point": point]) { () -> Double in
                computed += 1
                return Double(point * point)
            }
        }
        return CellResult(metrics: ["computed": computed, "total": total])
    }
}
