import Foundation
import Notebook
import Testing
@testable import Experiments

/// The `shifted-images` kind's settings: the shared data, model and training groups, read
/// into the same trial keys as before, and the settings its trial does not vary refused.
@Suite struct ShiftedImagesTests {
    /// A `shifted-images` cell with `with` as its YAML body, planned against the catalogue.
    static func plan(_ with: String) throws -> CellPlan {
        let text = """
        ---
        title: t
        seed: 4
        ---

        ```{experiment}
        id: mine
        run: shifted-images
        with:
        \(with.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        ```
        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("t.md").path
        let lesson = try LessonParser.parse(text, path: path, name: "t")
        return try LessonPlanner(catalogue: Catalogue.byKind).plan(lesson).cells[0]
    }

    static func error(_ with: String) -> String {
        do {
            _ = try plan(with)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func theGroupsGiveTheTrialKeysOfTheLessonsSettings() throws {
        let plan = try Self.plan("""
        data: {source: fashion-mnist, pixels: 28, train: 6000, test: 1000, standardize: false}
        model: {hidden: [32], activation: relu, initializer: he_normal}
        training: {optimizer: adam, learning_rate: 0.001, batch_size: 64, epochs: 5}
        filters: [8, 16]
        max_shift: 6
        seeds: 5
        """)
        let config = try plan.experiment.typedConfig(ShiftedImagesExperiment.Config.self, from: plan.config)
        let keys = ShiftedImagesExperiment.keys(config, seed: 4)
        #expect(keys.count == 15)
        // The fields (and so the cached trials and numbers) the kind had with flat settings.
        for key in keys {
            #expect(key.version == 1 && key.train == 6_000 && key.test == 1_000 && key.hidden == 32)
            #expect(key.filters == [8, 16] && key.epochs == 5 && key.batch == 64 && key.rate == 0.001 && key.maxShift == 6)
        }
        // The kind's defaults are the lesson's settings but for the seeds.
        var defaults = ShiftedImagesExperiment.Config()
        defaults.seeds = 5
        #expect(defaults == config)
    }

    @Test func theQuickProfileShrinksTheGroups() throws {
        let profile = ShiftedImagesExperiment.quickProfile
        #expect(profile["data"] == .object(["train": .int(1_000), "test": .int(300)]))
        #expect(profile["training"] == .object(["epochs": .int(2)]))
    }

    @Test func settingsTheTrialDoesNotVaryAreRefusedByName() {
        #expect(Self.error("training: {optimizer: sgd}").contains("mine.training.optimizer: expected adam"))
        #expect(Self.error("training: {schedule: cosine}").contains("mine.training.schedule: expected constant"))
        #expect(Self.error("model: {hidden: [32, 32]}").contains("mine.model.hidden: expected one width"))
        #expect(Self.error("model: {activation: tanh}").contains("mine.model.activation: expected relu"))
        #expect(Self.error("model: {layers: [dense(8), relu]}").contains("mine.model.layers: expected [] ("))
        #expect(Self.error("data: {source: spiral}").contains("mine.data.source: expected fashion-mnist"))
        #expect(Self.error("data: {standardize: true}").contains("mine.data.standardize: expected false"))
        #expect(Self.error("data: {pixels: 14}").contains("mine.data.pixels: expected 28"))
        #expect(Self.error("data: {test: 20000}").contains("mine.data.test: expected 100 to 10000 test images"))
        #expect(Self.error("model: {hidden: [128]}\ntraining: {epochs: 2, batch_size: 32, learning_rate: 0.01}") == "no error")
    }
}
