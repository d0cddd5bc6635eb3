import Tensor

/// The recurrent layer's forward pass and its backpropagation through time, over the
/// padded batch and per-example lengths described in `SequenceShape` and `Recurrent`.
/// Every step runs over the whole batch up to the batch's longest sequence; an example
/// past its own end keeps its last state (and passes its gradient back unchanged), so the
/// state after the longest step is each example's own last state.
extension Engine {
    func recurrentForward(_ r: Recurrent, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, rows: Int) {
        let buffers = recurrent!
        let f = r.input.features, u = r.units, slot = r.input.stride, rowWidth = r.input.count
        let lengths = buffers.lengths
        var longest = 0
        for b in 0..<rows {
            var n = 0
            while n < r.input.steps && x[b * rowWidth + n * slot + f] >= 0.5 { n += 1 }
            lengths[b] = n
            longest = max(longest, n)
        }
        buffers.longest = longest
        // The steps without their flags, time-major; zeros past an example's end.
        let xs = buffers.inputs
        for t in 0..<longest {
            for b in 0..<rows {
                let dst = xs + (t * rows + b) * f
                if t < lengths[b] {
                    let src = x + b * rowWidth + t * slot
                    for j in 0..<f { dst[j] = src[j] }
                } else {
                    for j in 0..<f { dst[j] = 0 }
                }
            }
        }
        let states = buffers.states, block = rows * u
        states.update(repeating: 0, count: block)
        // x_t W + b for every step at once, into the slots of h_1 ... h_longest.
        if longest > 0 {
            Kernels.gemmNN(m: longest * rows, n: u, k: f, a: xs, b: params + r.inputWeightOffset, c: states + block,
                           accumulate: false, bias: UnsafePointer(params + r.biasOffset))
        }
        for t in 0..<longest {
            let previous = states + t * block, current = states + (t + 1) * block
            Kernels.gemmNN(m: rows, n: u, k: u, a: previous, b: params + r.recurrentWeightOffset, c: current,
                           accumulate: true)
            Kernels.activate(.tanh, current, current, count: block)
            for b in 0..<rows where t >= lengths[b] {
                (current + b * u).update(from: previous + b * u, count: u)
            }
        }
        switch r.output {
        case .last:
            y.update(from: states + longest * block, count: block)
        case .mean:
            y.update(repeating: 0, count: block)
            for t in 0..<longest {
                let current = states + (t + 1) * block
                for b in 0..<rows where t < lengths[b] {
                    for j in 0..<u { y[b * u + j] += current[b * u + j] }
                }
            }
            for b in 0..<rows where lengths[b] > 0 {
                let scale = S(1) / S(lengths[b])
                for j in 0..<u { y[b * u + j] *= scale }
            }
        }
    }

    /// Backpropagation through time from the gradient `delta` with respect to the layer's
    /// output (`rows x units`): the gradients of W, U and b into `grads`, and, when `dx` is
    /// given, the gradient with respect to the input rows (zero for flags and padding).
    func recurrentBackward(_ r: Recurrent, delta: UnsafePointer<S>, into dx: UnsafeMutablePointer<S>?, rows: Int) {
        let buffers = recurrent!
        let f = r.input.features, u = r.units, block = rows * u
        let lengths = buffers.lengths, longest = buffers.longest
        let states = buffers.states, g = buffers.stepGradients
        var dh = buffers.stateGradient, spare = buffers.previousStateGradient
        if r.output == .last {
            dh.update(from: delta, count: block)
        } else {
            dh.update(repeating: 0, count: block)
        }
        let u2 = params + r.recurrentWeightOffset
        for t in stride(from: longest - 1, through: 0, by: -1) {
            let current = states + (t + 1) * block, gt = g + t * block
            for b in 0..<rows {
                let row = b * u
                if t < lengths[b] {
                    if r.output == .mean {
                        let scale = S(1) / S(lengths[b])
                        for j in 0..<u { dh[row + j] += delta[row + j] * scale }
                    }
                    for j in 0..<u { gt[row + j] = dh[row + j] * (1 - current[row + j] * current[row + j]) }
                } else {
                    for j in 0..<u { gt[row + j] = 0 }
                }
            }
            // dh_{t-1} = g_t U^T, and an example past its end passes its gradient on unchanged.
            Kernels.gemmNT(m: rows, n: u, k: u, a: gt, b: u2, c: spare, scratch: scratch)
            for b in 0..<rows where t >= lengths[b] {
                for j in 0..<u { spare[b * u + j] += dh[b * u + j] }
            }
            swap(&dh, &spare)
        }
        let m = longest * rows
        Kernels.gemmTN(m: f, n: u, k: m, a: buffers.inputs, b: g, c: grads + r.inputWeightOffset)
        Kernels.gemmTN(m: u, n: u, k: m, a: states, b: g, c: grads + r.recurrentWeightOffset)
        Kernels.columnSums(UnsafePointer(g), rows: m, n: u, into: grads + r.biasOffset)
        guard let dx else { return }
        let slot = r.input.stride, rowWidth = r.input.count
        dx.update(repeating: 0, count: rows * rowWidth)
        guard longest > 0 else { return }
        let dxs = buffers.inputs
        Kernels.gemmNT(m: m, n: f, k: u, a: g, b: params + r.inputWeightOffset, c: dxs, scratch: scratch)
        for t in 0..<longest {
            for b in 0..<rows where t < lengths[b] {
                let src = dxs + (t * rows + b) * f, dst = dx + b * rowWidth + t * slot
                for j in 0..<f { dst[j] = src[j] }
            }
        }
    }
}
