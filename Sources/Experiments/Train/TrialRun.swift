import Foundation
import Learning

/// The one path by which a trial trains an MLP: its `TrialRecipe`'s network trained on a
/// data set, and what the run measured as `EpochCurves`. The `train` kind's trial
/// (`TrainTrial`) and the optimiser lesson's (`OptimizerTrial`) train a whole run through
/// the engine's `Trainer` here (`init(training:on:recordSteps:)`); the overfitting lesson's
/// trial, which measures subsets of the training split the `Trainer` cannot see after every
/// epoch, trains epoch by epoch through a `TrainingSession` here
/// (`curves(training:on:classes:measure:)`). A `Trainer` is a session plus the hooks of a
/// whole run, so both ways take the same steps and measure the validation and test splits
/// with the same passes: a setup gives the same curves bit for bit whichever kind trains
/// it (for the session's passes, in the same chunks: when the training split has at least
/// as many examples as the others, or all have at least `Network.inferenceChunk`).
struct TrialRun {
    /// What the run measured.
    let curves: EpochCurves
    /// The trained network (after early stopping that restored the best weights: those).
    let network: Network
    /// The engine's record of the run (its status, and every step's loss when recorded).
    let history: TrainingHistory

    /// Trains `recipe`'s network on `set`'s training split, measuring the validation split
    /// after every epoch (and the test split, when there is one) and the training loss as
    /// the mean over each epoch's minibatches (free), then every split by a full pass with
    /// the final weights. `recordSteps` keeps each step's minibatch loss in `history`.
    init(training recipe: TrialRecipe, on set: Dataset, recordSteps: Bool = false) throws {
        var network = try recipe.network(input: set.inputSize, output: set.outputSize, sequence: set.sequence)
        let configuration = recipe.configuration(trainMetrics: .runningAverage, trackTest: !set.test.isEmpty,
                                                 recordSteps: recordSteps)
        history = try Trainer(configuration).train(&network, on: set)
        curves = EpochCurves(history: history)
        self.network = network
    }

    /// Trains `recipe`'s network on `train` one epoch at a time for its epochs through a
    /// `TrainingSession`, calling `measure` before the first epoch and after each one: it
    /// records full passes of the session's network into the curves (the validation split
    /// at least) and may measure more of its own. The run ends early when a step diverges;
    /// `EpochCurves.finish` then makes the final measurements (the last ones recorded).
    static func curves(training recipe: TrialRecipe, on train: DataSplit, classes: Int,
                       measure: (TrainingSession, inout EpochCurves) throws -> Void) throws -> EpochCurves {
        let network = try recipe.network(input: train.features.columns, output: classes)
        let session = try TrainingSession(network: network, train: train, configuration: recipe.configuration())
        var curves = EpochCurves()
        var diverged = false
        try measure(session, &curves)
        for _ in 0..<recipe.epochs {
            let records = try session.train(epochs: 1)
            if records.isEmpty || session.diverged {
                diverged = true
                break
            }
            try measure(session, &curves)
        }
        curves.finish(diverged: diverged)
        return curves
    }
}
