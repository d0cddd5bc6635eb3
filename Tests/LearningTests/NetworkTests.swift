import Foundation
import Testing
@testable import Learning
@testable import Tensor

@Test func parameterCountsMatchTheClosedForm() throws {
    let net = try Network(input: 2, hidden: [16, 16], output: 2, seed: 0)
    #expect(net.parameterCount == 2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2)
    #expect(net.parameterCount == ParameterCount.mlp(input: 2, hidden: [16, 16], output: 2))
    let noBias = try Network(input: 5, hidden: [7], output: 3, bias: false, seed: 0)
    #expect(noBias.parameterCount == 5 * 7 + 7 * 3)
    #expect(ParameterCount.dense(inputs: 784, outputs: 10) == 7850)
}

@Test func initializersDrawFromTheirRanges() throws {
    let net = try Network(input: 30, hidden: [50], output: 20, initializer: .glorotUniform, seed: 1)
    let limit = Float((6.0 / 80).squareRoot())
    #expect(net.weights(layer: 0).storage.allSatisfy { abs($0) <= limit })
    #expect(net.bias(layer: 0).allSatisfy { $0 == 0 })
    let he = try Network(input: 400, hidden: [400], output: 1, initializer: .heNormal, seed: 2)
    let sd = Statistics.standardDeviation(he.weights(layer: 0).storage)
    #expect(abs(sd - (2.0 / 400).squareRoot()) < 0.003)
    let uniform = try Network(input: 4, hidden: [4], output: 4, initializer: .uniform(lower: -0.1, upper: 0.2), seed: 3)
    #expect(uniform.weights(layer: 1).storage.allSatisfy { $0 >= -0.1 && $0 <= 0.2 })
}

@Test func namesOfActivationsAndInitializersRoundTrip() throws {
    for a in [Activation.relu, .leakyReLU, .leakyReLU(slope: 0.2), .tanh, .sigmoid, .identity] {
        #expect(Activation(name: a.name) == a)
    }
    #expect(Activation(name: "swish") == nil)
    for i in [Initializer.glorotUniform, .glorotNormal, .heNormal, .heUniform, .uniform(lower: -1, upper: 1)] {
        #expect(Initializer(name: i.name) == i)
    }
    let json = try JSONEncoder().encode(try Network(input: 2, hidden: [3], output: 2, activation: .leakyReLU, seed: 0))
    let back = try JSONDecoder().decode(Network.self, from: json)
    #expect(back.layers[1] == .activation(.leakyReLU))
}

@Test func anUnknownNamedSettingIsRefusedWithTheFormsItAccepts() throws {
    // Both decode through `NamedSetting`: the stored name, and one message for a bad one.
    #expect(try JSONDecoder().decode([Activation].self, from: Data(#"["gelu"]"#.utf8)) == [.gelu])
    #expect(try JSONDecoder().decode([Initializer].self, from: Data(#"["scaled_normal(2)"]"#.utf8)) == [.scaledNormal(gain: 2)])
    for (json, noun) in [(#"["swish"]"#, "activation"), (#"["orthogonal"]"#, "initializer")] {
        do {
            if noun == "activation" { _ = try JSONDecoder().decode([Activation].self, from: Data(json.utf8)) }
            else { _ = try JSONDecoder().decode([Initializer].self, from: Data(json.utf8)) }
            Issue.record("\(json) decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.hasPrefix("unknown \(noun) "))
            #expect(context.debugDescription.contains(noun == "activation" ? "relu, leaky_relu" : "glorot_uniform, glorot_normal"))
        }
    }
}

@Test func weightNormsAreFrobeniusNormsPerLayer() throws {
    var net = try Network(input: 2, hidden: [2], output: 1, seed: 0)
    try net.setWeights(layer: 0, Matrix([[3, 0], [0, 4]]))
    #expect(net.weightNorms[0] == 5)
    #expect(abs(net.parameterNorm - (25 + net.weights(layer: 1).storage.reduce(0) { $0 + Double($1 * $1) }).squareRoot()) < 1e-6)
}
