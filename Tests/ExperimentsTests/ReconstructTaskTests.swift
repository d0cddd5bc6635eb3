import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

/// `task: reconstruct` in the `train` kind's data group (inputs as targets, mean squared
/// error) and the manifold lesson's kinds built on it.
@Suite struct ReconstructTaskTests {
    @Test func reconstructMakesTheInputsTheTargetsAndTrainsOnMeanSquaredError() throws {
        let plan = try TrainKindTests.plan("data: {source: blobs, points: 60, task: reconstruct}\nmodel: {layers: [dense(8), tanh, dense(1), dense(8), tanh]}\ntraining: {epochs: 30}\nseeds: 2")
        var parameters = DataParameters()
        parameters.source = .blobs
        parameters.points = 60
        parameters.task = .reconstruct
        let data = try TrainData.load(TrainData.spec(parameters, seed: 4, lessonDirectory: "."), lessonDirectory: ".").dataset
        #expect(!data.isClassification && data.train.labels.isEmpty)
        #expect(data.outputSize == data.inputSize)
        #expect(data.train.targets == data.train.features && data.test.targets == data.test.features)
        let result = try TrainKindTests.train.run(plan.config, context: ExperimentContext(seed: 4))
        #expect(result.metrics["final.test_accuracy"] == nil)
        let loss = try #require(result.metrics["final.test_loss"])
        // Standardised 2-D blobs through a 1-unit code: far better than the mean (loss 1),
        // not perfect (one number cannot hold two).
        #expect(loss > 0.01 && loss < 0.9, "\(loss)")
        #expect(result.samples["final.test_loss"]?.count == 2)
    }

    @Test func reconstructWithLabelNoiseIsRefused() {
        #expect(TrainKindTests.error("data: {source: blobs, task: reconstruct, label_noise: 0.1}").contains("mine.data.label_noise: expected 0 when the task is reconstruct"))
        #expect(TrainKindTests.error("data: {source: blobs, task: rebuild}").contains("mine.data.task: expected one of predict, reconstruct, found rebuild"))
    }

    @Test func theCodeLayerIsTheNarrowestAndTheDecoderRepeatsTheNetworksSecondHalf() throws {
        let specs: [LayerSpec] = [.dense(units: 6), .activation(.relu), .dense(units: 2), .activation(.tanh), .dense(units: 6),
                                  .activation(.relu)]
        #expect(AutoencoderExperiment.codeLayer(specs) == 3)
        #expect(AutoencoderExperiment.codeLayer([.dense(units: 6), .activation(.relu), .dense(units: 2), .dense(units: 6)]) == 2)
        let network = try Network(input: 5, layers: specs + [.dense(units: 5)], initializer: .heNormal, seed: 3)
        var rng = SeededGenerator(seed: 1)
        let x: Matrix<Float> = rng.normalMatrix(rows: 4, columns: 5)
        let codes = try network.layerOutputs(x, layers: [3])[0]
        let decoder = try AutoencoderExperiment.decoder(network, specs: specs, code: 3, bias: true)
        let direct = try network.predict(x), viaCode = try decoder.predict(codes)
        #expect(zip(direct.storage, viaCode.storage).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func nearestDistancesAreRootMeanSquarePixelDistances() throws {
        let reference = try Matrix<Float>([[0, 0, 0, 0], [1, 1, 1, 1]])
        let images = try Matrix<Float>([[0, 0, 0, 1], [1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]])
        let d = ImageMeasures.nearestDistances(images, to: reference)
        #expect(abs(d[0] - 0.5) < 1e-12 && abs(d[1]) < 1e-6 && abs(d[2] - 0.5) < 1e-12, "\(d)")
    }

    @Test(arguments: ["random-images", "image-pca", "autoencoder-map"])
    func theManifoldKindsRefuseDataThatAreNotImagesInPixelUnits(kind: String) throws {
        let text = """
        ---
        title: t
        seed: 4
        ---

        ```{experiment}
        id: mine
        run: \(kind)
        with:
          data: {source: spiral, standardize: true}
        ```
        """
        let lesson = try LessonParser.parse(text, path: "/tmp/t.md", name: "t")
        do {
            _ = try LessonPlanner(catalogue: Catalogue.byKind).plan(lesson)
            Issue.record("planned")
        } catch {
            // The first problem is the one reported: the source.
            #expect("\(error)".contains("mine.data.source: expected fashion-mnist"), "\(error)")
        }
    }
}
