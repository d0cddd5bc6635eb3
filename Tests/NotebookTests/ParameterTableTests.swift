import Foundation
import Testing
@testable import Notebook

/// A kind whose parameters are declared in a table, as every catalogued kind's are.
private struct DeclaredExperiment: Experiment {
    struct Config: ExperimentConfig {
        enum Speed: String, ConfigChoice { case fast, slow }
        var speed = Speed.fast
        var rate = 0.5
        var steps = 4
        var widths = [2, 4]
        var lower = 1.0
        var upper = 2.0

        static let parameters: [Parameter<Config>] = [
            .choice("speed", \.speed, "How fast."),
            .number("rate", \.rate, .above(0, upTo: 1), "A rate."),
            .whole("steps", \.steps, 1...10, "Steps taken."),
            .wholes("widths", \.widths, 1..., .ascending(atLeast: 2), "Widths swept."),
            .number("lower", \.lower, .any, "The lower end."),
            .number("upper", \.upper, .any, "The upper end."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            checks.require(upper > lower, "upper", expected: "a number above lower (\(lower))", found: "\(upper)")
        }
    }
    static let kind = "declared"
    static let version = 1
    static let summary = "Parameters declared in a table."
    static let outputs = ["curve"]
    static let metrics = [MetricName("final.<measure>", "The final loss or accuracy.")]
    static let quickProfile: [String: ConfigValue] = ["steps": .int(2)]
    func run(_ config: Config, context: ExperimentContext) throws -> CellResult { CellResult(metrics: ["final.loss": 1]) }
}

private func planDeclared(_ with: String) throws -> LessonPlan {
    let text = "---\ntitle: T\nseed: 1\n---\n\n```{experiment}\nid: a\nrun: declared\nwith:\n\(with)\n```\n"
    let lesson = try LessonParser.parse(text, path: "lessons/01-demo.md", name: "demo")
    return try LessonPlanner(catalogue: ["declared": AnyExperiment(DeclaredExperiment.self)], quick: false, overrides: []).plan(lesson)
}

@Test(arguments: [
    ("  speed: medium", "lessons/01-demo.md:10: a.speed: expected one of fast, slow, found medium"),
    ("  rate: 2", "lessons/01-demo.md:10: a.rate: expected a number in (0, 1], found 2.0"),
    ("  steps: 11", "lessons/01-demo.md:10: a.steps: expected a whole number from 1 to 10, found 11"),
    ("  widths: [4, 2]", "lessons/01-demo.md:10: a.widths: expected a list of at least 2 distinct positive whole numbers, smallest first, found [4, 2]"),
    ("  upper: 0.5", "lessons/01-demo.md:10: a.upper: expected a number above lower (1.0), found 0.5"),
])
func aDeclaredParameterOutOfRangeIsReportedWithItsLine(with: String, message: String) {
    let error = notebookError { _ = try planDeclared(with) }
    #expect(error?.description == message)
}

@Test func theTableGivesTheReferenceOfAKind() throws {
    let reference = KindReference(AnyExperiment(DeclaredExperiment.self))
    #expect(reference.parameters.map(\.name) == ["speed", "rate", "steps", "widths", "lower", "upper"])
    #expect(reference.parameters[0].choices == ["fast", "slow"])
    #expect(reference.parameters[2].quick == .int(2))
    #expect(reference.parameters[2].allowed == "a whole number from 1 to 10")
    #expect(reference.parameters[4].allowed == nil)
    let text = reference.text
    #expect(text.contains("  steps: whole number = 4 (quick: 2)\n      Steps taken.\n      Allowed: a whole number from 1 to 10."))
    #expect(text.contains("  final.<measure>  The final loss or accuracy."))
    #expect(text.hasSuffix("Figures and tables (for `show:`): curve"))
    let decoded = try JSONDecoder().decode(KindReference.self, from: JSONEncoder().encode(reference))
    #expect(decoded == reference)
}

@Test func theSchemaDescribesEveryCellKeyAndEachKindsParameters() throws {
    let schema = CellSchema.schema(for: [AnyExperiment(DeclaredExperiment.self)])
    guard case .object(let root) = schema, case .object(let properties)? = root["properties"],
          case .object(let definitions)? = root["definitions"], case .object(let kind)? = definitions["declared"],
          case .object(let parameters)? = kind["properties"] else {
        Issue.record("unexpected schema shape")
        return
    }
    #expect(Set(properties.keys) == Set(LessonParser.cellKeys))
    #expect(properties["run"] == .object(["enum": .array([.string("declared")]),
                                          "description": .string("The experiment kind (`lessonbook kinds` lists them).")]))
    #expect(Set(parameters.keys) == ["speed", "rate", "steps", "widths", "lower", "upper"])
    guard case .object(let rate)? = parameters["rate"], case .object(let widths)? = parameters["widths"],
          case .object(let speed)? = parameters["speed"] else { Issue.record("missing parameters"); return }
    #expect(rate["exclusiveMinimum"] == .int(0) && rate["maximum"] == .int(1) && rate["type"] == .string("number"))
    #expect(widths["minItems"] == .int(2) && widths["uniqueItems"] == .bool(true))
    #expect(widths["items"] == .object(["type": .string("integer"), "minimum": .int(1)]))
    #expect(speed["enum"] == .array([.string("fast"), .string("slow")]))
    #expect(speed["default"] == .string("fast"))
    // The bytes are stable, so the written schema can be compared across builds.
    #expect(try CellSchema.json(for: [AnyExperiment(DeclaredExperiment.self)])
            == CellSchema.json(for: [AnyExperiment(DeclaredExperiment.self)]))
}

