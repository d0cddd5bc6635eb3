import Testing
@testable import Learning
@testable import Tensor

func spiralConfiguration(epochs: Int = 300) -> TrainingConfiguration {
    TrainingConfiguration(epochs: epochs, batchSize: 32, optimizer: .adam(), learningRate: 0.01, seed: 0,
                          trainMetrics: .none)
}

@Test func anMLPLearnsTheSpiralToAtLeast97Percent() throws {
    let data = try Datasets.spiral(pointsPerClass: 200, turns: 1.75, noise: 0.1, seed: 0)
    var network = try Network(input: 2, hidden: [16, 16], output: 2, activation: .tanh, seed: 0)
    let history = try Trainer(spiralConfiguration()).train(&network, on: data)
    #expect(history.status == .completed)
    #expect(history.stepCount == 300 * 13)
    let accuracy = try #require(history.finalTrain?.accuracy)
    #expect(accuracy >= 0.97)
    #expect(try Statistics.accuracy(predicted: network.classify(data.train.features), actual: data.train.labels) >= 0.97)
}

@Test func theSameSeedGivesIdenticalWeightsAfterTraining() throws {
    let data = try Datasets.spiral(pointsPerClass: 50, seed: 1)
    func trained(seed: UInt64) throws -> [Float] {
        var network = try Network(input: 2, hidden: [8, 8], output: 2, activation: .relu, dropout: 0.1, seed: 4)
        var config = spiralConfiguration(epochs: 20)
        config.seed = seed
        _ = try Trainer(config).train(&network, on: data)
        return network.parameters
    }
    #expect(try trained(seed: 7) == trained(seed: 7))
    #expect(try trained(seed: 7) != trained(seed: 8))
}

@Test func aHugeLearningRateEndsTheRunAsDivergedWithoutCrashing() throws {
    let data = try Datasets.spiral(pointsPerClass: 50, seed: 1)
    var network = try Network(input: 2, hidden: [16], output: 2, activation: .relu, seed: 0)
    let history = try Trainer(TrainingConfiguration(epochs: 50, batchSize: 10, optimizer: .sgd(), learningRate: 1e6,
                                                    recordSteps: true)).train(&network, on: data)
    #expect(history.diverged)
    #expect(history.finalTrain == nil)
    // Epochs before the blow-up keep their finite losses; nothing after it is recorded as a number.
    let losses = history.epochs.compactMap(\.trainLoss)
    #expect(losses.allSatisfy { $0.isFinite })
}

@Test func historyRecordsEpochsStepsAndValidation() throws {
    let data = try Datasets.spiral(pointsPerClass: 50, seed: 2, validation: 0.2, test: 0.1)
    #expect(data.train.count == 70 && data.validation.count == 20 && data.test.count == 10)
    var network = try Network(input: 2, hidden: [8], output: 2, activation: .tanh, seed: 0)
    let history = try Trainer(TrainingConfiguration(epochs: 5, batchSize: 16, trackTest: true, recordSteps: true))
        .train(&network, on: data)
    #expect(history.epochs.allSatisfy { $0.testAccuracy != nil })
    #expect(history.epochs.map(\.epoch) == [0, 1, 2, 3, 4, 5])
    #expect(history.steps.count == 5 * 5)
    #expect(history.epochs.allSatisfy { $0.validationLoss != nil && $0.trainAccuracy != nil })
    #expect(history.finalTest?.accuracy != nil)
}

@Test func earlyStoppingEndsARunThatStopsImproving() throws {
    let data = try Datasets.spiral(pointsPerClass: 50, seed: 2, validation: 0.2)
    var network = try Network(input: 2, hidden: [8], output: 2, activation: .tanh, seed: 0)
    var config = TrainingConfiguration(epochs: 50, learningRate: 0)
    config.earlyStopping = EarlyStopping(patience: 3)
    let history = try Trainer(config).train(&network, on: data)
    #expect(history.status == .stoppedEarly(epoch: 4))
    #expect(history.bestEpoch == 1)
}

