import Foundation
import Notebook

/// A tuning strategy as a lesson names it: a sampler, optionally joined by `+` to a
/// scheduler (`random+asha`, `bayesian+halving`). A scheduler alone implies random
/// sampling (`hyperband` is `random+hyperband`); a sampler alone trains every trial
/// fully.
struct Strategy: Sendable, Equatable {
    enum SamplerKind: String, Sendable, CaseIterable { case grid, random, bayesian }
    enum SchedulerKind: String, Sendable, CaseIterable { case full, halving, hyperband, asha, median }

    var sampler: SamplerKind
    var scheduler: SchedulerKind
    /// As written in the lesson (`random+asha`).
    var name: String

    /// The spelling used in metric names (`random_asha`).
    var metricName: String { name.replacingOccurrences(of: "+", with: "_") }

    /// Parses a strategy name; nil when a part is not known.
    init?(_ text: String) {
        let parts = text.split(separator: "+").map(String.init)
        switch parts.count {
        case 1:
            if let s = SamplerKind(rawValue: parts[0]) {
                sampler = s
                scheduler = .full
            } else if let p = SchedulerKind(rawValue: parts[0]), p != .full {
                sampler = .random
                scheduler = p
            } else {
                return nil
            }
        case 2:
            guard let s = SamplerKind(rawValue: parts[0]), let p = SchedulerKind(rawValue: parts[1]) else { return nil }
            sampler = s
            scheduler = p
        default:
            return nil
        }
        name = text
    }

    /// A name for legends and tables.
    var title: String {
        let samplerTitle = ["grid": "grid", "random": "random", "bayesian": "BO (GP, EI)"][sampler.rawValue]!
        let schedulerTitle = ["full": "", "halving": "successive halving", "hyperband": "Hyperband",
                              "asha": "ASHA", "median": "median stopping"][scheduler.rawValue]!
        if scheduler == .full { return samplerTitle == "grid" ? "grid search" : samplerTitle == "random" ? "random search" : samplerTitle }
        return sampler == .random ? schedulerTitle : "\(schedulerTitle) + \(samplerTitle)"
    }

    /// Every name a lesson may write: each sampler, each scheduler alone, and each
    /// sampler+scheduler pair.
    static let names: [String] = SamplerKind.allCases.map(\.rawValue)
        + SchedulerKind.allCases.filter { $0 != .full }.map(\.rawValue)
        + SamplerKind.allCases.flatMap { s in
            SchedulerKind.allCases.filter { $0 != .full }.map { "\(s.rawValue)+\($0.rawValue)" }
        }
}
