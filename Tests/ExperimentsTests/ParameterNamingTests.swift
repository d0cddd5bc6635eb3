import Foundation
import Testing
@testable import Experiments
@testable import Notebook

/// Everything a lesson author types is snake_case: every kind's parameters (at any depth)
/// and its quick profile, and the Swift-side names convert back without loss.
@Suite struct ParameterNamingTests {
    static func keys(_ value: ConfigValue, prefix: String = "") -> [String] {
        switch value {
        case .object(let object):
            return object.flatMap { key, inner in [prefix + key] + keys(inner, prefix: prefix + key + ".") }
        case .array(let items):
            return items.flatMap { keys($0, prefix: prefix) }
        default: return []
        }
    }

    @Test(arguments: Catalogue.all.map(\.kind))
    func parametersAreSnakeCase(kind: String) throws {
        let experiment = try #require(Catalogue.byKind[kind])
        for key in Self.keys(.object(experiment.defaults)) + Self.keys(.object(experiment.quickProfile)) {
            #expect(ParameterName.isSnakeCase(key), "\(kind): \(key)")
        }
        // The defaults decode from their own lesson-side encoding and encode back unchanged.
        let checked = try experiment.check(experiment.defaults)
        #expect(checked.canonical == experiment.defaults)
    }

    @Test(arguments: [("pointsPerClass", "points_per_class"), ("learningRate", "learning_rate"),
                      ("l2Penalty", "l2_penalty"), ("seeds", "seeds"), ("maxFeatures", "max_features")])
    func namesConvertBothWays(swift: String, lesson: String) {
        #expect(ParameterName.snakeCase(swift) == lesson)
        #expect(ParameterName.camelCase(lesson) == swift)
    }

    @Test func anOldSpellingNamesTheNewOne() throws {
        let lesson = try LessonParser.parse("""
        ---
        title: t
        seed: 1
        ---
        ```{experiment}
        id: spiral
        run: spiral-seeds
        with:
          pointsPerClass: 50
        ```
        """, path: "lessons/x.md", name: "x")
        let planner = LessonPlanner(catalogue: Catalogue.byKind)
        #expect {
            try planner.plan(lesson)
        } throws: { error in
            "\(error)".contains("points_per_class") && "\(error)".contains("snake_case")
        }
    }

    @Test func rangeProblemsUseLessonSideNames() throws {
        let experiment = try #require(Catalogue.byKind["spiral-seeds"])
        var values = experiment.defaults
        values["points_per_class"] = .int(1)
        let problems = try experiment.check(values).problems
        #expect(problems.map(\.key) == ["points_per_class"])
    }
}
