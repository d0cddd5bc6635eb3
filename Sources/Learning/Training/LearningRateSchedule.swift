import Foundation

/// How the learning rate changes during training, as a factor on the base rate.
public indirect enum LearningRateSchedule: Equatable, Sendable, Codable {
    /// The base rate throughout.
    case constant
    /// Step decay: the base rate times `factor` after every `everyEpochs` epochs (the
    /// piecewise-constant schedule of He et al. 2016 and Goyal et al. 2017).
    case step(everyEpochs: Int, factor: Float)
    /// Cosine annealing (Loshchilov and Hutter 2017) from the base rate down to
    /// `minimum` (an absolute rate) over all training steps.
    case cosine(minimum: Float = 0)
    /// A linear warm-up from base / steps to the base rate over the first `steps` steps,
    /// then `then` over the remaining steps (Goyal et al. 2017).
    case warmup(steps: Int, then: LearningRateSchedule)

    /// Linear warm-up over `warmupSteps` steps, then cosine annealing to zero over the
    /// rest: the usual schedule of transformer training.
    public static func warmupCosine(warmupSteps: Int) -> LearningRateSchedule {
        .warmup(steps: warmupSteps, then: .cosine(minimum: 0))
    }

    /// The rate for zero-based `step` of `totalSteps`, in zero-based `epoch`.
    public func rate(base: Float, step: Int, epoch: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant:
            return base
        case let .step(every, factor):
            guard every > 0 else { return base }
            return base * Float(Foundation.pow(Double(factor), Double(epoch / every)))
        case let .cosine(minimum):
            let progress = totalSteps > 0 ? min(Double(step) / Double(totalSteps), 1) : 0
            return minimum + (base - minimum) * Float(0.5 * (1 + Foundation.cos(Double.pi * progress)))
        case let .warmup(steps, then):
            if step < steps { return base * Float(step + 1) / Float(steps) }
            return then.rate(base: base, step: step - steps, epoch: epoch, totalSteps: max(totalSteps - steps, 0))
        }
    }

    /// The rate of every step of a run of `epochs` epochs of `stepsPerEpoch` steps, as the
    /// trainer applies them (for figures of the schedule over time).
    public func rates(base: Float, stepsPerEpoch: Int, epochs: Int) -> [Float] {
        let total = stepsPerEpoch * epochs
        return (0..<total).map { rate(base: base, step: $0, epoch: $0 / max(stepsPerEpoch, 1), totalSteps: total) }
    }

    /// A short description for legends and tables (`step ×0.1 every 3 epochs`).
    public var name: String {
        switch self {
        case .constant: return "constant"
        case let .step(every, factor): return "step ×\(Self.number(factor)) every \(every) epoch\(every == 1 ? "" : "s")"
        case let .cosine(minimum): return minimum == 0 ? "cosine" : "cosine to \(Self.number(minimum))"
        case let .warmup(steps, then): return "\(steps)-step warm-up, then \(then.name)"
        }
    }

    private static func number(_ x: Float) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%g", Double(x))
    }
}
