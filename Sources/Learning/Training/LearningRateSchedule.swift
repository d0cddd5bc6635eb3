import Foundation

/// How the learning rate changes during training, as a factor on the base rate.
public indirect enum LearningRateSchedule: Equatable, Sendable {
    /// The base rate throughout.
    case constant
    /// The base rate times `factor` after every `everyEpochs` epochs.
    case step(everyEpochs: Int, factor: Float)
    /// Cosine annealing (Loshchilov and Hutter 2017) from the base rate down to
    /// `minimum` (an absolute rate) over all training steps.
    case cosine(minimum: Float = 0)
    /// A linear warm-up from base / steps to the base rate over the first `steps` steps,
    /// then `then` over the remaining steps.
    case warmup(steps: Int, then: LearningRateSchedule)

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
}