@Test func capturesHoldEveryLayerOutputAtTheChosenEpochs() throws {
    let data = try Datasets.spiral(pointsPerClass: 30, seed: 2)
    var network = try Network(input: 2, hidden: [4, 3], output: 2, activation: .tanh, seed: 0)
    var config = TrainingConfiguration(epochs: 6, batchSize: 20)
    config.captureEpochs = [0, 6]
    let history = try Trainer(config).train(&network, on: data)
    #expect(history.captures.map(\.epoch) == [0, 6])
    let last = try #require(history.captures.last)
    #expect(last.layerOutputs.map(\.columns) == [4, 4, 3, 3, 2])
    #expect(last.layerOutputs.allSatisfy { $0.rows == 60 })
    #expect(last.layerOutputs.last == (try network.predict(data.train.features)))
    #expect(try network.hiddenActivations(data.train.features).map(\.columns) == [4, 3])
}

@Test func regressionTrainsWithMeanSquaredError() throws {
    let data = try Datasets.sawtooth(points: 100, teeth: 1, seed: 3)
    var network = try Network(input: 1, hidden: [16], output: 1, activation: .relu, initializer: .heNormal, seed: 1)
    let before = try network.evaluate(data.train, loss: .meanSquaredError).loss
    let history = try Trainer(TrainingConfiguration(epochs: 200, batchSize: 20, learningRate: 0.01))
        .train(&network, on: data)
    #expect(history.finalTrain!.accuracy == nil)
    #expect(history.finalTrain!.loss < before / 2)
}

@Test func badSettingsThrowMessagesThatNameThem() throws {
    let data = try Datasets.spiral(pointsPerClass: 10)
    var network = try Network(input: 2, hidden: [4], output: 2, seed: 0)
    #expect(throws: LearningError.invalidSetting(name: "batch size", expected: "a positive whole number", found: "0")) {
        try Trainer(TrainingConfiguration(batchSize: 0)).train(&network, on: data)
    }
    var wide = try Network(input: 3, hidden: [4], output: 2, seed: 0)
    #expect(throws: LearningError.self) { try Trainer().train(&wide, on: data) }
    var narrow = try Network(input: 2, hidden: [4], output: 1, seed: 0)
    #expect(throws: LearningError.self) { try Trainer().train(&narrow, on: data) }
    #expect(throws: LearningError.self) { try Network(input: 2, hidden: [0], output: 2) }
    #expect(throws: LearningError.self) { try Network(input: 2, hidden: [3], output: 2, dropout: 1) }
}

@Test func withoutFinalMetricsTheSameWeightsAreTrainedAndNothingIsMeasuredAfter() throws {
    let data = try Datasets.spiral(pointsPerClass: 50, seed: 1)
    func trained(finalMetrics: Bool) throws -> (parameters: [Float], history: TrainingHistory) {
        var network = try Network(input: 2, hidden: [8, 8], output: 2, activation: .relu, seed: 4)
        var config = spiralConfiguration(epochs: 5)
        config.finalMetrics = finalMetrics
        let history = try Trainer(config).train(&network, on: data)
        return (network.parameters, history)
    }
    let measured = try trained(finalMetrics: true), unmeasured = try trained(finalMetrics: false)
    #expect(measured.parameters == unmeasured.parameters)
    #expect(measured.history.finalTrain != nil)
    #expect(unmeasured.history.finalTrain == nil && unmeasured.history.finalValidation == nil)
}

@Test func theFinalValidationMeasurementIsTheLastEpochsAndAfterRestoringTheBestWeightsTheirs() throws {
    let data = try Datasets.spiral(pointsPerClass: 40, seed: 3, validation: 0.25)
    var network = try Network(input: 2, hidden: [8], output: 2, activation: .relu, seed: 4)
    let history = try Trainer(spiralConfiguration(epochs: 4)).train(&network, train: data.train, validation: data.validation)
    let last = try #require(history.epochs.last)
    #expect(history.finalValidation == Evaluation(loss: last.validationLoss!, accuracy: last.validationAccuracy))
    #expect(history.finalValidation == (try network.evaluate(data.validation, loss: .softmaxCrossEntropy)))

    var restored = try Network(input: 2, hidden: [8], output: 2, activation: .relu, seed: 4)
    var config = spiralConfiguration(epochs: 30)
    config.learningRate = 0.05
    config.earlyStopping = EarlyStopping(patience: 2, minDelta: 0, restoreBest: true)
    let stopped = try Trainer(config).train(&restored, train: data.train, validation: data.validation)
    #expect(!stopped.diverged)
    #expect(stopped.finalValidation == (try restored.evaluate(data.validation, loss: .softmaxCrossEntropy)))
}
