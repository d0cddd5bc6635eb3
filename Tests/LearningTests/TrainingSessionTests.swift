import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// Adam (bias corrections), dropout (the noise stream) and a cosine schedule (the planned
/// total) all carry state across a pause, so they are what a resumed run must get right.
private func sessionConfiguration() -> TrainingConfiguration {
    TrainingConfiguration(epochs: 5, batchSize: 16, optimizer: .adam(), learningRate: 0.01, schedule: .cosine(),
                          seed: 11, trainMetrics: .none)
}

private func sessionData() throws -> Dataset {
    try Datasets.spiral(pointsPerClass: 40, seed: 3, validation: 0.25)
}

private func sessionNetwork() throws -> Network {
    try Network(input: 2, hidden: [8, 8], output: 2, activation: .relu, dropout: 0.1, seed: 5)
}

@Test func aSessionTrainedTwoThenThreeEpochsEqualsOneTrainerRunOfFiveBitForBit() throws {
    let data = try sessionData()
    var uninterrupted = try sessionNetwork()
    let history = try Trainer(sessionConfiguration()).train(&uninterrupted, train: data.train, validation: data.validation)

    let session = try TrainingSession(network: try sessionNetwork(), train: data.train, validation: data.validation,
                                      configuration: sessionConfiguration())
    let first = try session.train(epochs: 2)
    #expect(session.epoch == 2)
    let second = try session.train(epochs: 3)
    #expect(session.epoch == 5)
    #expect(session.step == history.stepCount)
    #expect(session.network.parameters == uninterrupted.parameters)
    let trainerAccuracies = history.epochs.filter { $0.epoch > 0 }.map(\.validationAccuracy)
    #expect((first + second).map(\.validationAccuracy) == trainerAccuracies)
}

@Test func aCheckpointWrittenAsJSONContinuesExactlyWhereTheSessionStopped() throws {
    let data = try sessionData()
    let whole = try TrainingSession(network: try sessionNetwork(), train: data.train, validation: data.validation,
                                    configuration: sessionConfiguration())
    try whole.train(epochs: 5)

    let paused = try TrainingSession(network: try sessionNetwork(), train: data.train, validation: data.validation,
                                     configuration: sessionConfiguration())
    try paused.train(epochs: 2)
    let stored = try JSONEncoder().encode(paused.checkpoint)
    let checkpoint = try JSONDecoder().decode(TrainingSession.Checkpoint.self, from: stored)
    let resumed = try TrainingSession(resuming: checkpoint, train: data.train, validation: data.validation,
                                      configuration: sessionConfiguration())
    #expect(resumed.epoch == 2)
    try resumed.train(epochs: 3)
    #expect(resumed.network.parameters == whole.network.parameters)
    #expect(resumed.checkpoint == whole.checkpoint)
    // A different pause point gives the same run too.
    let other = try TrainingSession(network: try sessionNetwork(), train: data.train, validation: data.validation,
                                    configuration: sessionConfiguration())
    try other.train(epochs: 4)
    let late = try TrainingSession(resuming: other.checkpoint, train: data.train, validation: data.validation,
                                   configuration: sessionConfiguration())
    try late.train(epochs: 1)
    #expect(late.network.parameters == whole.network.parameters)
}

@Test func aDivergedSessionStopsAndTrainsNoFurther() throws {
    let data = try sessionData()
    var config = sessionConfiguration()
    config.optimizer = .sgd()
    config.learningRate = 1e6
    config.schedule = .constant
    let session = try TrainingSession(network: try sessionNetwork(), train: data.train, configuration: config)
    let records = try session.train(epochs: 5)
    #expect(session.diverged)
    #expect(records.count < 5)
    #expect(try session.train(epochs: 2).isEmpty)
}

