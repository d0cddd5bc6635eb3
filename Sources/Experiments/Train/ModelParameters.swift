import Foundation
import Learning
import Notebook

/// The `model` group of a training setup: the network, as hidden widths with one
/// activation, or as an explicit list of layers. The output layer (one unit per class, or
/// per regression target) is always added last, linear.
///
///     model:
///       hidden: [64, 32, 16]
///       activation: tanh
///     model:
///       layers: [dense(64), relu, dropout(0.2), dense(64), relu]
///     model:
///       layers: ["conv(8, 5, 1, 2)", relu, maxpool(2), flatten, dense(32), relu]
///     model:
///       layers: ["rnn(16)"]          # on sequences (data.source: symbol-counts)
struct ModelParameters: Codable, Sendable, Equatable, Hashable, DeclaredParameters {
    var hidden = [16, 16]
    var activation = Activation.relu
    var initializer = Initializer.heNormal
    var dropout = 0.0
    var bias = true
    var layers: [String] = []

    init() {}

    static let parameters: [Parameter<ModelParameters>] = [
        .wholes("hidden", \.hidden, 1...4096, .anyLength, "Hidden layer widths, first to last ([] is a linear model)."),
        .choice("activation", names: Activation.knownNames, "Nonlinearity after each hidden layer."),
        .choice("initializer", names: Initializer.knownNames, "How the weights are drawn, the output layer's too; biases start at zero."),
        .number("dropout", \.dropout, ValueRange(lower: 0, upper: 1, upperInclusive: false), "Dropout rate after each hidden activation (0: none); masks are drawn from the seed."),
        .flag("bias", \.bias, "Whether the dense layers add biases."),
        .texts("layers", \.layers, .anyLength, "An explicit list of hidden layers instead of `hidden`, `activation` and `dropout`: `dense(UNITS)`, `dense(UNITS, nobias)`, an activation name (`relu`, `tanh`, `leaky_relu(0.1)`, ...), `dropout(RATE)`, and for images (square, one channel, such as Fashion-MNIST) `conv(FILTERS, KERNEL)` or `conv(FILTERS, KERNEL, STRIDE, PADDING)`, `maxpool(SIZE)`, `avgpool(SIZE)` (or `(SIZE, STRIDE)`; the stride defaults to the size) and `flatten`, and for sequences (`symbol-counts`), as the first layer, `rnn(UNITS)` (a simple recurrent layer of tanh units whose output is each sequence's last state) or `rnn(UNITS, mean)` (the mean of its states over the sequence's steps). The linear output layer is added after them."),
    ]

    /// The hidden layers as the engine builds them, or the first problem with `layers`.
    func layerSpecs() -> Result<[LayerSpec], ConfigProblem> {
        guard !layers.isEmpty else {
            return .success(TrialRecipe.layers(hidden: hidden, activation: activation, dropout: dropout, bias: bias))
        }
        var specs: [LayerSpec] = []
        for (index, text) in layers.enumerated() {
            guard let spec = Self.layer(text) else {
                return .failure(ConfigProblem(key: "layers.\(index)", expected: Self.layerWords, found: text))
            }
            specs.append(spec)
        }
        return .success(specs)
    }

    static let layerWords = "`dense(UNITS)`, `dense(UNITS, nobias)`, an activation (\(Activation.knownNames.joined(separator: ", "))), `dropout(RATE)` with RATE in [0, 1), `conv(FILTERS, KERNEL)`, `conv(FILTERS, KERNEL, STRIDE, PADDING)`, `maxpool(SIZE)`, `maxpool(SIZE, STRIDE)`, `avgpool(SIZE)`, `avgpool(SIZE, STRIDE)`, `flatten`, `rnn(UNITS)` or `rnn(UNITS, mean)`"

