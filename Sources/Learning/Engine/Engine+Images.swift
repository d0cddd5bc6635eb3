import Tensor

/// The image layers' loops: the im2col lowering of a convolution and its inverse, and
/// pooling forward and backward, over channels-last images (`ImageShape`). Each works on
/// a range of images, so that the engine can give each thread its own images.
extension Engine {
    /// Writes the patch of every output position of `images` into `columns`: row
    /// `(b * outHeight + oy) * outWidth + ox` holds, in the order (ky, kx, channel), the
    /// input around that position, zeros where the kernel overhangs the edge.
    ///
    /// With padding, each image is first copied into the middle of `pad` (a zero-bordered
    /// `(height + 2 padding) x (width + 2 padding)` image, its border zeroed once), so
    /// that every kernel row of every patch is one contiguous run of `kernel * channels`
    /// values, copied without a bounds test. Each run is moved as whole vectors (one load
    /// and one store for a 5 x 5 kernel on one channel): the values a vector carries past
    /// the run's end land where the next run is written right after, and only the image's
    /// last run is copied exactly. Reading past a run's end needs the few values of slack
    /// every engine buffer has (`Engine.slack`).
    func imageToColumns(_ c: Convolution, _ x: UnsafePointer<S>, into columns: UnsafeMutablePointer<S>,
                        images: Range<Int>, pad: UnsafeMutablePointer<S>) {
        let ch = c.input.channels, h = c.input.height, w = c.input.width, p = c.padding
        let wp = w + 2 * p, out = c.output, k = c.kernel, run = k * ch, s = c.stride
        if p > 0 { pad.update(repeating: 0, count: (h + 2 * p) * wp * ch) }
        @inline(__always)
        func lower<V: SIMD>(_: V.Type) where V.Scalar == S {
            for b in images {
                let image = x + b * c.input.count
                var source = image
                if p > 0 {
                    for y in 0..<h {
                        ConvolutionKernels.copy(image + y * w * ch, pad + ((y + p) * wp + p) * ch, count: w * ch)
                    }
                    source = UnsafePointer(pad)
                }
                var dst = columns + b * c.positions * c.patchSize
                let last = dst + c.positions * c.patchSize - run
                for oy in 0..<out.height {
                    for ox in 0..<out.width {
                        let origin = source + (oy * s * wp + ox * s) * ch
                        for ky in 0..<k {
                            let src = origin + ky * wp * ch
                            if dst == last {
                                ConvolutionKernels.copy(src, dst, count: run)
                            } else {
                                var j = 0
                                repeat {
                                    UnsafeMutableRawPointer(dst + j).storeBytes(
                                        of: UnsafeRawPointer(src + j).loadUnaligned(as: V.self), as: V.self)
                                    j += V.scalarCount
                                } while j < run
                            }
                            dst += run
                        }
                    }
                }
            }
        }
        if run <= 4 {
            lower(SIMD4<S>.self)
        } else if run <= 8 {
            lower(SIMD8<S>.self)
        } else {
            lower(SIMD16<S>.self)
        }
    }