@Test(arguments: [
    (ValueRange(1...), true, "a positive whole number"),
    (ValueRange(0...), true, "a whole number of at least 0"),
    (ValueRange(2...101), true, "a whole number from 2 to 101"),
    (ValueRange.positive, false, "a positive number"),
    (ValueRange.positive, true, "a positive whole number"),
    (ValueRange.fraction, false, "a number from 0 to 1"),
    (ValueRange.above(0, upTo: 10), false, "a number in (0, 10]"),
    (ValueRange.between(0, 2), false, "a number in (0, 2)"),
    (ValueRange.above(1), false, "a number above 1"),
    (ValueRange.any, false, "a number"),
])
func rangesAreWordedAsMessagesNeedThem(range: ValueRange, whole: Bool, words: String) {
    #expect(range.words(whole: whole) == words)
}

@Test func rangesRefuseWhatLiesOutsideAndWhatIsNotFinite() {
    #expect(ValueRange.above(0, upTo: 1).contains(1) && !ValueRange.above(0, upTo: 1).contains(0))
    #expect(!ValueRange.any.contains(.nan) && !ValueRange.any.contains(.infinity))
    #expect(ValueRange.between(0, 2).contains(1.999) && !ValueRange.between(0, 2).contains(2))
}

@Test func metricPatternsMatchOnePartPerPlaceholder() {
    let metric = MetricName("<target>.<family>.L<depth>.best_error", "")
    #expect(metric.matches("sawtooth.deep.L4.best_error"))
    #expect(!metric.matches("sawtooth.deep.L4.median_error"))
    #expect(!metric.matches("sawtooth.deep.extra.L4.best_error"))
    #expect(MetricName("train.max_loss_past_1.1n", "").matches("train.max_loss_past_1.1n"))
    #expect(!MetricName("train.max_loss_past_1.1n", "").matches("train.max_loss_past_1x1n"))
}

@Test func aMetricThatReportsASettingSaysWhichSetting() {
    #expect(MetricName.setting("epochs") == MetricName("epochs", "The `epochs` setting."))
    #expect(MetricName.setting("rates.per_decade", key: "rates_per_decade").doc == "The `rates_per_decade` setting.")
    #expect(!MetricName.setting("epochs").sampled)
}
