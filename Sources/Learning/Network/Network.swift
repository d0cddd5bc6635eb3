import Tensor

/// A feed-forward network: a list of layers and one flat vector holding every
/// parameter (each dense layer's weights, row-major `inputs x outputs`, then its bias).
/// A value type: copying a network copies its parameters.
public struct Network: Equatable, Sendable, Codable {
    /// The layers in the order data flows through them.
    public let layers: [Layer]
    /// Every trainable parameter; see `Dense.weightOffset` and `Dense.biasOffset`.
    public var parameters: [Float]
    /// Width of the input.
    public let inputSize: Int
    /// Width of the output (the logits for classification).
    public let outputSize: Int

    /// A network from a layer list, with weights drawn by `initializer` from `seed` and
    /// every bias zero (the usual default). Zero biases put every first-layer ReLU kink
    /// of a one-input network at x = 0; fits of 1-D functions that want kinks spread over
    /// their interval set the first layer's biases themselves (`setBias(layer:_:)`).
    /// Throws on a non-positive width or a dropout rate outside [0, 1).
    public init(input: Int, layers specs: [LayerSpec], initializer: Initializer = .glorotUniform,
                seed: UInt64 = 0) throws {
        guard input > 0 else {
            throw LearningError.invalidSetting(name: "network input", expected: "a positive width", found: "\(input)")
        }
        var layers: [Layer] = []
        var width = input
        var offset = 0
        for spec in specs {
            switch spec {
            case let .dense(units, bias):
                guard units > 0 else {
                    throw LearningError.invalidSetting(name: "dense layer width", expected: "a positive whole number",
                                                       found: "\(units)")
                }
                let d = Dense(inputs: width, outputs: units, hasBias: bias, weightOffset: offset,
                              biasOffset: offset + width * units)
                offset += d.parameterCount
                layers.append(.dense(d))
                width = units
            case let .activation(a):
                if case let .leakyReLU(slope) = a, !(slope > 0 && slope < 1) {
                    throw LearningError.invalidSetting(name: "leaky ReLU slope", expected: "a number in (0, 1)",
                                                       found: "\(slope)")
                }
                layers.append(.activation(a))
            case let .dropout(rate):
                guard rate >= 0, rate < 1 else {
                    throw LearningError.invalidSetting(name: "dropout rate", expected: "a number in [0, 1)",
                                                       found: "\(rate)")
                }
                layers.append(.dropout(rate: rate))
            }
        }
        self.layers = layers
        self.inputSize = input
        self.outputSize = width
        self.parameters = [Float](repeating: 0, count: offset)
        reinitialize(initializer, seed: seed)
    }

    /// The usual multilayer perceptron: `input -> hidden[0] -> ... -> output`, each
    /// hidden dense layer followed by `activation` (and dropout when `dropout > 0`), the
    /// last layer linear (logits or regression outputs). Weights come from `initializer`
    /// and `seed`; every bias starts at zero (see `init(input:layers:initializer:seed:)`).
    public init(input: Int, hidden: [Int], output: Int, activation: Activation = .relu,
                bias: Bool = true, initializer: Initializer = .glorotUniform,
                dropout: Float = 0, seed: UInt64 = 0) throws {
        var specs: [LayerSpec] = []
        for width in hidden {
            specs.append(.dense(units: width, bias: bias))
            specs.append(.activation(activation))
            if dropout > 0 { specs.append(.dropout(rate: dropout)) }
        }
        specs.append(.dense(units: output, bias: bias))
        try self.init(input: input, layers: specs, initializer: initializer, seed: seed)
    }

    /// Draws fresh weights from `seed`, layer by layer, and sets every bias to zero.
    public mutating func reinitialize(_ initializer: Initializer, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for d in denseLayers {
            for i in 0..<(d.inputs * d.outputs) {
                parameters[d.weightOffset + i] = initializer.draw(fanIn: d.inputs, fanOut: d.outputs, using: &rng)
            }
            if d.hasBias { for j in 0..<d.outputs { parameters[d.biasOffset + j] = 0 } }
        }
    }

    /// The dense layers in order.
    public var denseLayers: [Dense] {
        layers.compactMap { if case let .dense(d) = $0 { return d } else { return nil } }
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { parameters.count }

    /// The weights of dense layer `index` (counting dense layers only), `inputs x outputs`.
    public func weights(layer index: Int) -> Matrix<Float> {
        let d = denseLayers[index]
        return try! Matrix(rows: d.inputs, columns: d.outputs,
                           storage: Array(parameters[d.weightOffset..<(d.weightOffset + d.inputs * d.outputs)]))
    }

    /// The bias of dense layer `index` (empty without bias).
    public func bias(layer index: Int) -> [Float] {
        let d = denseLayers[index]
        return d.hasBias ? Array(parameters[d.biasOffset..<(d.biasOffset + d.outputs)]) : []
    }

    /// Replaces the weights of dense layer `index`; throws when the shape differs.
    public mutating func setWeights(layer index: Int, _ w: Matrix<Float>) throws {
        let d = denseLayers[index]
        guard w.rows == d.inputs, w.columns == d.outputs else {
            throw LearningError.shapeMismatch(what: "weights of dense layer \(index)",
                                              expected: "\(d.inputs)x\(d.outputs)", found: "\(w.rows)x\(w.columns)")
        }
        parameters.replaceSubrange(d.weightOffset..<(d.weightOffset + w.count), with: w.storage)
    }

    /// Replaces the bias of dense layer `index`; throws when the length differs.
    public mutating func setBias(layer index: Int, _ b: [Float]) throws {
        let d = denseLayers[index]
        guard d.hasBias, b.count == d.outputs else {
            throw LearningError.shapeMismatch(what: "bias of dense layer \(index)",
                                              expected: d.hasBias ? "\(d.outputs) values" : "no bias (the layer has none)",
                                              found: "\(b.count) values")
        }
        parameters.replaceSubrange(d.biasOffset..<(d.biasOffset + b.count), with: b)
    }

    /// Frobenius norm of each dense layer's weights (biases excluded).
    public var weightNorms: [Double] { (0..<denseLayers.count).map { weights(layer: $0).frobeniusNorm } }

    /// Euclidean norm of all parameters together (weights and biases).
    public var parameterNorm: Double {
        parameters.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    /// Width of the output of each layer, in order.
    public var layerWidths: [Int] {
        var width = inputSize
        return layers.map { layer in
            if case let .dense(d) = layer { width = d.outputs }
            return width
        }
    }
}
