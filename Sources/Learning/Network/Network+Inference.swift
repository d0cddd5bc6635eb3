import Foundation
import Tensor

/// Forward passes on arbitrary inputs (decision regions, layer-by-layer pictures,
/// probes) and evaluation of loss and accuracy. Inputs are processed in chunks, so a
/// large grid needs no more memory than its outputs.
extension Network {
    static let inferenceChunk = 1024

    /// Rows per forward pass outside training: `inferenceChunk`, or, for a network with
    /// convolution layers, as many as keep the largest layer's patches (`Engine.columns`)
    /// near 2^20 values (at least 16 rows), so that evaluating a convolutional network
    /// works in buffers of a few megabytes instead of hundreds; a recurrent layer counts its
    /// inputs, states and their gradients over every step (`RecurrentBuffers`) the same way.
    var inferenceRows: Int {
        var perRow = convolutionLayers.map { $0.positions * $0.patchSize }.max() ?? 0
        if let r = recurrentLayer { perRow = max(perRow, r.input.steps * (r.input.features + 2 * r.units)) }
        guard perRow > 0 else { return Network.inferenceChunk }
        return max(16, min(Network.inferenceChunk, (1 << 20) / perRow))
    }

    func checkInput(_ x: Matrix<Float>) throws {
        guard x.columns == inputSize else {
            throw LearningError.shapeMismatch(what: "network input", expected: "\(inputSize) columns",
                                              found: "\(x.columns) columns")
        }
    }

    /// The network's output (logits for classification) for every row of `x`.
    public func predict(_ x: Matrix<Float>) throws -> Matrix<Float> {
        try layerOutputs(x, layers: [layers.count - 1]).first ?? x
    }

    /// The output of every layer, in order (`layers.count` matrices; for an MLP: dense,
    /// activation, dense, activation, ..., dense), for every row of `x`. Pass `layers`
    /// to keep only some of them.
    public func layerOutputs(_ x: Matrix<Float>, layers wanted: [Int]? = nil) throws -> [Matrix<Float>] {
        try checkInput(x)
        let keep = wanted ?? Array(0..<layers.count)
        guard !layers.isEmpty else { return [] }
        var results = keep.map { Matrix<Float>(rows: x.rows, columns: layerWidths[$0]) }
        let chunk = min(inferenceRows, max(x.rows, 1))
        let engine = Engine<Float>(network: self, capacity: chunk)
        var rng = SeededGenerator(seed: 0)
        var start = 0
        x.storage.withUnsafeBufferPointer { px in
            while start < x.rows {
                let rows = min(chunk, x.rows - start)
                engine.gather(px.baseAddress!, start: start, rows: rows)
                engine.forward(rows: rows, training: false, rng: &rng)
                for (slot, layer) in keep.enumerated() {
                    let w = layerWidths[layer]
                    let src = engine.outputs[layer]
                    results[slot].storage.withUnsafeMutableBufferPointer { dst in
                        (dst.baseAddress! + start * w).update(from: src, count: rows * w)
                    }
                }
                start += rows
            }
        }
        return results
    }

    /// The hidden representations: the output of each hidden layer after its
    /// nonlinearity (the output of every activation layer), one matrix per hidden layer.
    public func hiddenActivations(_ x: Matrix<Float>) throws -> [Matrix<Float>] {
        let indices = layers.indices.filter { if case .activation = layers[$0] { return true } else { return false } }
        return try layerOutputs(x, layers: indices)
    }

    /// Class probabilities (softmax of the outputs), one row per input row.
    public func probabilities(_ x: Matrix<Float>) throws -> Matrix<Float> {
        var z = try predict(x)
        let k = z.columns
        for r in 0..<z.rows {
            var mx = -Float.infinity
            for j in 0..<k { mx = max(mx, z[r, j]) }
            var sum: Float = 0
            for j in 0..<k { let e = Foundation.exp(z[r, j] - mx); z[r, j] = e; sum += e }
            for j in 0..<k { z[r, j] /= sum }
        }
        return z
    }

    /// The predicted class (argmax of the outputs) of every row.
    public func classify(_ x: Matrix<Float>) throws -> [Int] { try predict(x).argmaxRows }

    /// Loss and (for classification) accuracy on a split.
    public func evaluate(_ split: DataSplit, loss: Loss) throws -> Evaluation {
        try checkInput(split.features)
        guard split.count > 0 else { return Evaluation(loss: .nan, accuracy: nil) }
        let chunk = min(inferenceRows, split.count)
        let engine = Engine<Float>(network: self, capacity: chunk)
        return try engine.evaluate(split, loss: loss)
    }
}

/// Loss and accuracy of a network on a split.
public struct Evaluation: Equatable, Sendable, Codable {
    /// Mean loss per example.
    public var loss: Double
    /// Fraction of examples classified correctly (nil for regression).
    public var accuracy: Double?
}

