import Foundation
import Testing
@testable import Experiments
import Learning
import Tensor

@Test func explore() throws {
    for seed: UInt64 in 0..<4 {
        var s = CurveFitSettings()
        s.epochs = 400
        s.learningRate = 0.01
        let net0 = try CurveFit.initialNetwork(hidden: [2], seed: seed)
        let t = try CurveFit.train(hidden: [2], target: .sawtooth(compositions: 1), settings: s, seed: seed)
        let net = try CurveFit.network(hidden: [2], parameters: t.parameters)
        print("seed", seed, "init", net0.parameters, "final", net.parameters, t.error)
    }
}
