import Foundation
import Plot
@testable import Notebook

/// An experiment for comparison tests: a decaying loss curve whose rate is a setting, drawn
/// as a figure, with metrics that have directions (loss, accuracy) and one without.
struct DecayExperiment: Experiment {
    struct Config: ExperimentConfig {
        var rate = 0.5
        var steps = 5
        var label = "run"
        /// Width of the figure, points.
        var figureWidth = 200.0
    }

    static let kind = "decay"
    static let version = 1
    static let summary = "A loss that decays at a set rate."
    static let outputs = ["curve"]
    static let quickProfile: [String: ConfigValue] = [:]

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let x = (0...config.steps).map(Double.init)
        let loss = x.map { exp(-config.rate * $0) }
        let final = loss.last!
        var panel = Panel(x: Axis(label: "step"), y: Axis(label: "loss"))
        panel.add(.line(LineMark(x: x, y: loss, label: "loss")))
        return CellResult(
            metrics: ["final.loss": final, "final.accuracy": 1 - final, "steps": Double(config.steps)],
            series: ["loss": Series(x: x, y: loss, xLabel: "step", yLabel: "loss")],
            tables: ["summary": Table(columns: ["name", "value"], rows: [["rate", .number(config.rate)], ["final", .number(final)]])],
            figures: [NamedFigure(name: "curve", caption: "The loss.", figure: Figure(title: "Loss", width: config.figureWidth, height: 120, panel: panel))])
    }
}

let comparisonCatalogue: [String: AnyExperiment] = [
    "decay": AnyExperiment(DecayExperiment.self),
    "constant": AnyExperiment(ConstantExperiment.self),
]

/// Two decay cells and a constant; the claim on `fast` holds only while its rate is high.
let decayLesson = """
---
title: Decay
summary: Losses that decay.
seed: 5
---

# Decay

```{experiment}
id: fast
run: decay
with:
  rate: 1.0
expect:
  - final.loss < 0.05
```

```{experiment}
id: slow
run: decay
with:
  rate: 0.2
```

```{experiment}
id: fixed
run: constant
```
"""

/// A temporary workspace that renders lessons against `comparisonCatalogue`.
final class ComparisonWorkspace {
    let folder = TemporaryFolder()
    var url: URL { folder.url }

    /// Renders `text` as lesson `name` into `output/<out>/<lesson>` and returns that run folder.
    func render(_ text: String = decayLesson, name: String = "01-decay.md", out: String = "a",
                overrides: [String] = []) throws -> URL {
        let lesson = try folder.lesson(text, name: name)
        let renderer = LessonRenderer(catalogue: comparisonCatalogue, options: RenderOptions(
            outputRoot: url.appendingPathComponent(out), cacheDirectory: url.appendingPathComponent("cache"),
            formats: ["png"], overrides: try overrides.map(Override.init)))
        return try renderer.render(lessonAt: lesson, path: "lessons/\(name)").folder
    }

    func renderer(quick: Bool = false) -> LessonRenderer {
        LessonRenderer(catalogue: comparisonCatalogue, options: RenderOptions(
            outputRoot: url.appendingPathComponent("unused"), cacheDirectory: url.appendingPathComponent("cache"),
            quick: quick, formats: ["png"]))
    }

    func run(_ folder: URL, label: String) throws -> ComparedRun {
        try ComparedRun(contentsOf: folder, path: folder.lastPathComponent, label: label)
    }

    /// Where comparisons go in these tests.
    func target(_ name: String = "cmp") -> URL { url.appendingPathComponent("compare").appendingPathComponent(name) }
}
