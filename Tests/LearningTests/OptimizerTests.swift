import Testing
@testable import Learning

/// Applies `steps` updates with the given gradients to a single parameter starting at 1.
func run(_ optimizer: Optimizer, lr: Float, gradients: [Float]) -> Float {
    let state = OptimizerState(optimizer, count: 1)
    var p: [Float] = [1]
    for g in gradients {
        let grad = [g]
        p.withUnsafeMutableBufferPointer { pp in
            grad.withUnsafeBufferPointer { state.update(params: pp.baseAddress!, grads: $0.baseAddress!, lr: lr) }
        }
    }
    return p[0]
}

// Worked by hand from each paper's update with p = 1 and g = 0.5.
@Test(arguments: [
    ("sgd", Optimizer.sgd(), Float(0.1), [Float(0.5)], Float(0.95)),                 // 1 - 0.1 * 0.5
    ("sgd + L2", .sgd(weightDecay: 0.1), 0.1, [0.5], 0.94),                          // g = 0.5 + 0.1
    ("momentum", .sgd(momentum: 0.9), 0.1, [0.5, 0.5], 0.855),                       // b: 0.5, then 0.95
    ("nesterov", .sgd(momentum: 0.9, nesterov: true), 0.1, [0.5], 0.905),            // step 0.5 + 0.9 * 0.5
    ("rmsprop", .rmsprop(rho: 0.99, epsilon: 1e-8), 0.01, [0.5], 0.9),               // v = 0.0025, step 0.5 / 0.05
    ("adam", .adam(), 0.01, [0.5], 0.99),                                            // m^ = 0.5, v^ = 0.25
    ("adam, 2 steps", .adam(), 0.01, [0.5, -0.5], 0.990_526_3),                       // m^ = -0.0263158, v^ = 0.25
    ("adamw", .adamW(weightDecay: 0.1), 0.01, [0.5], 0.989),                         // 1 - 0.001 - 0.01
] as [(String, Optimizer, Float, [Float], Float)])
func oneOptimizerStepMatchesTheHandWorkedUpdate(name: String, optimizer: Optimizer, lr: Float,
                                                gradients: [Float], expected: Float) {
    let p = run(optimizer, lr: lr, gradients: gradients)
    #expect(abs(p - expected) < 2e-6, "\(name): \(p) instead of \(expected)")
}

@Test func schedulesFollowTheirFormulas() {
    #expect(LearningRateSchedule.constant.rate(base: 0.1, step: 50, epoch: 3, totalSteps: 100) == 0.1)
    let step = LearningRateSchedule.step(everyEpochs: 10, factor: 0.5)
    #expect(step.rate(base: 1, step: 0, epoch: 9, totalSteps: 100) == 1)
    #expect(step.rate(base: 1, step: 0, epoch: 25, totalSteps: 100) == 0.25)
    let cosine = LearningRateSchedule.cosine(minimum: 0.1)
    #expect(cosine.rate(base: 1, step: 0, epoch: 0, totalSteps: 100) == 1)
    #expect(abs(cosine.rate(base: 1, step: 50, epoch: 0, totalSteps: 100) - 0.55) < 1e-6)
    #expect(abs(cosine.rate(base: 1, step: 100, epoch: 0, totalSteps: 100) - 0.1) < 1e-6)
    let warm = LearningRateSchedule.warmup(steps: 4, then: .constant)
    #expect(warm.rate(base: 1, step: 0, epoch: 0, totalSteps: 100) == 0.25)
    #expect(warm.rate(base: 1, step: 3, epoch: 0, totalSteps: 100) == 1)
    #expect(warm.rate(base: 1, step: 70, epoch: 0, totalSteps: 100) == 1)
}
