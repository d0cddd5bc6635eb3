import Foundation
import Tensor

/// The forward and backward passes of a `Network` over workspaces allocated once for a
/// largest batch: nothing is allocated per step. Generic so that gradient checks can run
/// the very same code in Double; training uses Float.
final class Engine<S: MatrixScalar> {
    let layers: [Layer]
    let inputWidth: Int
    let widths: [Int]
    let capacity: Int
    let parameterCount: Int
    /// Parameters (a copy of `Network.parameters`, converted) and their gradients.
    let params: UnsafeMutablePointer<S>
    let grads: UnsafeMutablePointer<S>
    /// The batch being processed, `capacity x inputWidth`.
    let input: UnsafeMutablePointer<S>
    /// The output of every layer, `capacity x widths[i]`.
    let outputs: [UnsafeMutablePointer<S>]
    /// Dropout masks (0 or 1 / (1 - rate)), for dropout layers only.
    let masks: [UnsafeMutablePointer<S>?]
    /// Two ping-pong buffers for the gradient with respect to a layer's output.
    let deltaA: UnsafeMutablePointer<S>
    let deltaB: UnsafeMutablePointer<S>
    let scratch: UnsafeMutablePointer<S>
    /// For each convolution layer, the patches of its input from the last forward pass,
    /// one row per output position of every image in the batch (`capacity * positions x
    /// patchSize`): the forward product reads them, and the backward pass reads them again
    /// for the weights' gradient instead of lowering the input a second time.
    let columns: [UnsafeMutablePointer<S>?]
    /// The gradient with respect to a convolution's patches (the largest layer's size),
    /// before `columnsToImage` folds it back onto the input.
    let columnGradient: UnsafeMutablePointer<S>
    /// For each max-pooling layer, which element of its window each output's maximum was
    /// (from the last forward pass), so the backward pass need not search the windows again.
    let poolWinners: [UnsafeMutablePointer<S>?]
    /// One zero-bordered image per thread for the padded convolutions (`imageToColumns`).
    let pads: [UnsafeMutablePointer<S>]
    /// Threads the image layers split a batch among: OpenBLAS's thread count when the
    /// engine is made (one inside parallel trials, which hold BLAS to one thread; all
    /// cores for a lone run such as the benchmark). Results do not depend on it.
    let threads: Int
    /// The first layer with parameters: no gradient with respect to its input is needed.
    let firstWithParameters: Int
    /// Whether `backward` also computes the gradient with respect to the network's input
    /// (for gradient checks of the first layer); off in training.
    var inputGradient = false
    /// The recurrent layer's workspaces, for a network that starts with one.
    let recurrent: RecurrentBuffers<S>?
    /// Whether the last forward pass drew dropout masks (backward then applies them).
    private(set) var lastForwardTrained = false
    private var allocations: [UnsafeMutableRawPointer] = []
    /// Values allocated past the end of every buffer, so that a vector loop may read (never
    /// use) a few values beyond its data (`imageToColumns`).
    static var slack: Int { 16 }

