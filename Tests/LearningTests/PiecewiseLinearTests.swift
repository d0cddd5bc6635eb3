import Foundation
import Testing
@testable import Learning
@testable import Tensor

@Test func aHandBuiltReLUNetworkHasTheLinearPiecesWorkedOutByHand() throws {
    // f(x) = relu(x) - 2 relu(x - 1) + relu(x - 2): flat, up, down, flat on [-1, 3].
    var net = try Network(input: 1, hidden: [3], output: 1, activation: .relu, seed: 0)
    try net.setWeights(layer: 0, Matrix([[1, 1, 1]]))
    try net.setBias(layer: 0, [0, -1, -2])
    try net.setWeights(layer: 1, Matrix([[1], [-2], [1]]))
    try net.setBias(layer: 1, [0])
    let pieces = try LinearRegions.pieces(net, on: -1...3)
    #expect(pieces.count == 4)
    #expect(zip(pieces.breakpoints, [-1, 0, 1, 2, 3]).allSatisfy { abs($0 - $1) < 1e-12 })
    // Units whose kinks the output ignores do not add pieces.
    try net.setWeights(layer: 1, Matrix([[1], [0], [0]]))
    #expect(try LinearRegions.count(net, on: -1...3) == 2)
    // A kink outside the interval does not count either.
    #expect(try LinearRegions.count(net, on: 0.5...3) == 1)
}

@Test func linearRegionCountsAgreeWithADenseGridOnRandomNetworks() throws {
    for seed in 0..<4 {
        let net = try Network(input: 1, hidden: [6, 6], output: 1, activation: .relu, initializer: .heNormal,
                              seed: UInt64(seed))
        let pieces = try LinearRegions.pieces(net, on: -2...2)
        // Every breakpoint found must be a real slope change of the network's Float output.
        let eps: Float = 1e-3
        for x in pieces.breakpoints.dropFirst().dropLast() {
            let probe = try Matrix<Float>(rows: 4, columns: 1, storage: [Float(x) - 2 * eps, Float(x) - eps, Float(x) + eps, Float(x) + 2 * eps])
            let y = try net.predict(probe).storage
            let left = (y[1] - y[0]) / eps, right = (y[3] - y[2]) / eps
            #expect(abs(left - right) > 1e-3 * max(1, abs(left)))
        }
        #expect(pieces.count == pieces.breakpoints.count - 1)
    }
    let tanh = try Network(input: 1, hidden: [3], output: 1, activation: .tanh, seed: 0)
    #expect(throws: LearningError.self) { try LinearRegions.count(tanh, on: 0...1) }
}

@Test func oneLayerNetworkHasOnePiecePerKinkPlusOne() throws {
    // y = relu(x - 0.25) - relu(x - 0.75) + relu(x - 0.5) - relu(x - 0.5): kinks at 0.25
    // and 0.75; the two units at 0.5 cancel, so that kink is not a piece boundary.
    var network = try Network(input: 1, hidden: [4], output: 1)
    try network.setWeights(layer: 0, Matrix(rows: 1, columns: 4, storage: [1, 1, 1, 1]))
    try network.setBias(layer: 0, [-0.25, -0.75, -0.5, -0.5])
    try network.setWeights(layer: 1, Matrix(rows: 4, columns: 1, storage: [1, -1, 1, -1]))
    try network.setBias(layer: 1, [0])
    let f = try PiecewiseLinear(network: network)
    #expect(f.pieces == 3)
    #expect(f.knots == [0.25, 0.75])
    #expect(f.regions == 4)
    #expect(abs(f(0.5) - 0.25) < 1e-12)
    // Leaky ReLU keeps a tenth of the slope left of its kink.
    var leaky = try Network(input: 1, hidden: [1], output: 1, activation: .leakyReLU(slope: 0.1))
    try leaky.setWeights(layer: 0, Matrix([[1]]))
    try leaky.setBias(layer: 0, [-0.5])
    try leaky.setWeights(layer: 1, Matrix([[2]]))
    try leaky.setBias(layer: 1, [0])
    let g = try PiecewiseLinear(network: leaky)
    #expect(g.knots == [0.5])
    #expect(g.slopes.count == 2)
    #expect(abs(g.slopes[0] - 0.2) < 1e-6 && abs(g.slopes[1] - 2) < 1e-12)
}

@Test func dropoutLayersAreTheIdentityForPieceCounting() throws {
    let plain = try Network(input: 1, hidden: [5, 5], output: 1, activation: .relu, initializer: .heNormal, seed: 3)
    var dropped = try Network(input: 1, hidden: [5, 5], output: 1, activation: .relu, initializer: .heNormal,
                              dropout: 0.5, seed: 3)
    dropped.parameters = plain.parameters
    let a = try PiecewiseLinear(network: plain, lower: -2, upper: 2)
    let b = try PiecewiseLinear(network: dropped, lower: -2, upper: 2)
    #expect(a == b)
}

@Test func pieceCounterRejectsWhatItCannotCount() throws {
    let smooth = try Network(input: 1, hidden: [3], output: 1, activation: .tanh)
    #expect(throws: LearningError.self) { try PiecewiseLinear(network: smooth) }
    let twoInputs = try Network(input: 2, hidden: [3], output: 1)
    #expect(throws: LearningError.self) { try PiecewiseLinear(network: twoInputs) }
    let twoOutputs = try Network(input: 1, hidden: [3], output: 2)
    #expect(throws: LearningError.self) { try LinearRegions.count(twoOutputs, on: 0...1) }
    let relu = try Network(input: 1, hidden: [3], output: 1)
    #expect(throws: LearningError.self) { try PiecewiseLinear(network: relu, lower: 1, upper: 0) }
    #expect(throws: LearningError.self) { try PiecewiseLinear(network: relu, lower: 0, upper: .infinity) }
}
