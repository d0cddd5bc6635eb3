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
    ///
    /// Convolution and pooling layers read their input as an image: `inputShape` (whose
    /// count must be `input`), or, when it is nil, a square one-channel image of `input`
    /// pixels. Their output stays an image until `flatten` (or a dense layer) ends it.
    ///
    /// A recurrent layer reads its input as padded sequences of shape `sequence` (whose
    /// count must be `input`); it must be the first layer, and its output is a plain vector.
    public init(input: Int, layers specs: [LayerSpec], initializer: Initializer = .glorotUniform,
                seed: UInt64 = 0, inputShape: ImageShape? = nil, sequence: SequenceShape? = nil) throws {
        guard input > 0 else {
            throw LearningError.invalidSetting(name: "network input", expected: "a positive width", found: "\(input)")
        }
        if let inputShape, inputShape.count != input {
            throw LearningError.shapeMismatch(what: "network input shape", expected: "\(input) values",
                                              found: "\(inputShape) = \(inputShape.count) values")
        }
        if let sequence, sequence.count != input || sequence.steps < 1 || sequence.features < 1 {
            throw LearningError.shapeMismatch(what: "network input sequence shape", expected: "\(input) values",
                                              found: "\(sequence) = \(sequence.count) values")
        }
        var layers: [Layer] = []
        var width = input
        var offset = 0
        // The image the next convolution or pooling layer reads; nil after a dense layer.
        var image: ImageShape? = inputShape ?? ImageShape.square(count: input)
        func currentImage(_ what: String) throws -> ImageShape {
            guard let shape = image else {
                throw LearningError.invalidSetting(name: "\(what) layer input", expected: "an image (a square number of inputs, an input shape, or the output of a convolution or pooling layer; not after flatten or dense)",
                                                   found: "\(width) values")
            }
            return shape
        }
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
                image = nil
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
            case let .convolution(filters, kernel, stride, padding):
                let shape = try currentImage("convolution")
                guard filters > 0, kernel > 0, stride > 0, padding >= 0, padding < kernel,
                      shape.height + 2 * padding >= kernel, shape.width + 2 * padding >= kernel else {
                    throw LearningError.invalidSetting(name: "convolution", expected: "positive filters, kernel and stride, padding in 0..<kernel, and a kernel no larger than the padded \(shape) input",
                                                       found: "filters \(filters), kernel \(kernel), stride \(stride), padding \(padding)")
                }
                let c = Convolution(input: shape, filters: filters, kernel: kernel, stride: stride, padding: padding,
                                    weightOffset: offset, biasOffset: offset + kernel * kernel * shape.channels * filters)
                offset += c.parameterCount
                layers.append(.convolution(c))
                image = c.output
                width = c.output.count
            case let .maxPool(size, stride), let .averagePool(size, stride):
                let shape = try currentImage("pooling")
                guard size > 0, stride > 0, size <= shape.height, size <= shape.width else {
                    throw LearningError.invalidSetting(name: "pooling", expected: "a positive window no larger than the \(shape) input and a positive stride",
                                                       found: "size \(size), stride \(stride)")
                }
                let p = Pooling(input: shape, size: size, stride: stride)
                if case .maxPool = spec { layers.append(.maxPool(p)) } else { layers.append(.averagePool(p)) }
                image = p.output
                width = p.output.count
            case .flatten:
                layers.append(.flatten)
                image = nil
            case let .recurrent(units, output):
                guard layers.isEmpty, let sequence else {
                    throw LearningError.invalidSetting(name: "recurrent layer input", expected: "sequences (the first layer, on an input with a sequence shape, such as a data set of sequences)",
                                                       found: layers.isEmpty ? "\(width) values without a sequence shape" : "the output of an earlier layer")
                }
                guard units > 0 else {
                    throw LearningError.invalidSetting(name: "recurrent layer units", expected: "a positive whole number", found: "\(units)")
                }
                let f = sequence.features
                let r = Recurrent(input: sequence, units: units, output: output, inputWeightOffset: offset,
                                  recurrentWeightOffset: offset + f * units, biasOffset: offset + f * units + units * units)
                offset += r.parameterCount
                layers.append(.recurrent(r))
                width = units
                image = nil
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

    /// Draws fresh weights from `seed`, layer by layer, and sets every bias to zero. A
    /// convolution's fan-in is its patch (kernel * kernel * input channels) and its
    /// fan-out kernel * kernel * filters, the usual convention (Glorot and Bengio 2010). A
    /// recurrent layer draws W with fan-in `features` and U with fan-in and fan-out `units`.
    public mutating func reinitialize(_ initializer: Initializer, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for layer in layers {
            switch layer {
            case .dense(let d):
                for i in 0..<(d.inputs * d.outputs) {
                    parameters[d.weightOffset + i] = initializer.draw(fanIn: d.inputs, fanOut: d.outputs, using: &rng)
                }
                if d.hasBias { for j in 0..<d.outputs { parameters[d.biasOffset + j] = 0 } }
            case .convolution(let c):
                let fanOut = c.kernel * c.kernel * c.filters
                for i in 0..<(c.patchSize * c.filters) {
                    parameters[c.weightOffset + i] = initializer.draw(fanIn: c.patchSize, fanOut: fanOut, using: &rng)
                }
                for j in 0..<c.filters { parameters[c.biasOffset + j] = 0 }
            case .recurrent(let r):
                // W as a dense layer from the step's features, U as a square dense layer.
                for i in 0..<(r.input.features * r.units) {
                    parameters[r.inputWeightOffset + i] = initializer.draw(fanIn: r.input.features, fanOut: r.units, using: &rng)
                }
                for i in 0..<(r.units * r.units) {
                    parameters[r.recurrentWeightOffset + i] = initializer.draw(fanIn: r.units, fanOut: r.units, using: &rng)
                }
                for j in 0..<r.units { parameters[r.biasOffset + j] = 0 }
            default:
                break
            }
        }
    }

    /// The convolution layers in order.
    public var convolutionLayers: [Convolution] {
        layers.compactMap { if case let .convolution(c) = $0 { return c } else { return nil } }
    }

    /// The weights of filter `filter` of convolution layer `index` (counting convolution
    /// layers only), as `kernel x kernel` values per input channel: `[channel][ky * kernel + kx]`.
    public func filterWeights(layer index: Int, filter: Int) -> [[Float]] {
        let c = convolutionLayers[index]
        let channels: Int = c.input.channels
        var result: [[Float]] = []
        for ch in 0..<channels {
            var values: [Float] = []
            for k in 0..<(c.kernel * c.kernel) {
                let at: Int = c.weightOffset + (k * channels + ch) * c.filters + filter
                values.append(parameters[at])
            }
            result.append(values)
        }
        return result
    }

    /// The recurrent layer, if the network starts with one.
    public var recurrentLayer: Recurrent? {
        guard let first = layers.first, case let .recurrent(r) = first else { return nil }
        return r
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
            switch layer {
            case .dense(let d): width = d.outputs
            case .convolution(let c): width = c.output.count
            case .maxPool(let p), .averagePool(let p): width = p.output.count
            case .recurrent(let r): width = r.units
            default: break
            }
            return width
        }
    }
}
