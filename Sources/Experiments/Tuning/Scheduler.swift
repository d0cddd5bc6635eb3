import Foundation

/// The half of a tuning strategy that decides how long each trial trains (Optuna's
/// pruner, Ray Tune's scheduler): asked for work whenever a worker is free, it answers
/// with a new trial to start, a trial to continue, or nothing for now (a synchronous
/// rung waiting for its last member). It reads only the validation accuracies the trials
/// reported after each epoch, never the trainer's internals.
protocol Scheduler: Sendable {
    /// A short name for legends and tables.
    var name: String { get }
    /// Epochs at which the scheduler compares trials (for figures); empty when it does not.
    var rungs: [Int] { get }
    /// The next job for a free worker, or nil to leave it idle until a job finishes.
    mutating func next(trials: [TrialState]) -> Job?
    /// Called when the job of trial `id` finished (its curve is updated in `trials`).
    mutating func finished(trial id: Int, trials: [TrialState])
}

/// What a worker does next.
enum Job: Sendable, Equatable {
    /// Start a new trial (its configuration comes from the sampler) and train it to `epochs`.
    case start(epochs: Int)
    /// Continue trial `trial` until it has trained `epochs` epochs in all.
    case resume(trial: Int, epochs: Int)
}

/// A trial as the strategies see it.
struct TrialState: Sendable {
    var id: Int
    /// Unit-cube coordinates of the configuration trained (after rounding).
    var point: [Double]
    /// Validation accuracy after each epoch trained so far.
    var curve: [Double]
    /// Whether a job of this trial is in progress.
    var running = false

    var epochs: Int { curve.count }
    var last: Double { curve.last ?? 0 }
}

/// No early stopping: every trial trains the full number of epochs (what grid search,
/// random search and Bayesian optimisation do on their own).
struct FullTraining: Scheduler {
    let maxEpochs: Int
    var name: String { "full training" }
    var rungs: [Int] { [] }

    mutating func next(trials: [TrialState]) -> Job? { .start(epochs: maxEpochs) }
    mutating func finished(trial id: Int, trials: [TrialState]) {}
}