/// Every optimiser (with and without weight decay), every schedule and dropout on and off:
/// a `Trainer` run and a session paused after one epoch, stored as JSON and resumed for the
/// rest end with the same weights bit for bit.
@Test(arguments: [
    Optimizer.sgd(), .sgd(momentum: 0.9), .sgd(momentum: 0.9, nesterov: true, weightDecay: 1e-3),
    .rmsprop(), .rmsprop(weightDecay: 1e-3), .adam(), .adam(weightDecay: 1e-3), .adamW(),
])
func aTrainerRunAndAResumedSessionAgreeForEveryOptimizer(optimizer: Optimizer) throws {
    let schedules: [LearningRateSchedule] = [.constant, .step(everyEpochs: 2, factor: 0.5), .cosine(minimum: 0.001),
                                             .warmupCosine(warmupSteps: 7)]
    let data = try sessionData()
    for schedule in schedules {
        for dropout: Float in [0, 0.2] {
            let config = TrainingConfiguration(epochs: 4, batchSize: 16, optimizer: optimizer, learningRate: 0.01,
                                               schedule: schedule, seed: 23, trainMetrics: .none)
            let network = try Network(input: 2, hidden: [8, 8], output: 2, activation: .tanh, dropout: dropout, seed: 7)
            var whole = network
            let history = try Trainer(config).train(&whole, train: data.train, validation: data.validation)
            let first = try TrainingSession(network: network, train: data.train, validation: data.validation,
                                            configuration: config)
            try first.train(epochs: 1)
            let stored = try JSONDecoder().decode(TrainingSession.Checkpoint.self,
                                                  from: try JSONEncoder().encode(first.checkpoint))
            let rest = try TrainingSession(resuming: stored, train: data.train, validation: data.validation,
                                           configuration: config)
            let records = try rest.train(epochs: 3)
            #expect(rest.network.parameters == whole.parameters, "\(optimizer) \(schedule) dropout \(dropout)")
            #expect(rest.step == history.stepCount)
            #expect(records.map { $0.validationLoss } == history.epochs.suffix(3).map { $0.validationLoss })
        }
    }
}

@Test func oneSplitAgainstSeveralLabelVectorsGivesEachSeparateEvaluationBitForBit() throws {
    let data = try sessionData()
    let session = try TrainingSession(network: try sessionNetwork(), train: data.train, configuration: sessionConfiguration())
    try session.train(epochs: 2)
    let split = data.train
    let flipped = split.labels.map { 1 - $0 }
    let both = try session.evaluate(split, againstEach: [split.labels, flipped])
    #expect(both.count == 2)
    #expect(both[0] == (try session.evaluate(split)))
    #expect(both[1] == (try session.evaluate(DataSplit(features: split.features, labels: flipped))))
    #expect(abs((both[0].accuracy ?? 0) + (both[1].accuracy ?? 0) - 1) < 1e-12)
    #expect(throws: (any Error).self) { try session.evaluate(split, againstEach: [[0]]) }
}

@Test func trainingOnIndexedExamplesEqualsTrainingOnTheirCopyBitForBit() throws {
    let data = try sessionData()
    // Repeats and a different order, as the batch-size lesson's segments have.
    let indices = [5, 3, 3, 40, 12, 7, 0, 59, 21, 5, 44, 18, 2, 30, 30, 9, 11, 50, 1, 33]
    var configuration = sessionConfiguration()
    configuration.recordSteps = true
    var copied = try sessionNetwork()
    let history = try Trainer(configuration).train(&copied, train: data.train.subset(indices), validation: data.validation)
    var indexed = try sessionNetwork()
    let viaIndices = try Trainer(configuration).train(&indexed, train: data.train, validation: data.validation,
                                                      examples: indices)
    #expect(indexed.parameters == copied.parameters)
    #expect(viaIndices.steps.map(\.loss) == history.steps.map(\.loss))
    #expect(viaIndices.epochs.map(\.validationLoss) == history.epochs.map(\.validationLoss))

    let session = try TrainingSession(network: try sessionNetwork(), train: data.train, validation: data.validation,
                                      examples: indices, configuration: configuration)
    let records = try session.train(epochs: 5)
    #expect(session.network.parameters == copied.parameters)
    #expect(session.recordedSteps.map(\.loss) == history.steps.map(\.loss))
    #expect(records.map(\.validationLoss) == Array(history.epochs.dropFirst().map(\.validationLoss)))
    #expect(throws: LearningError.self) {
        try TrainingSession(network: try sessionNetwork(), train: data.train, examples: [data.train.count],
                            configuration: configuration)
    }
}
