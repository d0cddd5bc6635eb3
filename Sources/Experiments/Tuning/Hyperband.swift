import Foundation

/// Hyperband (Li et al. 2018): successive halving run over every bracket, from the most
/// aggressive (many configurations, one short rung after another) to plain training of a
/// few configurations for `maxEpochs`, because which trade-off between the number of
/// configurations and their budget is best is not known in advance. Bracket s of s_max
/// starts ceil((s_max + 1) / (s + 1) * eta^s) configurations on maxEpochs / eta^s epochs.
struct Hyperband: Scheduler {
    private var halving: SuccessiveHalving
    var name: String { "hyperband" }
    var rungs: [Int] { halving.rungs }
    var brackets: [SuccessiveHalving.Bracket] { halving.brackets }

    init(maxEpochs: Int, eta: Int) {
        halving = SuccessiveHalving(brackets: Self.brackets(maxEpochs: maxEpochs, eta: eta), eta: eta,
                                    maxEpochs: maxEpochs, name: "hyperband")
    }

    /// The brackets of one Hyperband iteration, most aggressive first.
    static func brackets(maxEpochs r: Int, eta: Int) -> [SuccessiveHalving.Bracket] {
        var sMax = 0
        while SuccessiveHalving.power(eta, sMax + 1) <= r { sMax += 1 }
        return (0...sMax).reversed().map { s in
            let n = Int((Double(sMax + 1) / Double(s + 1) * Double(SuccessiveHalving.power(eta, s))).rounded(.up))
            return SuccessiveHalving.Bracket(n: n, r: max(1, r / SuccessiveHalving.power(eta, s)))
        }
    }

    mutating func next(trials: [TrialState]) -> Job? { halving.next(trials: trials) }
    mutating func finished(trial id: Int, trials: [TrialState]) { halving.finished(trial: id, trials: trials) }
}
