import Foundation
import Testing
@testable import Learning
@testable import Tensor

@Test func stepDecayDropsByItsFactorAtEveryBoundary() {
    let schedule = LearningRateSchedule.step(everyEpochs: 2, factor: 0.1)
    let rates = schedule.rates(base: 0.5, stepsPerEpoch: 3, epochs: 5)
    #expect(rates.count == 15)
    let expected: [Float] = [0.5, 0.5, 0.05, 0.05, 0.005]
    for (epoch, value) in expected.enumerated() {
        for step in 0..<3 { #expect(abs(rates[3 * epoch + step] - value) <= 1e-6 * value) }
    }
}

@Test func cosineFallsFromTheBaseRateToItsMinimumAlongHalfACosine() {
    let rates = LearningRateSchedule.cosine(minimum: 0).rates(base: 2, stepsPerEpoch: 10, epochs: 10)
    #expect(rates[0] == 2)
    #expect(abs(rates[25] - Float(1 + cos(Double.pi / 4))) < 1e-6)   // a quarter of the way
    #expect(abs(rates[50] - 1) < 1e-6)                                // half way: the midpoint
    #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
    #expect(rates[99] > 0 && rates[99] < 2e-3)
}

@Test func warmupThenCosineRisesLinearlyThenAnnealsWithoutAJump() {
    let schedule = LearningRateSchedule.warmupCosine(warmupSteps: 10)
    #expect(schedule == .warmup(steps: 10, then: .cosine(minimum: 0)))
    let rates = schedule.rates(base: 1, stepsPerEpoch: 20, epochs: 3)
    for step in 0..<10 { #expect(abs(rates[step] - Float(step + 1) / 10) < 1e-7) }
    // The cosine starts at the base rate where the warm-up ends, then falls over the 50 steps left.
    #expect(rates[9] == 1 && rates[10] == 1)
    #expect(abs(rates[35] - 0.5) < 1e-6)
    #expect(zip(rates[10...], rates[11...]).allSatisfy { $0 > $1 })
    #expect(rates.max() == 1)
}

@Test func schedulesKeepTheirShapeThroughEncodingAndHaveReadableNames() throws {
    let schedules: [LearningRateSchedule] = [.constant, .step(everyEpochs: 3, factor: 0.1), .cosine(minimum: 0.01),
                                             .warmupCosine(warmupSteps: 50)]
    for s in schedules {
        let data = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(LearningRateSchedule.self, from: data) == s)
    }
    #expect(schedules.map(\.name) == ["constant", "step ×0.1 every 3 epochs", "cosine to 0.01", "50-step warm-up, then cosine"])
}

@Test func theTrainerAppliesExactlyTheRatesTheScheduleGives() throws {
    let data = try Datasets.spiral(pointsPerClass: 20, seed: 1)   // 40 points: 5 steps of 8 per epoch
    var network = try Network(input: 2, hidden: [4], output: 2, seed: 0)
    let schedule = LearningRateSchedule.warmup(steps: 4, then: .step(everyEpochs: 1, factor: 0.5))
    let history = try Trainer(TrainingConfiguration(epochs: 3, batchSize: 8, optimizer: .sgd(momentum: 0.9), learningRate: 0.2,
                                                    schedule: schedule, trainMetrics: .none, recordSteps: true))
        .train(&network, on: data)
    #expect(history.steps.map { Float($0.learningRate) } == schedule.rates(base: 0.2, stepsPerEpoch: 5, epochs: 3))
}
