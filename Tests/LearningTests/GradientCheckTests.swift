import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// Norm-wise relative error between the backpropagated gradient and central finite
/// differences of the loss, for every parameter, computed in scalar type S.
func gradientError<S: MatrixScalar>(_: S.Type, network: Network, split: DataSplit, loss: Loss, step h: Double,
                                     only subset: [Int]? = nil) -> Double {
    let engine = Engine<S>(network: network, capacity: split.count)
    let rows = split.count
    let training = network.layers.contains { if case .dropout = $0 { return true } else { return false } }
    func evaluate(gradient: Bool) -> Double {
        var rng = SeededGenerator(seed: 77)          // the same dropout mask every time
        split.features.storage.withUnsafeBufferPointer { engine.gather($0.baseAddress!, start: 0, rows: rows) }
        engine.forward(rows: rows, training: training, rng: &rng)
        let value: Double
        switch loss {
        case .softmaxCrossEntropy:
            value = split.labels.withUnsafeBufferPointer {
                engine.softmaxCrossEntropy(rows: rows, labels: $0.baseAddress!, writeGradient: gradient).loss
            }
        case .meanSquaredError:
            value = split.targets.storage.withUnsafeBufferPointer {
                engine.meanSquaredError(rows: rows, targets: $0.baseAddress!, targetIndices: nil, writeGradient: gradient)
            }
        }
        if gradient { engine.backward(rows: rows) }
        return value / Double(rows)
    }
    _ = evaluate(gradient: true)
    let checked = subset ?? Array(0..<engine.parameterCount)
    let analytic = checked.map { Double(engine.grads[$0]) }
    var numeric: [Double] = []
    for i in checked {
        let saved = engine.params[i]
        engine.params[i] = saved + S(h)
        let up = evaluate(gradient: false)
        engine.params[i] = saved - S(h)
        let down = evaluate(gradient: false)
        engine.params[i] = saved
        numeric.append((up - down) / (2 * h))
    }
    let diff = zip(analytic, numeric).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    let scale = analytic.reduce(0.0) { $0 + $1 * $1 }.squareRoot() + numeric.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
    return diff / max(scale, 1e-30)
}

func smallProblem(loss: Loss, seed: UInt64) -> DataSplit {
    var rng = SeededGenerator(seed: seed)
    let x: Matrix<Float> = rng.normalMatrix(rows: 6, columns: 3)
    if loss == .softmaxCrossEntropy {
        return DataSplit(features: x, labels: (0..<6).map { $0 % 3 })
    }
    return DataSplit(features: x, targets: rng.normalMatrix(rows: 6, columns: 3))
}

let activations: [Activation] = [.relu, .leakyReLU(slope: 0.1), .tanh, .sigmoid, .gelu, .identity]

@Test(arguments: activations, [Loss.softmaxCrossEntropy, .meanSquaredError])
func backpropagationMatchesFiniteDifferencesInDouble(activation: Activation, loss: Loss) throws {
    for bias in [true, false] {
        let network = try Network(input: 3, hidden: [5, 4], output: 3, activation: activation, bias: bias,
                                  initializer: .glorotNormal, seed: 1)
        let error = gradientError(Double.self, network: network, split: smallProblem(loss: loss, seed: 2),
                                  loss: loss, step: 1e-6)
        #expect(error < 1e-6, "\(activation.name), \(loss), bias \(bias): \(error)")
    }
}

@Test(arguments: activations, [Loss.softmaxCrossEntropy, .meanSquaredError])
func backpropagationMatchesFiniteDifferencesInFloat(activation: Activation, loss: Loss) throws {
    let network = try Network(input: 3, hidden: [5, 4], output: 3, activation: activation,
                              initializer: .glorotNormal, seed: 3)
    let error = gradientError(Float.self, network: network, split: smallProblem(loss: loss, seed: 4),
                              loss: loss, step: 1e-3)
    #expect(error < 1e-3, "\(activation.name), \(loss): \(error)")
}

@Test(arguments: [Float.self, Double.self] as [any MatrixScalar.Type])
func dropoutLayersPassGradientsThroughTheirMasks(type: any MatrixScalar.Type) throws {
    let network = try Network(input: 3, hidden: [6, 5], output: 3, activation: .tanh, dropout: 0.3, seed: 5)
    let split = smallProblem(loss: .softmaxCrossEntropy, seed: 6)
    let error: Double
    if type == Float.self {
        error = gradientError(Float.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-2)
        #expect(error < 1e-3)
    } else {
        error = gradientError(Double.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-6)
        #expect(error < 1e-6)
    }
}

