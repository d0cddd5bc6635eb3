import Testing
@testable import Notebook

@Test func configChecksWordTheCommonProblemsAlike() {
    var checks = ConfigChecks()
    checks.positive("epochs", 3)
    checks.positive("epochs", -3)
    checks.positive("rate", Double.nan)
    checks.positive("hidden", [4, 0])
    checks.positive("widths", [Int]())
    checks.oneOf("data", "mnist", ["fashion-mnist", "synthetic"])
    checks.require(false, "target", expected: "an accuracy between 0 and 1", found: "2")
    #expect(checks.problems == [
        ConfigProblem(key: "epochs", expected: "a positive whole number", found: "-3"),
        ConfigProblem(key: "rate", expected: "a positive number", found: "nan"),
        ConfigProblem(key: "hidden", expected: "a non-empty list of positive whole numbers", found: "[4, 0]"),
        ConfigProblem(key: "widths", expected: "a non-empty list of positive whole numbers", found: "[]"),
        ConfigProblem(key: "data", expected: "one of fashion-mnist, synthetic", found: "mnist"),
        ConfigProblem(key: "target", expected: "an accuracy between 0 and 1", found: "2"),
    ])
}
