import Foundation

/// The median stopping rule of Google Vizier (Golovin et al. 2017): trials train one
/// epoch at a time, and after epoch t a trial stops when its best validation accuracy so
/// far is strictly below the median, over the other trials that reached epoch t, of their
/// running averages up to t. Nothing stops before `graceEpochs` or while fewer than
/// `minimumTrials` others can be compared.
struct MedianStopping: Scheduler {
    let maxEpochs: Int
    let graceEpochs: Int
    let minimumTrials: Int
    private(set) var stopped: Set<Int> = []
    var name: String { "median stopping" }
    var rungs: [Int] { [] }

    init(maxEpochs: Int, graceEpochs: Int = 1, minimumTrials: Int = 3) {
        self.maxEpochs = maxEpochs
        self.graceEpochs = graceEpochs
        self.minimumTrials = minimumTrials
    }

    mutating func next(trials: [TrialState]) -> Job? {
        if let open = trials.first(where: { !$0.running && !stopped.contains($0.id) && $0.epochs < maxEpochs }) {
            return .resume(trial: open.id, epochs: open.epochs + 1)
        }
        return .start(epochs: 1)
    }

    mutating func finished(trial id: Int, trials: [TrialState]) {
        let trial = trials[id]
        let t = trial.epochs
        guard t >= graceEpochs, t < maxEpochs else { return }
        let averages = trials.filter { $0.id != id && $0.epochs >= t }
            .map { $0.curve[0..<t].reduce(0, +) / Double(t) }
        guard averages.count >= minimumTrials else { return }
        let best = trial.curve.max() ?? 0
        if best < Self.median(averages) { stopped.insert(id) }
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }
}
