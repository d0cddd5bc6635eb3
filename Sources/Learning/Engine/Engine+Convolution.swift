import Dispatch
import Tensor

/// A convolution layer's forward and backward passes over a whole minibatch: the im2col
/// lowering of every image (`imageToColumns`), then the products of `ConvolutionKernels`,
/// with the batch's images (or the weights' rows) split among the engine's threads.
extension Engine {
    /// Work (multiply-adds or values) below which a layer runs on the calling thread alone:
    /// waking another thread costs about as much as this.
    static var parallelWork: Int { 1 << 16 }

    /// Images lowered and multiplied at a time by one thread: their patches are still in
    /// cache when the product reads them.
    static var imagesPerBlock: Int { 4 }

    /// Runs `body` on `0..<count` cut into contiguous ranges, one per thread, with the
    /// thread's number (for its scratch); on the calling thread alone when the engine has
    /// one thread or `work` is too small to pay for waking another.
    @inline(__always)
    func split(_ count: Int, work: Int, _ body: (Range<Int>, Int) -> Void) {
        let parts = work >= Engine.parallelWork ? min(threads, count) : 1
        if parts <= 1 {
            body(0..<count, 0)
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { t in
            body((count * t / parts)..<(count * (t + 1) / parts), t)
        }
    }

    /// `y = im2col(x) W + b` for `rows` images; the patches stay in `columns` for the
    /// backward pass.
    func convolutionForward(_ c: Convolution, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>,
                            columns: UnsafeMutablePointer<S>, rows: Int) {
        let weights = UnsafePointer(params + c.weightOffset), bias = UnsafePointer(params + c.biasOffset)
        let per = c.positions, k = c.patchSize, n = c.filters
        split(rows, work: rows * per * k * n) { images, t in
            var b = images.lowerBound
            while b < images.upperBound {
                let end = min(images.upperBound, b + Engine.imagesPerBlock)
                imageToColumns(c, x, into: columns, images: b..<end, pad: pads[t])
                ConvolutionKernels.product(rows: (b * per)..<(end * per), n: n, k: k, a: columns, b: weights, c: y,
                                           bias: bias)
                b = end
            }
        }
    }

    /// From the gradient with respect to the layer's output (`delta`, `rows * positions x
    /// filters`): the weights' and biases' gradients into `grads`, from the patches the
    /// forward pass kept, and, when `dx` is given, the gradient with respect to the input
    /// (`delta W^T` folded back onto the images).
    func convolutionBackward(_ c: Convolution, delta: UnsafeMutablePointer<S>, columns: UnsafeMutablePointer<S>,
                             into dx: UnsafeMutablePointer<S>?, rows: Int) {
        let per = c.positions, m = rows * per, k = c.patchSize, n = c.filters
        let d = UnsafePointer(delta), patches = UnsafePointer(columns), dw = grads + c.weightOffset
        // The weights' gradient, rows of it (blocks of 4) per thread.
        split((k + 3) / 4, work: m * k * n) { blocks, _ in
            ConvolutionKernels.transposedProduct(outputs: (blocks.lowerBound * 4)..<min(k, blocks.upperBound * 4),
                                                 m: m, k: k, n: n, a: patches, b: d, c: dw)
        }
        Kernels.columnSums(d, rows: m, n: n, into: grads + c.biasOffset)
        guard let dx else { return }
        let w = params + c.weightOffset
        for p in 0..<k { for f in 0..<n { scratch[f * k + p] = w[p * n + f] } }
        let transposed = UnsafePointer(scratch), gradient = columnGradient
        split(rows, work: m * k * n) { images, t in
            var b = images.lowerBound
            while b < images.upperBound {
                let end = min(images.upperBound, b + Engine.imagesPerBlock)
                ConvolutionKernels.product(rows: (b * per)..<(end * per), n: k, k: n, a: d, b: transposed, c: gradient,
                                           bias: nil)
                columnsToImage(c, from: UnsafePointer(gradient), into: dx, images: b..<end, pad: pads[t])
                b = end
            }
        }
    }
}