    /// The adjoint of `imageToColumns`: adds each patch row of `columns` back onto the
    /// positions it was read from, into `dx` (each image zeroed first); with padding,
    /// through the zero-bordered `pad`, whose middle is then the image's gradient.
    func columnsToImage(_ c: Convolution, from columns: UnsafePointer<S>, into dx: UnsafeMutablePointer<S>,
                        images: Range<Int>, pad: UnsafeMutablePointer<S>) {
        let ch = c.input.channels, h = c.input.height, w = c.input.width, p = c.padding
        let wp = w + 2 * p, out = c.output, k = c.kernel, run = k * ch, s = c.stride
        for b in images {
            let image = dx + b * c.input.count
            let target = p > 0 ? pad : image
            target.update(repeating: 0, count: p > 0 ? (h + 2 * p) * wp * ch : c.input.count)
            var src = columns + b * c.positions * c.patchSize
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let origin = target + (oy * s * wp + ox * s) * ch
                    for ky in 0..<k {
                        ConvolutionKernels.add(src, into: origin + ky * wp * ch, count: run)
                        src += run
                    }
                }
            }
            if p > 0 {
                for y in 0..<h {
                    ConvolutionKernels.copy(pad + ((y + p) * wp + p) * ch, image + y * w * ch, count: w * ch)
                }
            }
        }
    }

    /// The largest value of each window and channel of `images`, and which element of
    /// the window it was (its number in reading order, 0 to size * size - 1, as a value
    /// in `winners`), the first one in reading order on ties.
    func maxPool(_ p: Pooling, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, winners: UnsafeMutablePointer<S>,
                 images: Range<Int>) {
        if S.self == Float.self {
            Self.maxPool(p, UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                         UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self),
                         winners: UnsafeMutableRawPointer(winners).assumingMemoryBound(to: Float.self), images: images)
            return
        }
        let out = p.output, ch = p.input.channels, w = p.input.width, size = p.size
        for b in images {
            let image = x + b * p.input.count
            for o in 0..<(out.height * out.width) {
                let start = image + ((o / out.width) * p.stride * w + (o % out.width) * p.stride) * ch
                for j in 0..<ch {
                    var best = start[j], element: S = 0
                    for e in 1..<(size * size) {
                        let v = start[((e / size) * w + e % size) * ch + j]
                        if v > best { best = v; element = S(e) }
                    }
                    y[b * out.count + o * ch + j] = best
                    winners[b * out.count + o * ch + j] = element
                }
            }
        }
    }

    /// `maxPool` in Float, eight channels at a time (a window's channels are contiguous):
    /// written for the concrete vector type, whose comparisons and selections compile to
    /// single instructions where the generic ones go lane by lane.
    static func maxPool(_ p: Pooling, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                        winners: UnsafeMutablePointer<Float>, images: Range<Int>) {
        let out = p.output, ch = p.input.channels, w = p.input.width, size = p.size
        for b in images {
            let image = x + b * p.input.count
            var dst = y + b * out.count
            var winner = winners + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let start = image + (oy * p.stride * w + ox * p.stride) * ch
                    var j = 0
                    while j + 8 <= ch {
                        var best = UnsafeRawPointer(start + j).loadUnaligned(as: SIMD8<Float>.self)
                        var element = SIMD8<Float>()
                        for e in 1..<(size * size) {
                            let v = UnsafeRawPointer(start + ((e / size) * w + e % size) * ch + j).loadUnaligned(as: SIMD8<Float>.self)
                            let larger = v .> best
                            best.replace(with: v, where: larger)
                            element.replace(with: SIMD8<Float>(repeating: Float(e)), where: larger)
                        }
                        UnsafeMutableRawPointer(dst + j).storeBytes(of: best, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(winner + j).storeBytes(of: element, as: SIMD8<Float>.self)
                        j += 8
                    }
                    while j < ch {
                        var best = start[j], element: Float = 0
                        for e in 1..<(size * size) {
                            let v = start[((e / size) * w + e % size) * ch + j]
                            if v > best { best = v; element = Float(e) }
                        }
                        dst[j] = best
                        winner[j] = element
                        j += 1
                    }
                    dst += ch
                    winner += ch
                }
            }
        }
    }

    /// Sends each output's gradient to the input that was its window's maximum, as the
    /// forward pass recorded it in `winners` (windows that overlap add up, in output order).
    func maxPoolBackward(_ p: Pooling, delta: UnsafePointer<S>, winners: UnsafePointer<S>,
                         into dx: UnsafeMutablePointer<S>, images: Range<Int>) {
        let out = p.output, ch = p.input.channels, w = p.input.width, size = p.size
        withUnsafeTemporaryAllocation(of: Int.self, capacity: size * size) { offsets in
            for e in 0..<(size * size) { offsets[e] = ((e / size) * w + e % size) * ch }
            for b in images {
                let grad = dx + b * p.input.count
                grad.update(repeating: 0, count: p.input.count)
                var d = delta + b * out.count
                var winner = winners + b * out.count
                for oy in 0..<out.height {
                    for ox in 0..<out.width {
                        let start = grad + (oy * p.stride * w + ox * p.stride) * ch
                        for j in 0..<ch { start[offsets[Self.element(winner[j])] + j] += d[j] }
                        d += ch
                        winner += ch
                    }
                }
            }
        }
    }

    /// A window element's number stored as a value, back as an index (through Float's own
    /// conversion, one instruction, where the generic one is a library call).
    @inline(__always)
    static func element(_ value: S) -> Int {
        if S.self == Float.self { return Int(unsafeBitCast(value, to: Float.self)) }
        return Int(Double(value))
    }

    func averagePool(_ p: Pooling, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, images: Range<Int>) {
        let out = p.output, ch = p.input.channels, w = p.input.width
        let scale = S(1) / S(p.size * p.size)
        for b in images {
            let image = x + b * p.input.count
            var dst = y + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let start = (oy * p.stride * w + ox * p.stride) * ch
                    for j in 0..<ch {
                        var sum: S = 0
                        for dy in 0..<p.size {
                            for dx in 0..<p.size { sum += image[start + (dy * w + dx) * ch + j] }
                        }
                        dst[j] = sum * scale
                    }
                    dst += ch
                }
            }
        }
    }

    /// Spreads each output's gradient evenly over its window.
    func averagePoolBackward(_ p: Pooling, delta: UnsafePointer<S>, into dx: UnsafeMutablePointer<S>, images: Range<Int>) {
        let out = p.output, ch = p.input.channels, w = p.input.width
        let scale = S(1) / S(p.size * p.size)
        for b in images {
            let grad = dx + b * p.input.count
            grad.update(repeating: 0, count: p.input.count)
            var d = delta + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let start = (oy * p.stride * w + ox * p.stride) * ch
                    for j in 0..<ch {
                        let g = d[j] * scale
                        for dy in 0..<p.size {
                            for dx in 0..<p.size { grad[start + (dy * w + dx) * ch + j] += g }
                        }
                    }
                    d += ch
                }
            }
        }
    }
}
