import Foundation
import Testing
@testable import Notebook

@Test(arguments: [
    ("", 374.0, "374"),
    ("", 0.973333, "0.9733"),
    (".3f", 0.973333, "0.973"),
    (".0f", 2.5, "2"),
    (".1%", 0.9733, "97.3%"),
    (".0%", 0.5, "50%"),
    ("d", 3.7, "4"),
    (",", 1144.0, "1,144"),
    (",", 1234567.0, "1,234,567"),
    (",d", -1234567.4, "-1,234,567"),
    (",.2f", 1234.5678, "1,234.57"),
    (".2e", 0.000123, "1.23e-04"),
    (".2f", Double.nan, "NaN"),
])
func inlineFormatsPrintAsDocumented(_ spec: String, _ value: Double, _ expected: String) throws {
    let format = try #require(NumberFormat(spec))
    #expect(format.format(value) == expected)
}

@Test(arguments: [".f", "x", ".3d", "%%", ".2q"])
func unknownFormatsAreRejected(_ spec: String) {
    #expect(NumberFormat(spec) == nil)
}

@Test func referencesAreFilledInTheReport() throws {
    let folder = TemporaryFolder()
    let outcome = try folder.renderer().render(lessonAt: try folder.lesson(demoLesson), path: "lessons/01-demo.md")
    let report = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("The score is 10.00 after 20 epochs."))
    #expect(report.contains("Other is 2."))
    #expect(!report.contains("{{"))
}

@Test(arguments: ["", ".3f", ".0e", ".2e", ".1%", "d", ",", ",.2f"])
func numbersAtRoundOffLevelPrintAsWhatTheyAreInEveryFormat(_ spec: String) throws {
    let format = try #require(NumberFormat(spec))
    #expect(format.format(3.2374e-23) == "< 1e-12")
    #expect(format.format(-4e-16) == "> -1e-12")
    #expect(format.format(0) != "< 1e-12")
}

@Test func claimResultsShowRoundOffAsSuchAndOtherValuesToSixDigits() throws {
    let claim = try Claim("train.loss < 1e-4", line: 1, path: "x.md")
    #expect(try claim.evaluate { _ in .number(3.23746e-23) }.values == "< 1e-12 < 0.0001")
    #expect(try claim.evaluate { _ in .number(0.000123456789) }.values == "0.000123457 < 0.0001")
    #expect(try Claim("a.b == 0", line: 1, path: "x.md").evaluate { _ in .number(0) }.values == "0 == 0")
}
