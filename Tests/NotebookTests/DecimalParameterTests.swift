import Foundation
import Testing
@testable import Notebook

/// An experiment whose decimal parameters have whole-valued defaults: encoded, `1.0`
/// looks like `1`, which must not turn the parameter into a whole-number one.
private struct DecimalExperiment: Experiment {
    struct Config: ExperimentConfig {
        var turns = 1.0
        var radii = [1.0, 2.0]
        var steps = 5
    }
    static let kind = "decimal"
    static let version = 1
    static let summary = "Decimal parameters with whole defaults."
    static let outputs: [String] = []
    static let quickProfile: [String: ConfigValue] = [:]
    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        CellResult(metrics: ["turns": config.turns])
    }
}

private func planDecimal(_ with: String) throws -> LessonPlan {
    let text = "---\ntitle: T\nseed: 1\n---\n\n```{experiment}\nid: a\nrun: decimal\nwith:\n\(with)\n```\n"
    let lesson = try LessonParser.parse(text, path: "lessons/01-demo.md", name: "demo")
    return try LessonPlanner(catalogue: ["decimal": AnyExperiment(DecimalExperiment.self)], quick: false, overrides: []).plan(lesson)
}

@Test func aFractionIsAcceptedWhereTheDefaultIsAWholeValuedDecimal() throws {
    let plan = try planDecimal("  turns: 1.75\n  radii: [1.0, 2.5]")
    #expect(plan.cells[0].config["turns"] == .double(1.75))
    #expect(plan.cells[0].config["radii"] == .array([.int(1), .double(2.5)]) || plan.cells[0].config["radii"] == .array([.double(1), .double(2.5)]))
}

@Test func aFractionForAWholeNumberIsStillRejectedWithItsKey() {
    let error = notebookError { _ = try planDecimal("  turns: 1.75\n  steps: 2.5") }
    #expect(error?.description.contains("a.steps: expected a whole number, found 2.5") == true, "\(String(describing: error))")
}
