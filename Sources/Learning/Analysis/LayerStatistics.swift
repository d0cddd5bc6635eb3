import Foundation
import Tensor

/// How large the signals of one layer are for a batch of inputs: the spread of the
/// layer's outputs on the way forward and of the loss gradient with respect to those
/// outputs on the way back. Glorot and Bengio (2010) and He et al. (2015) chose the
/// initial weight scale so that both stay about constant from layer to layer; a scale
/// that is too small makes them shrink with depth, one that is too large makes them grow.
public struct LayerStatistics: Equatable, Sendable, Codable {
    /// Index of the layer in `Network.layers`.
    public var layer: Int
    /// `dense`, or the activation's name (`tanh`, `relu`, ...), or `dropout`.
    public var kind: String
    /// Mean and standard deviation of the layer's outputs over every example and unit.
    public var outputMean: Double
    public var outputStandardDeviation: Double
    /// Standard deviation of the per-example loss gradient with respect to the layer's
    /// outputs, over every example and unit. Per example (not of the batch mean), so the
    /// number does not depend on how many examples are measured.
    public var gradientStandardDeviation: Double
    /// Standard deviation of the gradient of the mean loss with respect to the layer's
    /// weights (dense layers only).
    public var weightGradientStandardDeviation: Double?
}

extension Network {
    /// Per-layer statistics of the forward and backward pass on `split`, with the
    /// network's current weights (typically just after initialisation), dropout off.
    /// One entry per layer, in order.
    public func layerStatistics(_ split: DataSplit, loss: Loss) throws -> [LayerStatistics] {
        try checkInput(split.features)
        guard split.count > 0 else {
            throw LearningError.invalidSetting(name: "statistics split", expected: "at least one example", found: "none")
        }
        let engine = Engine<Double>(network: self, capacity: split.count)
        try Engine<Float>(network: self, capacity: 1).validate(split, loss: loss)
        let rows = split.count
        var gradientSpread = [Double](repeating: .nan, count: layers.count)
        var rng = SeededGenerator(seed: 0)
        split.features.storage.withUnsafeBufferPointer { engine.gather($0.baseAddress!, start: 0, rows: rows) }
        engine.forward(rows: rows, training: false, rng: &rng)
        switch loss {
        case .softmaxCrossEntropy:
            _ = split.labels.withUnsafeBufferPointer { engine.softmaxCrossEntropy(rows: rows, labels: $0.baseAddress!) }
        case .meanSquaredError:
            _ = split.targets.storage.withUnsafeBufferPointer {
                engine.meanSquaredError(rows: rows, targets: $0.baseAddress!, targetIndices: nil)
            }
        }
        let widths = layerWidths
        engine.backward(rows: rows) { layer, gradient in
            // The engine holds the gradient of the batch mean; times rows it is per example.
            gradientSpread[layer] = Self.spread(gradient, count: rows * widths[layer], scale: Double(rows)).deviation
        }
        return layers.indices.map { i in
            let output = Self.spread(engine.outputs[i], count: rows * widths[i], scale: 1)
            var kind = "dropout"
            var weightSpread: Double? = nil
            switch layers[i] {
            case .dense(let d):
                kind = "dense"
                weightSpread = Self.spread(engine.grads + d.weightOffset, count: d.inputs * d.outputs, scale: 1).deviation
            case .activation(let f): kind = f.name
            case .dropout: break
            case .convolution(let c):
                kind = "convolution"
                weightSpread = Self.spread(engine.grads + c.weightOffset, count: c.patchSize * c.filters, scale: 1).deviation
            case .maxPool: kind = "max pool"
            case .averagePool: kind = "average pool"
            case .flatten: kind = "flatten"
            case .recurrent(let r):
                kind = "recurrent"
                weightSpread = Self.spread(engine.grads + r.inputWeightOffset, count: r.parameterCount - r.units, scale: 1).deviation
            }
            return LayerStatistics(layer: i, kind: kind, outputMean: output.mean, outputStandardDeviation: output.deviation,
                                   gradientStandardDeviation: gradientSpread[i], weightGradientStandardDeviation: weightSpread)
        }
    }

    /// Mean and population standard deviation of `count` values times `scale`.
    static func spread(_ values: UnsafePointer<Double>, count: Int, scale: Double) -> (mean: Double, deviation: Double) {
        guard count > 0 else { return (.nan, .nan) }
        var sum = 0.0
        for i in 0..<count { sum += values[i] }
        let mean = sum / Double(count)
        var squares = 0.0
        for i in 0..<count { squares += (values[i] - mean) * (values[i] - mean) }
        return (mean * scale, (squares / Double(count)).squareRoot() * scale)
    }
}
