import Experiments
import Foundation
import Notebook
import Testing

@Test func kindsListsEveryKindWithItsSummary() throws {
    let workspace = try Workspace()
    let result = try workspace.run("kinds")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == Catalogue.all.count)
    #expect(lines.contains { $0.hasPrefix("parameter-count ") && $0.hasSuffix("Weights and biases of fully connected networks as width and depth grow.") })
}

@Test func kindsDescribesOneKindFromItsDeclarations() throws {
    let workspace = try Workspace()
    let text = try workspace.run("kinds", "sawtooth")
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.hasPrefix("sawtooth (version 1)\n"))
    #expect(text.stdout.contains("  compositions: list of whole numbers = [1, 2, 3, 4, 5, 6, 7]\n"))
    #expect(text.stdout.contains("  restarts: whole number = 16 (quick: 3)\n"))
    #expect(text.stdout.contains("Allowed: a non-empty list of whole numbers from 1 to 12."))
    #expect(text.stdout.contains("  k<k>.deep_pieces"))
    #expect(text.stdout.hasSuffix("Figures and tables (for `show:`): fits, errors, table\n"))

    let json = try workspace.run("kinds", "sawtooth", "--json")
    let reference = try JSONDecoder().decode(KindReference.self, from: Data(json.stdout.utf8))
    #expect(reference.kind == "sawtooth")
    #expect(reference.parameters.first { $0.name == "knot_restarts" }?.allowed == "a whole number of at least 0")
}

@Test func anUnknownKindIsAnErrorThatSuggestsTheNearest() throws {
    let workspace = try Workspace()
    let result = try workspace.run("kinds", "sawtoth")
    #expect(result.status == 1)
    #expect(result.stderr.contains("unknown experiment kind `sawtoth`; did you mean `sawtooth`?"), "\(result.stderr)")
}

@Test func schemaWritesAJSONSchemaOfEveryKindsCells() throws {
    let workspace = try Workspace()
    let result = try workspace.run("schema", "--out", "cell.schema.json")
    #expect(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: workspace.file("cell.schema.json"))
    let schema = try JSONDecoder().decode(ConfigValue.self, from: data)
    guard case .object(let root) = schema, case .object(let definitions)? = root["definitions"],
          case .object(let untangling)? = definitions["spiral-untangling"],
          case .object(let parameters)? = untangling["properties"],
          case .object(let hidden)? = parameters["hidden"] else {
        Issue.record("unexpected schema: \(String(decoding: data, as: UTF8.self).prefix(400))")
        return
    }
    #expect(definitions.count == Catalogue.all.count)
    #expect(root["$schema"] == .string("http://json-schema.org/draft-07/schema#"))
    #expect(hidden["type"] == .string("array") && hidden["minItems"] == .int(1))
    #expect(hidden["items"] == .object(["type": .string("integer"), "minimum": .int(1), "maximum": .int(512)]))
    // Standard output gets the same bytes.
    #expect(Data(try workspace.run("schema").stdout.utf8) == data)
}
