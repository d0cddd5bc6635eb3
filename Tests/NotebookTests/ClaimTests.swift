import Foundation
import Testing
@testable import Notebook

func evaluate(_ text: String, _ metrics: [String: Double] = [:]) throws -> ClaimResult {
    try Claim(text, line: 1, path: "test.md").evaluate { path in
        guard let value = metrics[path] else { throw NotebookError(file: "test.md", message: "unknown \(path)") }
        return .number(value)
    }
}

@Test(arguments: [
    ("1 + 2 * 3 == 7", true),
    ("(1 + 2) * 3 == 9", true),
    ("10 / 4 == 2.5", true),
    ("-2 * -3 == 6", true),
    ("2 - 3 - 4 == -5", true),
    ("1e-3 < 0.01", true),
    ("1 != 1", false),
    ("1 <= 1", true),
    ("2 > 3", false),
    ("1 < 2 < 3", true),
    ("1 < 3 < 2", false),
])
func claimArithmeticFollowsPrecedence(_ text: String, _ holds: Bool) throws {
    #expect(try evaluate(text).holds == holds)
}

@Test func claimsReadMetricPathsAndShowTheirValues() throws {
    let metrics = ["final.train_accuracy": 0.97, "wide.with_bias": 1144, "base.with_bias": 374]
    let result = try evaluate("wide.with_bias / base.with_bias >= 2.5", metrics)
    #expect(result.holds)
    #expect(result.values == "3.05882 >= 2.5")
    #expect(try evaluate("final.train_accuracy >= 0.99", metrics).holds == false)
    #expect(try Claim("a.b + c_d * (e - 1) > 0", line: 1, path: "t").paths == ["a.b", "c_d", "e"])
}

@Test func aNaNMetricFailsEveryComparison() throws {
    #expect(try evaluate("x < 1", ["x": .nan]).holds == false)
    #expect(try evaluate("x >= 1", ["x": .nan]).holds == false)
}

@Test(arguments: ["x >", "x + 1", "x = 1", "(x > 1", "x > 1)", "x > 1 ^ 2", "x. > 1", ""])
func malformedClaimsAreErrors(_ text: String) {
    #expect(notebookError { _ = try Claim(text, line: 4, path: "l.md") }?.line == 4)
}

@Test func claimsMayUseAnotherCellsMetrics() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    let claims = outcome.manifest.cells[0].claims
    #expect(claims.map(\.holds) == [true, true])
    #expect(claims[1].values == "5 < 20")
}