extension Engine where S == Float {
    /// Mean loss and accuracy over a whole split, in chunks of the engine's capacity.
    func evaluate(_ split: DataSplit, loss: Loss) throws -> Evaluation {
        try validate(split, loss: loss)
        var rng = SeededGenerator(seed: 0)
        var total = 0.0
        var correct = 0
        var start = 0
        split.features.storage.withUnsafeBufferPointer { px in
            split.labels.withUnsafeBufferPointer { pl in
                split.targets.storage.withUnsafeBufferPointer { pt in
                    while start < split.count {
                        let rows = min(capacity, split.count - start)
                        gather(px.baseAddress!, start: start, rows: rows)
                        forward(rows: rows, training: false, rng: &rng)
                        switch loss {
                        case .softmaxCrossEntropy:
                            let r = softmaxCrossEntropy(rows: rows, labels: pl.baseAddress! + start, writeGradient: false)
                            total += r.loss
                            correct += r.correct
                        case .meanSquaredError:
                            total += meanSquaredError(rows: rows, targets: pt.baseAddress!, targetIndices: nil,
                                                      targetStart: start, writeGradient: false)
                        }
                        start += rows
                    }
                }
            }
        }
        return Evaluation(loss: total / Double(split.count),
                          accuracy: loss == .softmaxCrossEntropy ? Double(correct) / Double(split.count) : nil)
    }

    /// Softmax cross-entropy and accuracy of one split's examples against several label
    /// vectors (each one label per example), from one forward pass per chunk: the same
    /// numbers as `evaluate` on the split carrying each vector in turn, at the cost of one
    /// pass. For the overfitting lesson's corrupted examples, measured against the labels
    /// they were trained with and against their true ones after every epoch.
    func evaluate(_ split: DataSplit, againstEach labelSets: [[Int]]) throws -> [Evaluation] {
        for labels in labelSets {
            try validate(DataSplit(features: split.features, labels: labels), loss: .softmaxCrossEntropy)
        }
        guard split.count > 0 else { return labelSets.map { _ in Evaluation(loss: .nan, accuracy: .nan) } }
        var rng = SeededGenerator(seed: 0)
        var totals = [Double](repeating: 0, count: labelSets.count)
        var corrects = [Int](repeating: 0, count: labelSets.count)
        var start = 0
        split.features.storage.withUnsafeBufferPointer { px in
            while start < split.count {
                let rows = min(capacity, split.count - start)
                gather(px.baseAddress!, start: start, rows: rows)
                forward(rows: rows, training: false, rng: &rng)
                for (k, labels) in labelSets.enumerated() {
                    labels.withUnsafeBufferPointer { pl in
                        let r = softmaxCrossEntropy(rows: rows, labels: pl.baseAddress! + start, writeGradient: false)
                        totals[k] += r.loss
                        corrects[k] += r.correct
                    }
                }
                start += rows
            }
        }
        return labelSets.indices.map {
            Evaluation(loss: totals[$0] / Double(split.count), accuracy: Double(corrects[$0]) / Double(split.count))
        }
    }

    /// Checks that a split fits the network and the loss.
    func validate(_ split: DataSplit, loss: Loss) throws {
        guard split.features.columns == inputWidth else {
            throw LearningError.shapeMismatch(what: "features", expected: "\(inputWidth) columns (the network's input)",
                                              found: "\(split.features.columns)")
        }
        let outputs = widths.last ?? inputWidth
        switch loss {
        case .softmaxCrossEntropy:
            guard split.labels.count == split.count else {
                throw LearningError.shapeMismatch(what: "labels", expected: "one per example (\(split.count))",
                                                  found: "\(split.labels.count)")
            }
            if let bad = split.labels.first(where: { $0 < 0 || $0 >= outputs }) {
                throw LearningError.shapeMismatch(what: "class label", expected: "0..<\(outputs) (the network's outputs)",
                                                  found: "\(bad)")
            }
        case .meanSquaredError:
            guard split.targets.rows == split.count, split.targets.columns == outputs else {
                throw LearningError.shapeMismatch(what: "regression targets",
                                                  expected: "\(split.count)x\(outputs)",
                                                  found: "\(split.targets.rows)x\(split.targets.columns)")
            }
        }
    }
}

extension Network {
    /// The mean loss on a whole split and its gradient with respect to `parameters`
    /// (same layout), in training mode without dropout noise (dropout layers pass
    /// through). For gradient norms and checks.
    public func lossAndGradient(_ split: DataSplit, loss: Loss) throws -> (loss: Double, gradient: [Float]) {
        try checkInput(split.features)
        let engine = Engine<Float>(network: self, capacity: max(split.count, 1))
        try engine.validate(split, loss: loss)
        let value = engine.lossAndGradient(split)
        return (value, (0..<engine.parameterCount).map { engine.grads[$0] })
    }
}

extension Engine {
    /// Loss of the whole split (which must fit in the capacity) and gradient in `grads`;
    /// dropout is off. Used by `Network.lossAndGradient` and the gradient checks.
    func lossAndGradient(_ split: DataSplit, loss: Loss? = nil) -> Double {
        let rows = split.count
        var rng = SeededGenerator(seed: 0)
        split.features.storage.withUnsafeBufferPointer { gather($0.baseAddress!, start: 0, rows: rows) }
        forward(rows: rows, training: false, rng: &rng)
        let value: Double
        if (loss ?? (split.labels.isEmpty ? .meanSquaredError : .softmaxCrossEntropy)) == .softmaxCrossEntropy {
            value = split.labels.withUnsafeBufferPointer { softmaxCrossEntropy(rows: rows, labels: $0.baseAddress!).loss }
        } else {
            value = split.targets.storage.withUnsafeBufferPointer {
                meanSquaredError(rows: rows, targets: $0.baseAddress!, targetIndices: nil)
            }
        }
        backward(rows: rows)
        return value / Double(rows)
    }
}
