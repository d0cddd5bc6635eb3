import Foundation

/// One search: a sampler proposing configurations and a scheduler deciding how long each
/// trains, on `workers` workers and a simulated clock (a job of k epochs takes k time
/// units), until the epoch budget is spent. Jobs complete in order of their simulated end
/// time (ties: lowest worker first), and a job's training is done when it completes, so
/// the search, its order of events and its result do not depend on the machine's speed.
/// A job that would take the search past its budget is not started; the search ends when
/// nothing fits and nothing is running.
struct Search {
    /// The objective: validation (and test) accuracy after each of `epochs` epochs of a
    /// configuration, given as unit coordinates.
    typealias Objective = (_ point: [Double], _ epochs: Int) throws -> (validation: [Double], test: [Double])

    /// One completed job on the simulated clock.
    struct Event: Sendable, Equatable {
        var trial: Int
        var worker: Int
        var fromEpoch: Int
        var toEpoch: Int
        var start: Int
        var end: Int
    }

    /// What a search did.
    struct Outcome: Sendable {
        var trials: [TrialState]
        /// Test accuracy of every trial after each epoch (read once, for the pick).
        var testCurves: [[Double]]
        var events: [Event]
        /// After each job: epochs spent so far and the best validation accuracy of any
        /// trial at its last trained epoch.
        var spent: [Int]
        var best: [Double]
        /// The trial with the best validation accuracy at its last epoch (lowest id on ties).
        var pick: Int?

        /// Best validation accuracy with at most `epochs` spent (nil before the first job).
        func bestSoFar(within epochs: Int) -> Double? {
            var value: Double? = nil
            for (s, b) in zip(spent, best) where s <= epochs { value = b }
            return value
        }

        /// The pick's validation and test accuracy at its last epoch.
        var pickValidation: Double { pick.map { trials[$0].last } ?? .nan }
        var pickTest: Double { pick.map { testCurves[$0].last ?? .nan } ?? .nan }
    }

    /// A job in progress on the simulated clock.
    private struct Running {
        var trial: Int
        var worker: Int
        var from: Int
        var to: Int
        var start: Int
        var end: Int
    }

    static func run<S: Sampler, P: Scheduler>(sampler: inout S, scheduler: inout P, budget: Int, workers: Int,
                                              round: ([Double]) -> [Double], objective: Objective,
                                              progress: (Outcome) -> Void = { _ in }) throws -> Outcome {
        var outcome = Outcome(trials: [], testCurves: [], events: [], spent: [], best: [], pick: nil)
        var running: [Running] = []
        var free = Array(0..<max(1, workers))
        var now = 0
        var spent = 0
        var committed = 0
        var exhausted = false
        while true {
            issue: while !exhausted, !free.isEmpty {
                guard let job = scheduler.next(trials: outcome.trials) else { break }
                let id: Int, from: Int, to: Int
                switch job {
                case .start(let epochs):
                    guard spent + committed + epochs <= budget else { exhausted = true; break issue }
                    let observed = outcome.trials.filter { !$0.running && $0.epochs > 0 }
                        .map { Observation(point: $0.point, value: $0.last, epochs: $0.epochs) }
                    guard let proposal = sampler.propose(observed: observed) else { exhausted = true; break issue }
                    let point = round(proposal)
                    id = outcome.trials.count
                    outcome.trials.append(TrialState(id: id, point: point, curve: []))
                    outcome.testCurves.append([])
                    from = 0
                    to = epochs
                case let .resume(trial, epochs):
                    from = outcome.trials[trial].epochs
                    guard spent + committed + (epochs - from) <= budget else { exhausted = true; break issue }
                    id = trial
                    to = epochs
                }
                let worker = free.removeFirst()
                outcome.trials[id].running = true
                committed += to - from
                running.append(Running(trial: id, worker: worker, from: from, to: to, start: now, end: now + (to - from)))
            }
            guard !running.isEmpty else { break }
            let index = running.indices.min { (running[$0].end, running[$0].worker) < (running[$1].end, running[$1].worker) }!
            let job = running.remove(at: index)
            now = job.end
            let result = try objective(outcome.trials[job.trial].point, job.to)
            outcome.trials[job.trial].curve = Array(result.validation.prefix(job.to))
            outcome.testCurves[job.trial] = Array(result.test.prefix(job.to))
            outcome.trials[job.trial].running = false
            committed -= job.to - job.from
            spent += job.to - job.from
            free.append(job.worker)
            free.sort()
            outcome.events.append(Event(trial: job.trial, worker: job.worker, fromEpoch: job.from, toEpoch: job.to,
                                        start: job.start, end: job.end))
            scheduler.finished(trial: job.trial, trials: outcome.trials)
            var pick: Int? = nil
            for t in outcome.trials where t.epochs > 0 {
                if pick == nil || t.last > outcome.trials[pick!].last { pick = t.id }
            }
            outcome.pick = pick
            outcome.spent.append(spent)
            outcome.best.append(pick.map { outcome.trials[$0].last } ?? 0)
            progress(outcome)
        }
        return outcome
    }
}
