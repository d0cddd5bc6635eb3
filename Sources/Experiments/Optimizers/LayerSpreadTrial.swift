import Foundation
import Learning
import Tensor

/// The signals of a freshly initialised deep MLP: for every hidden layer, the spread of
/// its activations on a batch of images and of the back-propagated gradient (with
/// respect to its pre-activations, as Glorot and Bengio 2010 measure it), plus
/// histograms of a few layers' activations.
struct LayerSpreadTrial: Sendable {
    struct Key: Codable, Sendable, Equatable {
        var version: Int
        var data: BatchData.Spec
        var depth: Int
        var width: Int
        var activation: Activation
        var initializer: Initializer
        var seed: UInt64
        /// How many validation images are measured (the first ones).
        var examples: Int
        /// 1-based hidden layers whose activations are histogrammed.
        var histogramLayers: [Int]
        /// Histogram bins evenly over [-histogramRange, histogramRange]; values outside
        /// fall into the end bins.
        var histogramBins: Int
        var histogramRange: Double
    }

    struct Result: Codable, Sendable, Equatable {
        /// Standard deviation of the activations of hidden layers 1...depth.
        var activationSpread: [Double]
        /// Mean of the same activations.
        var activationMean: [Double]
        /// Standard deviation of the per-example loss gradient with respect to the
        /// pre-activations of hidden layers 1...depth.
        var gradientSpread: [Double]
        /// Standard deviation of the weight gradients of dense layers 1...depth.
        var weightGradientSpread: [Double]
        /// Loss of the untrained network on the measured images.
        var initialLoss: Double
        /// Fraction of activations in each bin, one histogram per `histogramLayers` entry.
        var histograms: [[Double]]
    }

    static let version = 1

    static func run(_ key: Key, data: BatchData) throws -> Result {
        let split = data.validation.subset(Array(0..<min(key.examples, data.validation.count)))
        let network = try Network(input: split.features.columns, hidden: Array(repeating: key.width, count: key.depth),
                                  output: 10, activation: key.activation, initializer: key.initializer, seed: key.seed)
        let stats = try network.layerStatistics(split, loss: .softmaxCrossEntropy)
        // Layers run dense, activation, dense, activation, ..., dense: hidden layer l
        // (1-based) is dense 2(l-1) followed by activation 2(l-1)+1.
        let hidden = 0..<key.depth
        var result = Result(activationSpread: hidden.map { stats[2 * $0 + 1].outputStandardDeviation },
                            activationMean: hidden.map { stats[2 * $0 + 1].outputMean },
                            gradientSpread: hidden.map { stats[2 * $0].gradientStandardDeviation },
                            weightGradientSpread: hidden.map { stats[2 * $0].weightGradientStandardDeviation ?? .nan },
                            initialLoss: try network.evaluate(split, loss: .softmaxCrossEntropy).loss, histograms: [])
        let wanted = key.histogramLayers.map { 2 * ($0 - 1) + 1 }
        let outputs = try network.layerOutputs(split.features, layers: wanted)
        for values in outputs {
            var counts = [Double](repeating: 0, count: key.histogramBins)
            let width = 2 * key.histogramRange / Double(key.histogramBins)
            for v in values.storage {
                let b = Int(((Double(v) + key.histogramRange) / width).rounded(.down))
                counts[min(max(b, 0), key.histogramBins - 1)] += 1
            }
            result.histograms.append(counts.map { $0 / Double(max(values.storage.count, 1)) })
        }
        return result
    }
}
