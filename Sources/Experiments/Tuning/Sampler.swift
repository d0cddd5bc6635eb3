import Foundation

/// The half of a tuning strategy that decides where to look next (Optuna's sampler):
/// given what the search has observed so far, a point of the unit cube, or nil when it
/// has nothing more to propose (a grid that is used up). Stopping trials is the
/// scheduler's job, so any sampler combines with any scheduler.
protocol Sampler: Sendable {
    /// A short name for legends and tables.
    var name: String { get }
    /// The next point to try, in unit-cube coordinates (one per dimension).
    mutating func propose(observed: [Observation]) -> [Double]?
}

/// What a sampler may read about a trial: where it was (unit coordinates of the
/// configuration actually trained, after rounding) and the validation accuracy it reached
/// at its last measured epoch.
struct Observation: Sendable, Equatable {
    var point: [Double]
    var value: Double
    var epochs: Int
}