@Test func aLargeLayerTakesTheBLASPathWithTheSameGradient() throws {
    // 64 x 96 x 96 multiply-adds exceed the threshold, so the products go to BLAS.
    var rng = SeededGenerator(seed: 8)
    let x: Matrix<Float> = rng.normalMatrix(rows: 64, columns: 96)
    let split = DataSplit(features: x, labels: (0..<64).map { $0 % 4 })
    let network = try Network(input: 96, hidden: [96], output: 4, activation: .tanh, seed: 9)
    #expect(64 * 96 * 96 >= Kernels.blasThreshold)
    // A sample of parameters from both layers keeps the check quick.
    var pick = SeededGenerator(seed: 10)
    let subset = try pick.sampleWithoutReplacement(from: network.parameterCount, count: 60)
    let error = gradientError(Double.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-6,
                              only: subset)
    #expect(error < 1e-6)
}

@Test func fastTanhStaysWithinAFewUnitsInTheLastPlace() {
    let xs = stride(from: -12.0, through: 12.0, by: 0.001).map { Float($0) }
    var ys = [Float](repeating: 0, count: xs.count)
    xs.withUnsafeBufferPointer { src in
        ys.withUnsafeMutableBufferPointer { dst in Kernels.fastTanh(src.baseAddress!, dst.baseAddress!, count: xs.count) }
    }
    let worst = zip(xs, ys).map { abs(Double($1) - Foundation.tanh(Double($0))) }.max()!
    #expect(worst < 1e-6)
    #expect(ys.allSatisfy { abs($0) <= 1 })
}

@Test func networkLossAndGradientAgreesWithTheEngine() throws {
    let network = try Network(input: 3, hidden: [4], output: 3, activation: .relu, seed: 2)
    let split = smallProblem(loss: .softmaxCrossEntropy, seed: 1)
    let (loss, gradient) = try network.lossAndGradient(split, loss: .softmaxCrossEntropy)
    #expect(gradient.count == network.parameterCount)
    #expect(abs(loss - (try network.evaluate(split, loss: .softmaxCrossEntropy).loss)) < 1e-6)
}

@Test func geluMatchesItsDefinitionAndItsSlopeAtKnownPoints() {
    // GELU(x) = x Φ(x): GELU(0) = 0, GELU(1) = Φ(1) = 0.841344746..., GELU(-1) = -(1 - Φ(1)).
    #expect(Activation.gelu(0) == 0)
    #expect(abs(Activation.gelu(1) - 0.841_344_746_068_543) < 1e-12)
    #expect(abs(Activation.gelu(-1) + 0.158_655_253_931_457) < 1e-12)
    // The Float kernels against the Double definition, forward and backward (slope 0.5 at 0).
    let xs: [Float] = [-4, -1, -0.5, 0, 0.3, 2, 5]
    var ys = [Float](repeating: 0, count: xs.count)
    var slopes = [Float](repeating: 1, count: xs.count)
    xs.withUnsafeBufferPointer { x in
        ys.withUnsafeMutableBufferPointer { y in
            Kernels.activate(.gelu, x.baseAddress!, y.baseAddress!, count: xs.count)
            slopes.withUnsafeMutableBufferPointer { d in
                Kernels.activationBackward(.gelu, input: x.baseAddress!, output: UnsafePointer(y.baseAddress!),
                                           delta: d.baseAddress!, count: xs.count)
            }
        }
    }
    for (i, x) in xs.enumerated() {
        let h = 1e-6
        let slope = (Activation.gelu(Double(x) + h) - Activation.gelu(Double(x) - h)) / (2 * h)
        #expect(abs(Double(ys[i]) - Activation.gelu(Double(x))) < 1e-6, "GELU(\(x))")
        #expect(abs(Double(slopes[i]) - slope) < 1e-5, "GELU'(\(x))")
    }
    #expect(Activation(name: "gelu") == .gelu && !Activation.gelu.isPiecewiseLinear)
}

/// An autoencoder's loss: inputs as targets through a 2-unit code, mean squared error.
@Test(arguments: [Activation.relu, .tanh])
func anAutoencodersReconstructionGradientMatchesFiniteDifferences(activation: Activation) throws {
    var rng = SeededGenerator(seed: 8)
    let x: Matrix<Double> = rng.normalMatrix(rows: 5, columns: 6)
    let features = x.converted(to: Float.self)
    let split = DataSplit(features: features, targets: features)
    let network = try Network(input: 6, layers: [.dense(units: 4), .activation(activation), .dense(units: 2),
                                                 .dense(units: 4), .activation(activation), .dense(units: 6)],
                              initializer: .glorotNormal, seed: 9)
    let error = gradientError(Double.self, network: network, split: split, loss: .meanSquaredError, step: 1e-6)
    #expect(error < 1e-6, "\(activation.name): \(error)")
}
