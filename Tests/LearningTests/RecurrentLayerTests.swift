import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// The recurrent layer's forward pass against a case worked by hand, its gradients (W, U,
/// b and the input) against finite differences (`gradientError`, as for the dense and
/// image layers), and the symbol-count sequences it is trained on in lesson 09.
struct RecurrentLayerTests {
    /// One feature per step, rows of three slots: the sequence (1, 2), and the sequence
    /// (-1) followed by padding whose values (7, 5) must be ignored because its flags are 0.
    let pair = try! Matrix<Float>(rows: 2, columns: 6, storage: [1, 1, 2, 1, 0, 0,
                                                                 -1, 1, 7, 0, 5, 0])
    let oneFeature = SequenceShape(steps: 3, features: 1)

    @Test func theLastStateIsEachSequencesOwnLastState() throws {
        var network = try Network(input: 6, layers: [.recurrent(units: 1)], sequence: oneFeature)
        network.parameters = [0.5, 1, 0]                     // W, U, b
        // h1 = tanh(0.5 * 1) = 0.462117, h2 = tanh(0.5 * 2 + 1 * 0.462117) = tanh(1.462117) = 0.898063;
        // the second sequence stops after one step: tanh(0.5 * -1) = -0.462117.
        let y = try network.predict(pair).storage
        #expect(abs(y[0] - 0.898063) < 1e-5 && abs(y[1] + 0.462117) < 1e-5, "\(y)")
    }

    @Test func theMeanOutputAveragesOverEachSequencesOwnSteps() throws {
        var network = try Network(input: 6, layers: [.recurrent(units: 1, output: .mean), .dense(units: 1)],
                                  sequence: oneFeature)
        network.parameters = [0.5, 1, 0.25, 2, -1]           // W, U, b, then the dense layer's weight and bias
        // h1 = tanh(0.75) = 0.635149, h2 = tanh(1.25 + 0.635149) = tanh(1.885149) = 0.954948,
        // mean 0.795048, times 2 minus 1 = 0.590097; the second: tanh(-0.25) = -0.244919, so -1.489838.
        let y = try network.predict(pair).storage
        #expect(abs(y[0] - 0.590097) < 1e-5 && abs(y[1] + 1.489838) < 1e-5, "\(y)")
        #expect(network.parameterCount == (1 + 1 + 1) + (1 + 1))
        #expect(network.layerWidths == [1, 1])
    }

