import Foundation

/// A number measured on every trial of a `train` cell, by the name metrics, claims,
/// tables and `plots:` use (`final.validation_accuracy`).
enum TrainMeasure: String, CaseIterable, Sendable {
    case finalTrainLoss = "final.train_loss"
    case finalTrainAccuracy = "final.train_accuracy"
    case finalValidationLoss = "final.validation_loss"
    case finalValidationAccuracy = "final.validation_accuracy"
    case finalTestLoss = "final.test_loss"
    case finalTestAccuracy = "final.test_accuracy"
    case bestValidationLoss = "best.validation_loss"
    case bestValidationAccuracy = "best.validation_accuracy"
    case bestEpoch = "best_epoch"
    case epochsToTarget = "epochs_to_target"
    case reachedTarget = "reached_target"
    case parameters
    case diverged

    /// What it is, for `lessonbook kinds train`.
    var doc: String {
        switch self {
        case .finalTrainLoss: return "Training loss after the last epoch (cross-entropy, or mean squared error for regression); NaN when the run diverged."
        case .finalTrainAccuracy: return "Training accuracy after the last epoch (classification)."
        case .finalValidationLoss: return "Validation loss after the last epoch (after early stopping: of the best weights)."
        case .finalValidationAccuracy: return "Validation accuracy after the last epoch (classification)."
        case .finalTestLoss: return "Test loss after the last epoch (with a test split)."
        case .finalTestAccuracy: return "Test accuracy after the last epoch (classification, with a test split)."
        case .bestValidationLoss: return "Lowest validation loss over the epochs."
        case .bestValidationAccuracy: return "Highest validation accuracy over the epochs (classification)."
        case .bestEpoch: return "Epoch of the lowest validation loss (0: the untrained network)."
        case .epochsToTarget: return "Epochs until the validation accuracy first reached `target` (regression: the validation loss fell to it), interpolated between epochs from epoch 0; NaN when a seed never did (with `target` above 0)."
        case .reachedTarget: return "1 when the run reached `target`, else 0 (over seeds: the share that did; with `target` above 0)."
        case .parameters: return "Trainable parameters of the network."
        case .diverged: return "1 when the run diverged, else 0 (over seeds: the share that did)."
        }
    }

    /// Whether larger is better (accuracies), for the best point and for colour maps.
    var higherIsBetter: Bool {
        switch self {
        case .finalTrainAccuracy, .finalValidationAccuracy, .finalTestAccuracy, .bestValidationAccuracy, .reachedTarget: return true
        default: return false
        }
    }

    /// Whether the measure exists for a set of this kind (accuracies need classes, test
    /// measures a test split, the target measures a target).
    func applies(classification: Bool, test: Bool, target: Bool) -> Bool {
        switch self {
        case .finalTrainAccuracy, .finalValidationAccuracy, .bestValidationAccuracy: return classification
        case .finalTestAccuracy: return classification && test
        case .finalTestLoss: return test
        case .epochsToTarget, .reachedTarget: return target
        default: return true
        }
    }

    /// `final validation accuracy`, for axis labels.
    var words: String { rawValue.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "_", with: " ") }

    /// The trial's value.
    func value(_ r: TrainTrial.Result) -> Double {
        switch self {
        case .finalTrainLoss: return r.finalTrainLoss
        case .finalTrainAccuracy: return r.finalTrainAccuracy
        case .finalValidationLoss: return r.finalValidationLoss
        case .finalValidationAccuracy: return r.finalValidationAccuracy
        case .finalTestLoss: return r.finalTestLoss
        case .finalTestAccuracy: return r.finalTestAccuracy
        case .bestValidationLoss: return r.validationLoss.filter(\.isFinite).min() ?? .nan
        case .bestValidationAccuracy: return r.validationAccuracy.filter(\.isFinite).max() ?? .nan
        case .bestEpoch: return Double(r.bestEpoch)
        case .epochsToTarget: return r.epochsToTarget
        case .reachedTarget: return r.epochsToTarget.isFinite ? 1 : 0
        case .parameters: return Double(r.parameters)
        case .diverged: return r.diverged ? 1 : 0
        }
    }

    /// The per-epoch curves `plots: [{type: curves, measure: ...}]` can draw.
    enum Curve: String, CaseIterable, Sendable {
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case validationLoss = "validation_loss", validationAccuracy = "validation_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy"

        func values(_ r: TrainTrial.Result) -> [Double] {
            switch self {
            case .trainLoss: return r.trainLoss
            case .trainAccuracy: return r.trainAccuracy
            case .validationLoss: return r.validationLoss
            case .validationAccuracy: return r.validationAccuracy
            case .testLoss: return r.testLoss
            case .testAccuracy: return r.testAccuracy
            }
        }

        /// The epoch of a curve's first value: the training curves are the mean minibatch
        /// loss and accuracy during epochs 1, 2, ...; the others are full passes after
        /// epochs 0 (the untrained network), 1, ...
        var firstEpoch: Int {
            switch self {
            case .trainLoss, .trainAccuracy: return 1
            case .validationLoss, .validationAccuracy, .testLoss, .testAccuracy: return 0
            }
        }

        var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }
}
