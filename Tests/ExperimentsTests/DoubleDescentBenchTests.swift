import Foundation
import Testing
@testable import Experiments

@Test func theDoubleDescentBenchmarksGrownFitsAgreeWithTheSVDAtEveryWidth() throws {
    let widths = DoubleDescentBench.widths
    let grown = try DoubleDescentBench.testErrors(seed: 0, widths: widths)
    let svd = try DoubleDescentBench.testErrors(seed: 0, widths: widths, useSVD: true)
    #expect(grown.count == widths.count)
    for (p, (a, b)) in zip(widths, zip(grown, svd)) {
        #expect(abs(a - b) <= 1e-6 * b, "width \(p): test error \(a) by Cholesky, \(b) by the SVD")
    }
}

@Test func bothPredictionRoutesOfTheRandomFeatureSweepGiveTheSameFits() throws {
    // W3: one output column, test set ten times the training set: the read-out route is cheaper.
    let (bench, _) = DoubleDescentBench.sweep(seed: 0, widths: DoubleDescentBench.widths)
    #expect(bench.predictsThroughWeights)
    // Either route gives the same fits up to rounding: force each on a small classification task.
    let task = RegressionTask.teacherStudent(inputs: 5, classes: 3, train: 40, test: 60, seed: 3)
    let sweep = RandomFeatureSweep(task: task, kind: .relu(bias: 0.3), grid: [20, 40, 44, 60, 200],
                                   penalties: [0, 0.01], labels: [task.trainLabels])
    let chosen = sweep.predictsThroughWeights
    let a = try sweep.run(seed: 5)
    let b = try sweep.run(seed: 5, throughWeights: !chosen)
    for (x, y) in zip(a.testLoss, b.testLoss) { #expect(abs(x - y) <= 1e-8 * max(1, y)) }
    for (x, y) in zip(a.norm, b.norm) { #expect(abs(x - y) <= 1e-8 * max(1, y)) }
    #expect(a.testError == b.testError)
}