    /// One layer written as text.
    static func layer(_ text: String) -> LayerSpec? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func arguments(_ name: String) -> [String]? {
            guard trimmed.hasPrefix(name + "("), trimmed.hasSuffix(")") else { return nil }
            return trimmed.dropFirst(name.count + 1).dropLast().split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let args = arguments("dense") {
            guard let units = args.first.flatMap({ Int($0) }), (1...4096).contains(units) else { return nil }
            if args.count == 1 { return .dense(units: units) }
            if args.count == 2, args[1] == "nobias" { return .dense(units: units, bias: false) }
            return nil
        }
        if let args = arguments("dropout") {
            guard args.count == 1, let rate = Double(args[0]), rate >= 0, rate < 1 else { return nil }
            return .dropout(rate: Float(rate))
        }
        if let args = arguments("conv") {
            let n = args.compactMap { Int($0) }
            guard n.count == args.count, n.count == 2 || n.count == 4, (1...1024).contains(n[0]), (1...64).contains(n[1])
            else { return nil }
            if n.count == 2 { return .convolution(filters: n[0], kernel: n[1]) }
            guard n[2] >= 1, n[3] >= 0, n[3] < n[1] else { return nil }
            return .convolution(filters: n[0], kernel: n[1], stride: n[2], padding: n[3])
        }
        for name in ["maxpool", "avgpool"] {
            guard let args = arguments(name) else { continue }
            let n = args.compactMap { Int($0) }
            guard n.count == args.count, n.count == 1 || n.count == 2, n.allSatisfy({ (1...64).contains($0) }) else { return nil }
            let stride = n.count == 2 ? n[1] : n[0]
            return name == "maxpool" ? .maxPool(size: n[0], stride: stride) : .averagePool(size: n[0], stride: stride)
        }
        if trimmed == "flatten" { return .flatten }
        if let args = arguments("rnn") {
            guard let units = args.first.flatMap({ Int($0) }), (1...4096).contains(units) else { return nil }
            if args.count == 1 { return .recurrent(units: units) }
            guard args.count == 2, let output = RecurrentOutput(rawValue: args[1]) else { return nil }
            return .recurrent(units: units, output: output)
        }
        return Activation(name: trimmed).map { .activation($0) }
    }

    /// The problem, if any, with the layers' shapes on inputs of `width` values (a kernel
    /// or window larger than its image, an image layer after `flatten` or on inputs that
    /// are not a square image, a recurrent layer that is not first or reads no sequences),
    /// as the network would report it when built.
    func shapeProblem(inputWidth width: Int, sequence: SequenceShape? = nil) -> ConfigProblem? {
        guard case .success(let specs) = layerSpecs() else { return nil }
        do {
            _ = try Network(input: width, layers: specs + [.dense(units: 1)], sequence: sequence)
            return nil
        } catch {
            let input = sequence.map { "sequences (\($0) per row)" } ?? "inputs of \(width) values"
            return ConfigProblem(key: "layers", expected: "layers that fit \(input)", found: "\(error)")
        }
    }

    /// Whether the layers start with a recurrent layer, which needs a sequence data set.
    var isRecurrent: Bool {
        guard case .success(let specs) = layerSpecs() else { return false }
        return specs.contains { if case .recurrent = $0 { return true } else { return false } }
    }

    /// The problem, if any, with these layers on the examples of `data` that can be seen
    /// before anything is loaded: a recurrent layer on a set that is not sequences, and the
    /// shapes of image layers on Fashion-MNIST and of every layer on sequences.
    func dataProblem(_ data: DataParameters) -> ConfigProblem? {
        if let sequence = data.sequenceShape { return shapeProblem(inputWidth: sequence.count, sequence: sequence) }
        if isRecurrent {
            return ConfigProblem(key: "layers", expected: "`rnn(...)` only on sequences (data.source: symbol-counts); \(data.source.rawValue) examples are not sequences",
                                 found: layers.joined(separator: ", "))
        }
        if data.source == .fashionMNIST { return shapeProblem(inputWidth: data.pixels * data.pixels) }
        return nil
    }

    /// `64-32-16 relu` and the like, for captions and legends.
    var description: String {
        if !layers.isEmpty { return layers.joined(separator: ", ") }
        if hidden.isEmpty { return "linear" }
        return hidden.map(String.init).joined(separator: "-") + " " + activation.name
    }
}