    @Test func aRecurrentLayerNeedsSequencesAndComesFirst() throws {
        #expect(throws: LearningError.self) { try Network(input: 6, layers: [.recurrent(units: 4)]) }
        #expect(throws: LearningError.self) {
            try Network(input: 6, layers: [.dense(units: 6), .recurrent(units: 4)], sequence: oneFeature)
        }
        #expect(throws: LearningError.self) { try Network(input: 8, layers: [.recurrent(units: 4)], sequence: oneFeature) }
        #expect(throws: LearningError.self) { try Network(input: 6, layers: [.recurrent(units: 0)], sequence: oneFeature) }
    }

    /// Sequences of 2 features in rows of 5 slots, with every length from 0 (empty) to 5,
    /// random values in the padding too, and labels in three classes.
    func sequences(seed: UInt64, rows: Int = 6, steps: Int = 5, features: Int = 2) -> (DataSplit, SequenceShape) {
        let shape = SequenceShape(steps: steps, features: features)
        var rng = SeededGenerator(seed: seed)
        var x: Matrix<Float> = rng.normalMatrix(rows: rows, columns: shape.count)
        for r in 0..<rows {
            let length = r % (steps + 1)
            for t in 0..<steps { x[r, t * shape.stride + features] = t < length ? 1 : 0 }
        }
        return (DataSplit(features: x, labels: (0..<rows).map { $0 % 3 }), shape)
    }

    @Test(arguments: [RecurrentOutput.last, .mean])
    func recurrentGradientsMatchFiniteDifferences(output: RecurrentOutput) throws {
        let (split, shape) = sequences(seed: 21)
        let network = try Network(input: shape.count, layers: [.recurrent(units: 4, output: output), .activation(.relu),
                                                               .dense(units: 3)],
                                  initializer: .glorotNormal, seed: 22, sequence: shape)
        let double = gradientError(Double.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-6)
        #expect(double < 1e-6, "\(output): \(double)")
        let float = gradientError(Float.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-2)
        #expect(float < 0.05, "\(output): \(float)")
        // And on a regression loss, straight from the recurrent layer's output.
        var rng = SeededGenerator(seed: 23)
        let regression = DataSplit(features: split.features, targets: rng.normalMatrix(rows: split.count, columns: 4))
        let bare = try Network(input: shape.count, layers: [.recurrent(units: 4, output: output)],
                               initializer: .glorotNormal, seed: 24, sequence: shape)
        let mse = gradientError(Double.self, network: bare, split: regression, loss: .meanSquaredError, step: 1e-6)
        #expect(mse < 1e-6, "\(output): \(mse)")
    }

    @Test(arguments: [RecurrentOutput.last, .mean])
    func theInputGradientMatchesFiniteDifferences(output: RecurrentOutput) throws {
        let (split, shape) = sequences(seed: 31)
        let network = try Network(input: shape.count, layers: [.recurrent(units: 3, output: output), .dense(units: 3)],
                                  initializer: .glorotNormal, seed: 32, sequence: shape)
        let rows = split.count
        let engine = Engine<Double>(network: network, capacity: rows)
        engine.inputGradient = true
        var x = split.features.storage.map(Double.init)
        func loss(gradient: Bool) -> Double {
            var rng = SeededGenerator(seed: 0)
            for i in 0..<x.count { engine.input[i] = x[i] }
            engine.forward(rows: rows, training: false, rng: &rng)
            let value = split.labels.withUnsafeBufferPointer {
                engine.softmaxCrossEntropy(rows: rows, labels: $0.baseAddress!, writeGradient: gradient).loss
            }
            return value / Double(rows)
        }
        _ = loss(gradient: true)
        let dx = engine.backward(rows: rows)
        let analytic = (0..<x.count).map { dx[$0] }
        let h = 1e-6
        var numeric: [Double] = []
        for i in 0..<x.count {
            // A flag is a switch, not a value: its gradient is zero, and so is the check's.
            if i % shape.stride == shape.features { numeric.append(0); continue }
            let saved = x[i]
            x[i] = saved + h
            let up = loss(gradient: false)
            x[i] = saved - h
            let down = loss(gradient: false)
            x[i] = saved
            numeric.append((up - down) / (2 * h))
        }
        let difference = zip(analytic, numeric).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let scale = analytic.reduce(0.0) { $0 + $1 * $1 }.squareRoot() + numeric.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        #expect(difference / scale < 1e-6, "\(output): \(difference / scale)")
        // Row 0 is the empty sequence: none of its values gets a gradient.
        #expect((0..<shape.count).allSatisfy { analytic[$0] == 0 })
    }

    @Test func aBatchLargeEnoughForBLASGivesTheSameGradient() throws {
        let (split, shape) = sequences(seed: 41, rows: 64, steps: 20, features: 8)
        let network = try Network(input: shape.count, layers: [.recurrent(units: 64), .dense(units: 3)],
                                  initializer: .glorotUniform, seed: 42, sequence: shape)
        #expect(20 * 64 * 64 * 8 >= Kernels.blasThreshold)
        var pick = SeededGenerator(seed: 43)
        let subset = try pick.sampleWithoutReplacement(from: network.parameterCount, count: 60)
        let error = gradientError(Double.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-6,
                                  only: subset + [0, 8 * 64, 8 * 64 + 64 * 64])
        #expect(error < 1e-6)
    }

    @Test func symbolCountsLabelEachWholeSequenceAndCutOnlyTheRows() throws {
        let task = SymbolCounts(symbols: 3, lengths: 2...6, testLengths: [4, 12], train: 200, validation: 50, test: 30, steps: 6)
        let (data, lengths) = try task.make(seed: 5)
        let shape = try #require(data.sequence)
        #expect(shape == SequenceShape(steps: 6, features: 3))
        #expect(data.train.count == 200 && data.validation.count == 50 && data.test.count == 60)
        #expect(lengths == Array(repeating: 4, count: 30) + Array(repeating: 12, count: 30))
        for split in [data.train, data.validation] {
            for r in 0..<split.count {
                var a = 0, b = 0, length = 0
                for t in 0..<shape.steps where split.features[r, t * 4 + 3] == 1 {
                    length += 1
                    a += Int(split.features[r, t * 4])
                    b += Int(split.features[r, t * 4 + 1])
                }
                #expect((2...6).contains(length) && a != b)
                #expect(split.labels[r] == (a > b ? 1 : 0))
            }
        }
        // Sequences of 12 are cut to their first 6 steps: every slot is present.
        #expect((30..<60).allSatisfy { r in (0..<6).allSatisfy { data.test.features[r, $0 * 4 + 3] == 1 } })
        // Both classes come up about equally often.
        let share = Double(data.train.labels.reduce(0, +)) / 200
        #expect(share > 0.35 && share < 0.65)
        // The same seed gives the same sequences; other test lengths leave training alone.
        let again = try task.make(seed: 5).dataset
        #expect(again == data)
        var other = task
        other.testLengths = [12]
        let (changed, _) = try other.make(seed: 5)
        #expect(changed.train == data.train && changed.validation == data.validation)
        #expect(changed.test.features.rows(Array(0..<30)) == data.test.features.rows(Array(30..<60)))
        // Steps 0: rows as long as the longest sequence, nothing cut.
        var whole = task
        whole.steps = 0
        #expect(try whole.make(seed: 5).dataset.sequence == SequenceShape(steps: 12, features: 3))
    }

    @Test func aSmallRecurrentNetworkLearnsToCompare() throws {
        let task = SymbolCounts(symbols: 3, lengths: 1...8, train: 1_000, validation: 200, test: 200)
        let (data, _) = try task.make(seed: 7)
        var network = try Network(input: data.inputSize, layers: [.recurrent(units: 8), .dense(units: 2)],
                                  initializer: .glorotUniform, seed: 8, sequence: data.sequence)
        let history = try Trainer(TrainingConfiguration(epochs: 20, batchSize: 32, optimizer: .adam(), learningRate: 0.01,
                                                        seed: 9, trackTest: true)).train(&network, on: data)
        let accuracy = try #require(history.finalTest?.accuracy)
        #expect(accuracy > 0.9, "\(accuracy)")
    }
}
