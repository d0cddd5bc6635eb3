import Foundation

/// ASHA, asynchronous successive halving (Li et al. 2020): whenever a worker is free,
/// promote a trial that is in the top 1/eta of its rung and not yet promoted (looking at
/// the highest rung first); if there is none, start a new configuration on the lowest
/// rung. No worker ever waits for a rung to fill, at the price of promoting on the
/// results known so far.
struct AsynchronousHalving: Scheduler {
    let eta: Int
    let maxEpochs: Int
    let rungs: [Int]
    private var promoted: [Set<Int>]
    /// Every promotion made: (trial, rung epochs it was compared at, epochs it goes on to).
    private(set) var promotions: [(trial: Int, from: Int, to: Int)] = []
    var name: String { "asha" }

    init(maxEpochs: Int, eta: Int, minEpochs: Int = 1) {
        let e = max(2, eta)
        self.eta = e
        self.maxEpochs = maxEpochs
        var rungs = [max(1, min(minEpochs, maxEpochs))]
        while rungs.last! < maxEpochs { rungs.append(min(rungs.last! * e, maxEpochs)) }
        self.rungs = rungs
        promoted = Array(repeating: [], count: rungs.count)
    }

    mutating func next(trials: [TrialState]) -> Job? {
        for k in stride(from: rungs.count - 2, through: 0, by: -1) {
            let at = rungs[k]
            // Trials that have reported at this rung (a trial training past it already has).
            let reported = trials.filter { $0.epochs >= at }
            let ranked = reported.sorted { ($0.curve[at - 1], -$0.id) > ($1.curve[at - 1], -$1.id) }
            let top = ranked.prefix(reported.count / eta)
            if let pick = top.first(where: { !promoted[k].contains($0.id) && !$0.running && $0.epochs == at }) {
                promoted[k].insert(pick.id)
                promotions.append((pick.id, at, rungs[k + 1]))
                return .resume(trial: pick.id, epochs: rungs[k + 1])
            }
        }
        return .start(epochs: rungs[0])
    }

    mutating func finished(trial id: Int, trials: [TrialState]) {}
}
