import Foundation
import Tensor

/// Bayesian optimisation (Snoek, Larochelle and Adams 2012): after `initial` random
/// points, fit a Gaussian process (Matérn 5/2, hyperparameters by maximum marginal
/// likelihood) to the observed validation accuracies and propose the point of largest
/// expected improvement over the best one so far. Expected improvement is maximised by a
/// seeded random search over `candidates` points of the unit cube followed by a compass
/// search from the best three (each coordinate moved by ±step, the step halved from 0.1
/// down to 0.002 when nothing improves).
struct BayesianSampler: Sampler {
    let name = "bayesian"
    let dimensions: Int
    let initial: Int
    let candidates: Int
    private var random: RandomSampler
    private var generator: SeededGenerator
    private let seed: UInt64
    /// The model behind each proposal after the random start, when `recording` is set.
    var recording = false
    private(set) var snapshots: [Snapshot] = []

    /// One proposal: the model fitted to the observations and the point it chose.
    struct Snapshot: Sendable {
        var observed: [Observation]
        var model: GaussianProcess
        var best: Double
        var next: [Double]
    }

    init(dimensions: Int, seed: UInt64, initial: Int = 3, candidates: Int = 2048) {
        self.dimensions = dimensions
        self.initial = max(1, initial)
        self.candidates = candidates
        self.seed = seed
        random = RandomSampler(dimensions: dimensions, seed: seed)
        generator = SeededGenerator(seed: seed).derive(stream: 23)
    }

    mutating func propose(observed: [Observation]) -> [Double]? {
        guard observed.count >= initial,
              let model = GaussianProcess.fitted(points: observed.map(\.point), values: observed.map(\.value),
                                                 seed: seed &+ UInt64(observed.count)) else {
            return random.propose(observed: observed)
        }
        let best = observed.map(\.value).max()!
        var scored: [(ei: Double, x: [Double])] = []
        scored.reserveCapacity(candidates)
        for _ in 0..<candidates {
            let x = (0..<dimensions).map { _ in generator.uniform() }
            scored.append((model.expectedImprovement(x, best: best), x))
        }
        scored.sort { $0.ei > $1.ei }
        var winner = scored[0]
        for start in scored.prefix(3) {
            var current = start
            var step = 0.1
            while step >= 0.002 {
                var improved = false
                for i in 0..<dimensions {
                    for sign in [1.0, -1.0] {
                        var x = current.x
                        x[i] = min(max(x[i] + sign * step, 0), 1)
                        let ei = model.expectedImprovement(x, best: best)
                        if ei > current.ei {
                            current = (ei, x)
                            improved = true
                        }
                    }
                }
                if !improved { step /= 2 }
            }
            if current.ei > winner.ei { winner = current }
        }
        if recording { snapshots.append(Snapshot(observed: observed, model: model, best: best, next: winner.x)) }
        return winner.x
    }
}
