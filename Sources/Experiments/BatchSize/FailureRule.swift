import Foundation

/// When a trial of the batch-size sweep counts as failed. A run *diverged* when a
/// minibatch loss passed `SGDTrial.divergenceThreshold` (100) or was not a number. A run
/// *collapsed* when, at its last measurement, its validation accuracy is below chance
/// (1 / classes) plus `margin`, or its validation loss is above ln(classes), the loss of
/// predicting every class with equal probability: the network has stopped learning (dead
/// ReLUs, or weights kicked too far by the noise) even though the loss never blew up.
struct FailureRule: Sendable, Equatable {
    /// Number of classes; chance accuracy is 1 / classes.
    var classes: Int
    /// How far above chance the final accuracy must be for the run to count as learning.
    var margin: Double

    enum Outcome: String, Sendable {
        case healthy, diverged, collapsed
    }

    /// Final validation accuracy below this means the run collapsed.
    var accuracyFloor: Double { 1 / Double(classes) + margin }
    /// Final validation loss above this means the run collapsed: ln(classes).
    var lossCeiling: Double { Foundation.log(Double(classes)) }

    func outcome(_ trial: SGDTrial.Result) -> Outcome {
        if trial.diverged { return .diverged }
        guard let accuracy = trial.validationAccuracy.last, let loss = trial.validationLoss.last else { return .healthy }
        return accuracy < accuracyFloor || !(loss <= lossCeiling) ? .collapsed : .healthy
    }

    func failed(_ trial: SGDTrial.Result) -> Bool { outcome(trial) != .healthy }

    /// The rule in words, for captions and notes.
    var description: String {
        String(format: "diverged (a minibatch loss above %g or not a number) or collapsed (a final validation accuracy below %.0f%%, chance plus %.0f points, or a final validation loss above ln %d = %.2f)",
               SGDTrial.divergenceThreshold, 100 * accuracyFloor, 100 * margin, classes, lossCeiling)
    }
}