    init(network: Network, capacity: Int, threads: Int? = nil) {
        layers = network.layers
        inputWidth = network.inputSize
        widths = network.layerWidths
        let cap = max(capacity, 1)
        self.capacity = cap
        parameterCount = network.parameters.count
        let threads = max(1, threads ?? BLASThreads.current)
        self.threads = threads
        var allocs: [UnsafeMutableRawPointer] = []
        func make(_ n: Int) -> UnsafeMutablePointer<S> {
            let p = UnsafeMutablePointer<S>.allocate(capacity: n + Engine.slack)
            p.initialize(repeating: 0, count: n + Engine.slack)
            allocs.append(UnsafeMutableRawPointer(p))
            return p
        }
        params = make(network.parameters.count)
        grads = make(network.parameters.count)
        input = make(cap * network.inputSize)
        // A flatten layer's output is its input's buffer: the values are already one row
        // per example, so nothing is copied.
        var outputs: [UnsafeMutablePointer<S>] = []
        for (i, layer) in network.layers.enumerated() {
            if case .flatten = layer {
                outputs.append(i == 0 ? input : outputs[i - 1])
            } else {
                outputs.append(make(cap * network.layerWidths[i]))
            }
        }
        self.outputs = outputs
        var masks: [UnsafeMutablePointer<S>?] = []
        var columns: [UnsafeMutablePointer<S>?] = []
        var poolWinners: [UnsafeMutablePointer<S>?] = []
        var maxWidth = network.inputSize
        var maxWeights = 1
        var maxColumns = 1
        var maxPad = 1
        var first = -1
        for (i, layer) in network.layers.enumerated() {
            maxWidth = max(maxWidth, network.layerWidths[i])
            masks.append(nil)
            columns.append(nil)
            poolWinners.append(nil)
            switch layer {
            case .dropout: masks[i] = make(cap * network.layerWidths[i])
            case .dense(let d):
                maxWeights = max(maxWeights, d.inputs * d.outputs)
                if first < 0 { first = i }
            case .convolution(let c):
                maxWeights = max(maxWeights, c.patchSize * c.filters)
                maxColumns = max(maxColumns, c.positions * c.patchSize)
                maxPad = max(maxPad, (c.input.height + 2 * c.padding) * (c.input.width + 2 * c.padding) * c.input.channels)
                columns[i] = make(cap * c.positions * c.patchSize)
                if first < 0 { first = i }
            case .maxPool(let p):
                poolWinners[i] = make(cap * p.output.count)
            case .recurrent(let r):
                maxWeights = max(maxWeights, r.input.features * r.units, r.units * r.units)
                if first < 0 { first = i }
            default: break
            }
        }
        self.masks = masks
        self.columns = columns
        self.poolWinners = poolWinners
        firstWithParameters = first
        deltaA = make(cap * maxWidth)
        deltaB = make(cap * maxWidth)
        scratch = make(maxWeights)
        columnGradient = make(first >= 0 && columns.contains { $0 != nil } ? cap * maxColumns : 1)
        pads = (0..<threads).map { _ in make(maxPad) }
        recurrent = network.recurrentLayer.map { RecurrentBuffers<S>($0, capacity: cap) }
        allocations = allocs
        load(network.parameters)
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// Copies parameters in from a network's Float vector.
    func load(_ values: [Float]) {
        for i in 0..<parameterCount { params[i] = S(values[i]) }
    }

    /// The parameters as Float, for `Network.parameters`.
    func exportParameters() -> [Float] {
        (0..<parameterCount).map { Float(params[$0]) }
    }

    /// Copies rows of `features` (given by `indices`, or `start..<start+rows`) into the
    /// input buffer.
    func gather(_ features: UnsafePointer<Float>, indices: UnsafePointer<Int>, rows: Int) {
        let w = inputWidth
        for r in 0..<rows {
            let src = features + indices[r] * w
            let dst = input + r * w
            for c in 0..<w { dst[c] = S(src[c]) }
        }
    }

    func gather(_ features: UnsafePointer<Float>, start: Int, rows: Int) {
        let n = rows * inputWidth
        let src = features + start * inputWidth
        for i in 0..<n { input[i] = S(src[i]) }
    }

    /// Runs the layers on the first `rows` rows of `input`; returns the last output.
    @discardableResult
    func forward(rows: Int, training: Bool, rng: inout SeededGenerator) -> UnsafeMutablePointer<S> {
        var src = UnsafePointer(input)
        lastForwardTrained = training
        for (i, layer) in layers.enumerated() {
            let dst = outputs[i]
            let width = widths[i]
            switch layer {
            case .dense(let d):
                Kernels.gemmNN(m: rows, n: d.outputs, k: d.inputs, a: src, b: params + d.weightOffset,
                               c: dst, accumulate: false,
                               bias: d.hasBias ? UnsafePointer(params + d.biasOffset) : nil)
            case .activation(let f):
                Kernels.activate(f, src, dst, count: rows * width)
            case .dropout(let rate):
                let count = rows * width
                if training && rate > 0 {
                    let mask = masks[i]!
                    let keep = S(1 / (1 - Double(rate)))
                    for e in 0..<count {
                        let m: S = rng.uniformFloat() < rate ? 0 : keep
                        mask[e] = m
                        dst[e] = src[e] * m
                    }
                } else {
                    dst.update(from: src, count: count)
                }
            case .convolution(let c):
                convolutionForward(c, src, dst, columns: columns[i]!, rows: rows)
            case .maxPool(let p):
                let winners = poolWinners[i]!
                split(rows, work: rows * p.input.count) { images, _ in maxPool(p, src, dst, winners: winners, images: images) }
            case .averagePool(let p):
                split(rows, work: rows * p.input.count) { images, _ in averagePool(p, src, dst, images: images) }
            case .flatten:
                break
            case .recurrent(let r):
                recurrentForward(r, src, dst, rows: rows)
            }
            src = UnsafePointer(dst)
        }
        return layers.isEmpty ? input : outputs[layers.count - 1]
    }

    /// Softmax cross-entropy of the last output against `labels`: returns the summed loss
    /// and the number of correct argmax predictions, and writes the gradient of the mean
    /// loss (over `rows`) into `deltaA`.
    func softmaxCrossEntropy(rows: Int, labels: UnsafePointer<Int>, writeGradient: Bool = true) -> (loss: Double, correct: Int) {
        let k = widths.last ?? inputWidth
        let z = UnsafePointer(layers.isEmpty ? input : outputs[layers.count - 1])
        var total = 0.0
        var correct = 0
        let invRows = S(1) / S(rows)
        for r in 0..<rows {
            let zr = z + r * k
            var best = 0
            var mx = zr[0]
            for j in 1..<max(k, 1) where zr[j] > mx { mx = zr[j]; best = j }
            let dr = deltaA + r * k
            // exp and log in the scalar type: Float's expf and logf are several times
            // cheaper than the Double versions and exact enough for a loss in Float.
            var sum: S = 0
            for j in 0..<k {
                let e = Engine.exp(zr[j] - mx)
                sum += e
                dr[j] = e
            }
            let y = labels[r]
            if best == y { correct += 1 }
            total += Double(Engine.log(sum)) - Double(zr[y] - mx)
            if writeGradient {
                let inv = invRows / sum
                for j in 0..<k { dr[j] *= inv }
                dr[y] -= invRows
            }
        }
        return (total, correct)
    }

    @inline(__always)
    static func exp(_ x: S) -> S {
        if S.self == Float.self { return S(Foundation.expf(Float(x))) }
        return S(Foundation.exp(Double(x)))
    }

    @inline(__always)
    static func log(_ x: S) -> S {
        if S.self == Float.self { return S(Foundation.logf(Float(x))) }
        return S(Foundation.log(Double(x)))
    }

    /// Mean squared error (mean over rows and outputs) of the last output against
    /// `targets` (rows of `widths.last` values); returns the summed squared error over
    /// the batch divided by the output width, and writes the gradient of the mean loss.
    func meanSquaredError(rows: Int, targets: UnsafePointer<Float>, targetIndices: UnsafePointer<Int>?,
                          targetStart: Int = 0, writeGradient: Bool = true) -> Double {
        let k = widths.last ?? inputWidth
        let y = UnsafePointer(layers.isEmpty ? input : outputs[layers.count - 1])
        var total = 0.0
        let scale = S(2) / S(rows * k)
        for r in 0..<rows {
            let row = targetIndices.map { $0[r] } ?? (targetStart + r)
            let t = targets + row * k
            for j in 0..<k {
                let diff = y[r * k + j] - S(t[j])
                total += Double(diff) * Double(diff)
                if writeGradient { deltaA[r * k + j] = scale * diff }
            }
        }
        return total / Double(k)
    }

    /// Backpropagates the gradient in `deltaA` through the layers, writing every
    /// parameter's gradient into `grads`. `capture`, when given, sees the gradient with
    /// respect to each layer's output (`rows x widths[i]`) before it passes that layer.
    /// With `inputGradient` set, returns the gradient with respect to the input
    /// (`rows x inputWidth`); otherwise what it returns is of no use.
    @discardableResult
    func backward(rows: Int, capture: ((_ layer: Int, _ gradient: UnsafePointer<S>) -> Void)? = nil) -> UnsafePointer<S> {
        var delta = deltaA
        var spare = deltaB
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            let width = widths[i]
            capture?(i, UnsafePointer(delta))
            switch layers[i] {
            case .dense(let d):
                let x = UnsafePointer(i == 0 ? input : outputs[i - 1])
                Kernels.gemmTN(m: d.inputs, n: d.outputs, k: rows, a: x, b: delta, c: grads + d.weightOffset)
                if d.hasBias {
                    Kernels.columnSums(UnsafePointer(delta), rows: rows, n: d.outputs, into: grads + d.biasOffset)
                }
                if passesGradient(i) {
                    Kernels.gemmNT(m: rows, n: d.inputs, k: d.outputs, a: delta, b: params + d.weightOffset,
                                   c: spare, scratch: scratch)
                    swap(&delta, &spare)
                }
            case .activation(let f):
                Kernels.activationBackward(f, input: UnsafePointer(i == 0 ? input : outputs[i - 1]),
                                           output: outputs[i], delta: delta, count: rows * width)
            case .dropout(let rate):
                if rate > 0 && lastForwardTrained {
                    let mask = masks[i]!
                    for e in 0..<(rows * width) { delta[e] *= mask[e] }
                }
            case .convolution(let c):
                convolutionBackward(c, delta: delta, columns: columns[i]!, into: passesGradient(i) ? spare : nil,
                                    rows: rows)
                if passesGradient(i) { swap(&delta, &spare) }
            case .maxPool(let p):
                if passesGradient(i) {
                    let winners = UnsafePointer(poolWinners[i]!), d = UnsafePointer(delta), dx = spare
                    split(rows, work: rows * p.input.count) { images, _ in
                        maxPoolBackward(p, delta: d, winners: winners, into: dx, images: images)
                    }
                    swap(&delta, &spare)
                }
            case .averagePool(let p):
                if passesGradient(i) {
                    let d = UnsafePointer(delta), dx = spare
                    split(rows, work: rows * p.input.count) { images, _ in
                        averagePoolBackward(p, delta: d, into: dx, images: images)
                    }
                    swap(&delta, &spare)
                }
            case .flatten:
                break
            case .recurrent(let r):
                recurrentBackward(r, delta: delta, into: passesGradient(i) ? spare : nil, rows: rows)
                if passesGradient(i) { swap(&delta, &spare) }
            }
        }
        return UnsafePointer(delta)
    }

    /// Whether the gradient must pass below layer `i`: above the first layer with
    /// parameters, or everywhere when the input's gradient is wanted.
    @inline(__always)
    func passesGradient(_ i: Int) -> Bool { inputGradient || i > firstWithParameters }
}
