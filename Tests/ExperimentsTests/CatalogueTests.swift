import Foundation
import Testing
import Experiments
import Notebook

/// What every catalogued kind must hold to: the conformance test over `Catalogue.all`.
struct CatalogueTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")

    @Test func kindNamesAreUniqueAndKebabCase() {
        let names = Catalogue.all.map(\.kind)
        #expect(Set(names).count == names.count, "\(names)")
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name)")
        }
    }

    @Test(arguments: Catalogue.all.map(\.kind))
    func everyEncodedParameterIsDeclaredOnce(_ kind: String) throws {
        let experiment = try #require(Catalogue.byKind[kind])
        let declared = experiment.parameters.map(\.name)
        #expect(Set(declared).count == declared.count, "\(kind) declares a parameter twice: \(declared)")
        #expect(Set(declared) == Set(experiment.defaults.keys),
                "\(kind): declared \(declared.sorted()), encoded \(experiment.defaults.keys.sorted())")
        for parameter in experiment.parameters {
            #expect(!parameter.doc.isEmpty, "\(kind).\(parameter.name) has no doc text")
            // The fields of a list of mappings are declared like parameters.
            if case .records(let fields) = parameter.type,
               case .array(let items)? = experiment.defaults[parameter.name], case .object(let first)? = items.first {
                #expect(Set(fields.map(\.name)) == Set(first.keys), "\(kind).\(parameter.name)")
            }
        }
        for key in experiment.quickProfile.keys {
            #expect(declared.contains(key), "\(kind)'s quick profile sets undeclared `\(key)`")
        }
    }

    @Test(arguments: Catalogue.all.map(\.kind))
    func defaultsAndQuickSettingsAreValidAndRoundTrip(_ kind: String) throws {
        let experiment = try #require(Catalogue.byKind[kind])
        let defaults = try experiment.check(experiment.defaults)
        #expect(defaults.problems.isEmpty, "\(kind): \(defaults.problems)")
        #expect(defaults.canonical == experiment.defaults)
        // Nested groups merge key by key, as the planner merges them.
        func merged(_ base: [String: ConfigValue], _ over: [String: ConfigValue]) -> [String: ConfigValue] {
            base.merging(over) { old, new in
                if case .object(let a) = old, case .object(let b) = new { return .object(merged(a, b)) }
                return new
            }
        }
        let quick = merged(experiment.defaults, experiment.quickProfile)
        let checked = try experiment.check(quick)
        #expect(checked.problems.isEmpty, "\(kind) quick: \(checked.problems)")
        #expect(try experiment.check(checked.canonical).canonical == checked.canonical)
    }

    @Test(arguments: Catalogue.all.map(\.kind))
    func everyKindDeclaresItsMetricsAndOutputs(_ kind: String) throws {
        let experiment = try #require(Catalogue.byKind[kind])
        #expect(!experiment.metrics.isEmpty)
        #expect(!experiment.outputs.isEmpty)
        #expect(Set(experiment.metrics.map(\.pattern)).count == experiment.metrics.count)
        #expect(experiment.metrics.allSatisfy { !$0.doc.isEmpty })
    }

    /// Planning checks each `show:` name against the kind's outputs, and each setting.
    @Test func everyLessonPlansWithShowNamesTheKindsHave() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.path).filter { $0.hasSuffix(".md") }
        #expect(!files.isEmpty)
        for file in files {
            let lesson = try LessonParser.parse(contentsOf: Self.lessons.appendingPathComponent(file), path: "lessons/\(file)")
            for quick in [false, true] {
                let plan = try LessonPlanner(catalogue: Catalogue.byKind, quick: quick, overrides: []).plan(lesson)
                for cell in plan.cells {
                    for name in cell.cell.show ?? [] { #expect(cell.experiment.outputs(for: cell.config).contains(name)) }
                }
            }
        }
    }

    @Test func anUnknownChoiceNamesTheChoices() throws {
        let experiment = try #require(Catalogue.byKind["random-features"])
        var values = experiment.defaults
        values["data"] = .string("mnist")
        #expect { try experiment.check(values) } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription == "expected one of fashion-mnist, teacher-student"
        }
        let reference = KindReference(experiment)
        let data = try #require(reference.parameters.first { $0.name == "data" })
        #expect(data.choices == ["fashion-mnist", "teacher-student"])
        #expect(data.default == .string("fashion-mnist"))
        #expect(reference.parameters.first { $0.name == "train" }?.quick == .int(300))
        #expect(reference.parameters.first { $0.name == "train" }?.allowed == "a whole number from 2 to 10000")
    }

    @Test func aRecordsProblemNamesItsIndexAndField() throws {
        let experiment = try #require(Catalogue.byKind["spiral-seeds"])
        var values = experiment.defaults
        values["variants"] = .array([.object(["id": .string("bad id"), "label": .string("x"), "hidden": .array([.int(0)]),
                                              "turns": .double(1), "epochs": .int(10), "learning_rate": .double(0.1)])])
        let problems = try experiment.check(values).problems
        #expect(problems.map(\.key) == ["variants.0.id", "variants.0.hidden"])
        #expect(problems.first?.expected == "letters, digits and underscores")
    }
}
