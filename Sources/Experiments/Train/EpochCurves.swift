import Foundation
import Learning

/// What one training run of an MLP measured, the same value for every trial that trains
/// one (`train`, the optimiser and overfitting lessons): the loss and accuracy of each
/// split over the epochs, whether the run diverged, how many epochs it trained, the epoch
/// of the lowest validation loss and the final measurements. It is made in one place per
/// way of training (`init(history:)` for a whole run through the `Trainer`, `record` and
/// `finish` for a run trained epoch by epoch, both by `TrialRun`), under one rule for
/// divergence (`settle`), so a setup gives the same numbers whichever kind trains it.
struct EpochCurves: Codable, Sendable, Equatable {
    var diverged = false
    /// Epochs completed when the run ended (early stopping or divergence end it sooner).
    var epochsTrained = 0
    /// Loss and accuracy after 0, 1, ... epochs (validation and test; training too when it
    /// is measured by full passes), or during epochs 1, 2, ... (training measured as the
    /// mean over each epoch's minibatches, so one value fewer). A curve is empty where the
    /// split is not measured; accuracies are empty for regression. Curves of a diverged run
    /// stop where it diverged.
    var trainLoss: [Double] = []
    var trainAccuracy: [Double] = []
    var validationLoss: [Double] = []
    var validationAccuracy: [Double] = []
    var testLoss: [Double] = []
    var testAccuracy: [Double] = []
    /// The epoch of the lowest validation loss (after early stopping that restored the best
    /// weights: the epoch it restored).
    var bestEpoch = 0
    /// Full passes over each split with the final weights; NaN when the run diverged or the
    /// split was not measured.
    var finalTrainLoss = Double.nan
    var finalTrainAccuracy = Double.nan
    var finalValidationLoss = Double.nan
    var finalValidationAccuracy = Double.nan
    var finalTestLoss = Double.nan
    var finalTestAccuracy = Double.nan

    /// A split whose loss and accuracy a run records.
    enum Split: Sendable {
        case train, validation, test
    }

    // The memberwise initialiser (every measurement defaulted: `EpochCurves()` is a run not
    // measured yet, for `record` and `finish`) stays because `init(history:)` is declared
    // in an extension.

    /// Appends one epoch's full pass over `split` (accuracy nil for regression).
    mutating func record(_ split: Split, loss: Double, accuracy: Double?) {
        switch split {
        case .train:
            trainLoss.append(loss)
            if let accuracy { trainAccuracy.append(accuracy) }
        case .validation:
            validationLoss.append(loss)
            if let accuracy { validationAccuracy.append(accuracy) }
        case .test:
            testLoss.append(loss)
            if let accuracy { testAccuracy.append(accuracy) }
        }
    }

    /// Ends a run trained epoch by epoch, every curve measured by full passes from epoch 0:
    /// the final measurements are the last ones recorded, the best epoch is read off the
    /// validation curve, and the divergence rule is applied.
    mutating func finish(diverged: Bool) {
        self.diverged = diverged
        epochsTrained = max(0, validationLoss.count - 1)
        bestEpoch = Self.bestEpoch(validationLoss)
        finalTrainLoss = trainLoss.last ?? .nan
        finalTrainAccuracy = trainAccuracy.last ?? .nan
        finalValidationLoss = validationLoss.last ?? .nan
        finalValidationAccuracy = validationAccuracy.last ?? .nan
        finalTestLoss = testLoss.last ?? .nan
        finalTestAccuracy = testAccuracy.last ?? .nan
        settle(fullPasses: trainLoss.isEmpty ? [finalValidationLoss] : [finalTrainLoss, finalValidationLoss])
    }

    /// The divergence rule of every trial: a run whose minibatch losses stayed finite but
    /// whose final full pass over a split overflowed (`fullPasses`, the final losses
    /// measured) diverged all the same, and a diverged run has no final measurements.
    private mutating func settle(fullPasses: [Double]) {
        if !diverged, fullPasses.contains(where: { !$0.isFinite }) { diverged = true }
        guard diverged else { return }
        finalTrainLoss = .nan
        finalTrainAccuracy = .nan
        finalValidationLoss = .nan
        finalValidationAccuracy = .nan
        finalTestLoss = .nan
        finalTestAccuracy = .nan
    }

    /// The index of the smallest finite value, the first of equals (0 when there is none).
    static func bestEpoch(_ losses: [Double]) -> Int {
        var best = 0
        for (i, v) in losses.enumerated() where v.isFinite && (!losses[best].isFinite || v < losses[best]) { best = i }
        return best
    }
}

extension EpochCurves {
    /// The measurements of a whole run through `Trainer.train`: the per-epoch records'
    /// curves and the history's final evaluations.
    init(history: TrainingHistory) {
        let epochs = history.epochs
        func curve(_ path: KeyPath<EpochRecord, Double?>) -> [Double] { epochs.compactMap { $0[keyPath: path] } }
        diverged = history.diverged
        epochsTrained = max(0, epochs.count - 1)
        trainLoss = curve(\.trainLoss)
        trainAccuracy = curve(\.trainAccuracy)
        validationLoss = curve(\.validationLoss)
        validationAccuracy = curve(\.validationAccuracy)
        testLoss = curve(\.testLoss)
        testAccuracy = curve(\.testAccuracy)
        bestEpoch = history.bestEpoch ?? Self.bestEpoch(validationLoss)
        finalTrainLoss = history.finalTrain?.loss ?? .nan
        finalTrainAccuracy = history.finalTrain?.accuracy ?? .nan
        finalValidationLoss = history.finalValidation?.loss ?? .nan
        finalValidationAccuracy = history.finalValidation?.accuracy ?? .nan
        finalTestLoss = history.finalTest?.loss ?? .nan
        finalTestAccuracy = history.finalTest?.accuracy ?? .nan
        settle(fullPasses: [finalTrainLoss, finalValidationLoss])
    }
}
