import Foundation

/// Successive halving (Jamieson and Talwalkar 2016): a bracket starts `n` configurations
/// on `r` epochs, keeps the best 1/eta of them (by validation accuracy at the rung),
/// trains those eta times longer, and so on until `maxEpochs`; then the next bracket
/// begins. Synchronous: a rung is compared only when all its trials have finished, so a
/// free worker may wait. Kept trials continue from where they stopped (a resumed session),
/// so promotion costs only the extra epochs.
struct SuccessiveHalving: Scheduler {
    /// A bracket's start: `n` configurations on `r` epochs each.
    struct Bracket: Sendable, Equatable {
        var n: Int
        var r: Int
    }

    let brackets: [Bracket]
    let eta: Int
    let maxEpochs: Int
    let name: String
    private var bracket = 0
    private var rung = 0
    private var begun = false
    private var queue: [Job] = []
    private var inFlight = 0
    private var members: [Int] = []
    /// Every promotion made: (trial, rung epochs it was compared at, epochs it goes on to).
    private(set) var promotions: [(trial: Int, from: Int, to: Int)] = []

    /// One bracket shape repeated: `n` = eta^s configurations at `maxEpochs` / eta^s epochs,
    /// with s as large as whole epochs allow (the most aggressive bracket of Hyperband).
    init(maxEpochs: Int, eta: Int, minEpochs: Int = 1) {
        var s = 0
        while maxEpochs / Self.power(eta, s + 1) >= max(minEpochs, 1) { s += 1 }
        self.init(brackets: [Bracket(n: Self.power(eta, s), r: max(1, maxEpochs / Self.power(eta, s)))],
                  eta: eta, maxEpochs: maxEpochs, name: "successive halving")
    }

    init(brackets: [Bracket], eta: Int, maxEpochs: Int, name: String) {
        self.brackets = brackets
        self.eta = max(2, eta)
        self.maxEpochs = maxEpochs
        self.name = name
    }

    static func power(_ base: Int, _ exponent: Int) -> Int {
        (0..<max(exponent, 0)).reduce(1) { p, _ in p * base }
    }

    /// The rung epochs of a bracket: r, r eta, r eta^2, ... up to `maxEpochs`.
    func rungEpochs(_ b: Bracket) -> [Int] {
        var epochs = [min(b.r, maxEpochs)]
        while epochs.last! < maxEpochs { epochs.append(min(epochs.last! * eta, maxEpochs)) }
        return epochs
    }

    var rungs: [Int] { Array(Set(brackets.flatMap(rungEpochs))).sorted() }

    mutating func next(trials: [TrialState]) -> Job? {
        while true {
            if !begun {
                let b = brackets[bracket % brackets.count]
                queue = Array(repeating: .start(epochs: min(b.r, maxEpochs)), count: max(b.n, 1))
                rung = 0
                members = []
                begun = true
            }
            if !queue.isEmpty {
                inFlight += 1
                return queue.removeFirst()
            }
            if inFlight > 0 { return nil }
            let epochs = rungEpochs(brackets[bracket % brackets.count])
            if rung + 1 < epochs.count {
                let at = epochs[rung]
                let ranked = members.sorted { (trials[$0].curve[at - 1], -$0) > (trials[$1].curve[at - 1], -$1) }
                let keep = ranked.prefix(max(1, members.count / eta))
                for id in keep { promotions.append((id, at, epochs[rung + 1])) }
                queue = keep.map { .resume(trial: $0, epochs: epochs[rung + 1]) }
                members = []
                rung += 1
            } else {
                bracket += 1
                begun = false
            }
        }
    }

    mutating func finished(trial id: Int, trials: [TrialState]) {
        inFlight -= 1
        members.append(id)
    }
}
