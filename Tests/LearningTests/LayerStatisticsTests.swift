import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// Two examples through 2 -> 2 (ReLU) -> 1 with mean squared error, worked by hand:
/// x = (1, 2) and (-1, 1), W1 = [[1, -1], [0.5, 1]], W2 = [[1], [-1]], zero biases,
/// targets 0. Pre-activations (2, 1) and (-0.5, 2); ReLU (2, 1) and (0, 2); outputs 1
/// and -2. Per-example output gradients 2 (y - t) = 2 and -4; back through W2: (2, -2)
/// and (-4, 4); through the ReLU: (2, -2) and (0, 4).
@Test func layerStatisticsMatchAHandWorkedNetwork() throws {
    var network = try Network(input: 2, layers: [.dense(units: 2), .activation(.relu), .dense(units: 1)], seed: 0)
    try network.setWeights(layer: 0, Matrix(rows: 2, columns: 2, storage: [1, -1, 0.5, 1]))
    try network.setWeights(layer: 1, Matrix(rows: 2, columns: 1, storage: [1, -1]))
    try network.setBias(layer: 0, [0, 0])
    try network.setBias(layer: 1, [0])
    let split = DataSplit(features: try Matrix(rows: 2, columns: 2, storage: [1, 2, -1, 1]),
                          targets: try Matrix(rows: 2, columns: 1, storage: [0, 0]))
    let stats = try network.layerStatistics(split, loss: .meanSquaredError)
    #expect(stats.map(\.kind) == ["dense", "relu", "dense"])
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }
    // Pre-activations 2, 1, -0.5, 2: mean 1.125, variance 9.25 / 4 - 1.125^2.
    #expect(close(stats[0].outputMean, 1.125))
    #expect(close(stats[0].outputStandardDeviation, (9.25 / 4 - 1.125 * 1.125).squareRoot()))
    // Their gradients 2, -2, 0, 4: mean 1, variance 24 / 4 - 1 = 5.
    #expect(close(stats[0].gradientStandardDeviation, 5.0.squareRoot()))
    // ReLU outputs 2, 1, 0, 2 (variance 9 / 4 - 1.25^2); gradients 2, -2, -4, 4 (variance 10).
    #expect(close(stats[1].outputMean, 1.25))
    #expect(close(stats[1].outputStandardDeviation, 0.6875.squareRoot()))
    #expect(close(stats[1].gradientStandardDeviation, 10.0.squareRoot()))
    // Outputs 1, -2 (standard deviation 1.5); gradients 2, -4 (standard deviation 3).
    #expect(close(stats[2].outputStandardDeviation, 1.5))
    #expect(close(stats[2].gradientStandardDeviation, 3))
    // Weight gradients of the mean loss: dW2 = (2, 1) * 1 + (0, 2) * (-2) = (2, -3);
    // dW1 = x1^T (1, -1) + x2^T (0, 2) = [[1, -3], [2, 0]].
    #expect(close(stats[2].weightGradientStandardDeviation ?? .nan, 2.5))
    #expect(close(stats[0].weightGradientStandardDeviation ?? .nan, 3.5.squareRoot()))
    #expect(stats[1].weightGradientStandardDeviation == nil)
}

@Test func perExampleGradientSpreadDoesNotDependOnHowManyExamplesAreMeasured() throws {
    let network = try Network(input: 3, hidden: [6, 5], output: 3, activation: .tanh, seed: 4)
    let one = smallProblem(loss: .softmaxCrossEntropy, seed: 9)
    let twice = DataSplit(features: try Matrix(rows: 12, columns: 3, storage: one.features.storage + one.features.storage),
                          labels: one.labels + one.labels)
    let a = try network.layerStatistics(one, loss: .softmaxCrossEntropy)
    let b = try network.layerStatistics(twice, loss: .softmaxCrossEntropy)
    for (x, y) in zip(a, b) {
        #expect(abs(x.gradientStandardDeviation - y.gradientStandardDeviation) < 1e-12 * max(1, x.gradientStandardDeviation))
        #expect(abs(x.outputStandardDeviation - y.outputStandardDeviation) < 1e-12)
    }
}

@Test func aDeepLinearNetworkShrinksItsSignalByTheGainAtEveryLayer() throws {
    // With identity activations and N(0, g^2 / fan_in) weights each layer multiplies the
    // signal's standard deviation by about g: after 9 more layers, g^9.
    let depth = 10, width = 256, gain: Float = 0.5
    let network = try Network(input: width, hidden: Array(repeating: width, count: depth), output: 10,
                              activation: .identity, initializer: .scaledNormal(gain: gain), seed: 3)
    var rng = SeededGenerator(seed: 5)
    let split = DataSplit(features: rng.normalMatrix(rows: 200, columns: width), labels: (0..<200).map { $0 % 10 })
    let stats = try network.layerStatistics(split, loss: .softmaxCrossEntropy)
    let first = stats[1].outputStandardDeviation, last = stats[2 * depth - 1].outputStandardDeviation
    let expected = pow(Double(gain), Double(depth - 1))
    #expect(last / first > expected / 1.5 && last / first < expected * 1.5, "\(last / first) against \(expected)")
    // Backwards, the gradient grows by 1 / g per layer towards the output... and so shrinks
    // by g per layer towards the input.
    let gFirst = stats[0].gradientStandardDeviation, gLast = stats[2 * (depth - 1)].gradientStandardDeviation
    #expect(gFirst / gLast > expected / 1.5 && gFirst / gLast < expected * 1.5, "\(gFirst / gLast) against \(expected)")
}

@Test func scaledNormalWeightsHaveTheRequestedSpreadAndName() throws {
    let initializer = try #require(Initializer(name: "scaled_normal(0.5)"))
    #expect(initializer == .scaledNormal(gain: 0.5))
    #expect(Initializer(name: initializer.name) == initializer)
    #expect(Initializer(name: "scaled_normal(-1)") == nil && Initializer(name: "scaled_normal(x)") == nil)
    let network = try Network(input: 400, hidden: [300], output: 2, initializer: initializer, seed: 1)
    let w = network.weights(layer: 0).storage.map(Double.init)
    let std = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
    #expect(abs(std - 0.5 / 20) < 0.025 * 0.02, "\(std)")   // 120,000 draws: within 2%
}
