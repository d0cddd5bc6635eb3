import Foundation
import Tensor

/// Random search (Bergstra and Bengio 2012): every point drawn uniformly from the unit
/// cube, independently of what was observed. Seeded, so two strategies built on the same
/// seed (random search and the resource-based schedulers) try the same configurations in
/// the same order and share their trained trials.
struct RandomSampler: Sampler {
    let name = "random"
    let dimensions: Int
    private var generator: SeededGenerator

    init(dimensions: Int, seed: UInt64) {
        self.dimensions = dimensions
        generator = SeededGenerator(seed: seed).derive(stream: 7)
    }

    mutating func propose(observed: [Observation]) -> [Double]? {
        (0..<dimensions).map { _ in generator.uniform() }
    }
}
