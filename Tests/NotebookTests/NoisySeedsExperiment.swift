import Foundation
@testable import Notebook

/// A kind measured over seeds, for the tests of intervals and adaptive seeds. Seed s gives
/// `b = 1 + 0.1 s` and `a = b + effect ± noise`, the sign alternating with s, so `a - b`
/// has mean exactly `effect` over an even count of seeds and a spread that does not shrink:
/// with effect 0.1 and noise 0.25 the paired interval of `a > b` straddles zero at 4, 8 and
/// 16 seeds and lies above it from 32 on. Each seed is a shared trial keyed by its own
/// settings, so a larger count computes only the seeds added (`computed` counts them).
struct NoisySeedsExperiment: Experiment {
    struct Config: ExperimentConfig {
        var seeds = 4
        var effect = 0.1
        var noise = 0.25

        static let parameters: [Parameter<Config>] = [
            .whole("seeds", \.seeds, 1...1000, "Seeds, one trial each."),
            .number("effect", \.effect, .any, "The mean of a - b."),
            .number("noise", \.noise, .any, "How far each seed's a - b is from the mean."),
        ]
    }

    /// What one seed's trial depends on.
    struct Trial: Codable {
        var seed: Int
        var effect: Double
        var noise: Double
    }

    static let kind = "noisy-seeds"
    static let version = 1
    static let summary = "Two metrics per seed whose difference has a known mean and spread."
    static let outputs: [String] = []
    static let metrics = [MetricName("a", "a, mean over seeds.", sampled: true),
                          MetricName("b", "b, mean over seeds.", sampled: true),
                          MetricName("computed", "Seeds computed by this run (not served by the trial cache).")]
    static let quickProfile: [String: ConfigValue] = [:]

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        var computed = 0
        var a: [Double] = [], b: [Double] = []
        for seed in 0..<config.seeds {
            let trial = Trial(seed: seed, effect: config.effect, noise: config.noise)
            let values: [Double] = try context.trials.value(sharedBy: "noisy-seed", version: 1, trial: trial) {
                computed += 1
                let base = 1 + 0.1 * Double(seed)
                return [base + config.effect + (seed % 2 == 0 ? config.noise : -config.noise), base]
            }
            a.append(values[0])
            b.append(values[1])
        }
        // The kind's own `a` is the mean; `b` is left to the renderer's default (the mean too).
        return CellResult(metrics: ["a": a.reduce(0, +) / Double(a.count), "computed": Double(computed)],
                          samples: ["a": a, "b": b])
    }
}
