import Foundation
import Learning
import Testing
@testable import Experiments

// The one trial path (`TrialRun`, `EpochCurves`): the bespoke kinds that train MLPs give
// the numbers a `train` trial with the same setup gives, bit for bit.

/// Every measurement of a run by its bits (so NaN equals NaN), with the counts and flags.
private func bits(_ c: EpochCurves) -> [UInt64] {
    let curves = [c.trainLoss, c.trainAccuracy, c.validationLoss, c.validationAccuracy, c.testLoss, c.testAccuracy]
    let finals = [c.finalTrainLoss, c.finalTrainAccuracy, c.finalValidationLoss, c.finalValidationAccuracy,
                  c.finalTestLoss, c.finalTestAccuracy]
    return [c.diverged ? 1 : 0, UInt64(c.epochsTrained), UInt64(c.bestEpoch)]
        + curves.flatMap { [UInt64($0.count)] + $0.map(\.bitPattern) } + finals.map(\.bitPattern)
}

@Test(arguments: [(OptimizerChoice.adam, 1e-2, TrainingParameters.Schedule.constant),
                  (.momentum, 0.05, .cosine), (.sgd, 60, .constant)])
func anOptimiserTrialMeasuresWhatTheTrainTrialOfItsSetupMeasures(
    optimizer: OptimizerChoice, rate: Double, schedule: TrainingParameters.Schedule) throws {
    let spec = BatchData.Spec(source: .synthetic, train: 600, validation: 200, inputs: 12, spread: 2, seed: 5)
    let batch = try BatchData.load(spec)
    var training = BatchDataSetup.training(optimizer: optimizer, learningRate: rate, epochs: 4, batchSize: 32)
    training.schedule = schedule
    training.divergenceThreshold = OptimizerTrial.divergenceThreshold
    let model = BatchDataSetup.model(hidden: [24, 16])
    let trainKey = TrainTrial.Key(data: TrainData.Spec(parameters: BatchDataSetup.data(), seed: 5, fileDigest: ""),
                                  model: model, training: training, target: 0, seed: 11)
    let bespokeKey = OptimizerTrial.Key(version: OptimizerTrial.version, data: spec, hidden: model.hidden,
                                        activation: model.activation, initializer: model.initializer,
                                        optimizer: training.engineOptimizer, rate: rate, schedule: training.engineSchedule,
                                        epochs: training.epochs, batch: training.batchSize, seed: 11, bins: 2)
    let bespoke = try OptimizerTrial.run(bespokeKey, data: batch)
    let general = try TrainTrial.run(trainKey, data: TrainData(dataset: batch.dataset, description: batch.description))
    #expect(bits(bespoke.curves) == bits(general.curves))
    #expect(bespoke.validationLoss.count == (bespoke.diverged ? bespoke.epochsTrained + 1 : 5))
    if rate > 1 {
        // The divergence case: the run ended early, with no final measurements.
        #expect(bespoke.diverged && bespoke.divergedAt != nil && bespoke.finalValidationLoss.isNaN)
    } else {
        #expect(!bespoke.diverged && bespoke.divergedAt == nil && bespoke.finalValidationAccuracy > 0.2)
        #expect(bespoke.binLoss.count == 8)
    }
}

@Test func theOverfittingTrialsSplitsAreMeasuredAsATrainerRunMeasuresThem() throws {
    // The session path measures the validation and test splits with the passes the
    // `Trainer` path makes (the training split no smaller than the others: the same chunks).
    let spec = OverfittingData.Spec(train: 300, validation: 100, test: 100, noise: 0.2, seed: 7)
    let data = try OverfittingData.load(spec)
    let key = OverfittingTrial.Key(version: OverfittingTrial.version, data: spec, width: 16, dropout: 0.2,
                                   weightDecay: 1e-3, rate: 0.002, epochs: 3, batch: 32, seed: 5)
    let bespoke = try OverfittingTrial.run(key, data: data)
    let whole = try TrialRun(training: OverfittingTrial.recipe(key),
                             on: Dataset(name: "overfitting", train: data.train, validation: data.validation,
                                         test: data.test, classCount: OverfittingData.classes))
    let general = whole.curves
    #expect(bespoke.validationLoss.map(\.bitPattern) == general.validationLoss.map(\.bitPattern))
    #expect(bespoke.validationAccuracy == general.validationAccuracy)
    #expect(bespoke.testLoss.map(\.bitPattern) == general.testLoss.map(\.bitPattern))
    #expect(bespoke.testAccuracy == general.testAccuracy)
    #expect(bespoke.finalValidationLoss.bitPattern == general.finalValidationLoss.bitPattern)
    #expect(bespoke.finalTestAccuracy == general.finalTestAccuracy)
    #expect(bespoke.epochsTrained == 3 && general.epochsTrained == 3 && bespoke.bestEpoch == general.bestEpoch)
    #expect(!bespoke.diverged && !general.diverged && bespoke.memorised.count == 4)
}

@Test func aRunWhoseFinalFullPassOverflowsDivergedAllTheSame() {
    // Epoch by epoch: the last validation pass overflowed although no step did.
    var overflow = EpochCurves()
    for loss in [2.3, 1.2, Double.infinity] {
        overflow.record(.validation, loss: loss, accuracy: 0.5)
        overflow.record(.train, loss: 1, accuracy: 0.5)
    }
    overflow.finish(diverged: false)
    #expect(overflow.diverged && overflow.finalTrainLoss.isNaN && overflow.finalValidationAccuracy.isNaN)
    #expect(overflow.bestEpoch == 1 && overflow.epochsTrained == 2)
    // Only the validation split measured: its last pass decides alone.
    var lean = EpochCurves()
    for loss in [2.3, 0.9] { lean.record(.validation, loss: loss, accuracy: nil) }
    lean.finish(diverged: false)
    #expect(!lean.diverged && lean.finalValidationLoss == 0.9 && lean.finalTrainLoss.isNaN && lean.validationAccuracy.isEmpty)
    // A diverged run keeps its curves up to where it stopped, and no final measurement.
    var stopped = EpochCurves()
    stopped.record(.validation, loss: 2.3, accuracy: 0.1)
    stopped.finish(diverged: true)
    #expect(stopped.diverged && stopped.validationLoss == [2.3] && stopped.finalValidationLoss.isNaN)
}

@Test func theBestEpochIsTheFirstLowestFiniteLoss() {
    #expect(EpochCurves.bestEpoch([2.3, 1.0, 0.8, 0.8, 1.1]) == 2)
    #expect(EpochCurves.bestEpoch([.nan, 2, .infinity, 1.5]) == 3)
    #expect(EpochCurves.bestEpoch([]) == 0)
}
