import Tensor

/// The image layers' loops: the im2col lowering of a convolution and its inverse, and
/// pooling forward and backward, over channels-last images (`ImageShape`).
extension Engine {
    /// Writes the patch of every output position of `rows` images into `columns`: row
    /// `(b * outHeight + oy) * outWidth + ox` holds, in the order (ky, kx, channel), the
    /// input around that position, zeros where the kernel overhangs the edge.
    func imageToColumns(_ c: Convolution, _ x: UnsafePointer<S>, rows: Int) {
        let ch = c.input.channels, h = c.input.height, w = c.input.width
        let out = c.output, k = c.kernel, run = k * ch
        var dst = columns
        for b in 0..<rows {
            let image = x + b * c.input.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let x0 = ox * c.stride - c.padding
                    // The kernel's columns that fall inside the image: [kx0, kx1).
                    let kx0 = max(0, -x0), kx1 = min(k, w - x0)
                    for ky in 0..<k {
                        let iy = oy * c.stride - c.padding + ky
                        if iy < 0 || iy >= h || kx0 >= kx1 {
                            for j in 0..<run { dst[j] = 0 }
                        } else {
                            // Short runs: element loops, not memmove calls.
                            for j in 0..<(kx0 * ch) { dst[j] = 0 }
                            let src = image + (iy * w + x0) * ch
                            for j in (kx0 * ch)..<(kx1 * ch) { dst[j] = src[j] }
                            for j in (kx1 * ch)..<run { dst[j] = 0 }
                        }
                        dst += run
                    }
                }
            }
        }
    }

    /// The adjoint of `imageToColumns`: adds each patch row of `columns` back onto the
    /// positions it was read from, into `dx` (zeroed first).
    func columnsToImage(_ c: Convolution, into dx: UnsafeMutablePointer<S>, rows: Int) {
        let ch = c.input.channels, h = c.input.height, w = c.input.width
        let out = c.output, k = c.kernel, run = k * ch
        dx.update(repeating: 0, count: rows * c.input.count)
        var src = UnsafePointer(columns)
        for b in 0..<rows {
            let image = dx + b * c.input.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let x0 = ox * c.stride - c.padding
                    let kx0 = max(0, -x0), kx1 = min(k, w - x0)
                    for ky in 0..<k {
                        let iy = oy * c.stride - c.padding + ky
                        if iy >= 0 && iy < h && kx0 < kx1 {
                            let dst = image + (iy * w + x0) * ch
                            for j in (kx0 * ch)..<(kx1 * ch) { dst[j] += src[j] }
                        }
                        src += run
                    }
                }
            }
        }
    }

    /// Offset, within one image, of the first value of the window at output (oy, ox).
    @inline(__always)
    private func windowStart(_ p: Pooling, _ oy: Int, _ ox: Int) -> Int {
        (oy * p.stride * p.input.width + ox * p.stride) * p.input.channels
    }

    /// Within one image, the offset of the largest value of channel `j` in the window at
    /// (oy, ox); the first one in reading order on ties.
    @inline(__always)
    private func argmax(_ p: Pooling, _ image: UnsafePointer<S>, _ oy: Int, _ ox: Int, _ j: Int) -> Int {
        let ch = p.input.channels, w = p.input.width
        var best = windowStart(p, oy, ox) + j
        var top = image[best]
        for dy in 0..<p.size {
            for dx in 0..<p.size {
                let at = windowStart(p, oy, ox) + (dy * w + dx) * ch + j
                if image[at] > top { top = image[at]; best = at }
            }
        }
        return best
    }

    func maxPool(_ p: Pooling, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, rows: Int) {
        let out = p.output, ch = p.input.channels
        for b in 0..<rows {
            let image = x + b * p.input.count
            var dst = y + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    for j in 0..<ch { dst[j] = image[argmax(p, image, oy, ox, j)] }
                    dst += ch
                }
            }
        }
    }

    /// Sends each output's gradient to the input that was the window's maximum (windows
    /// that overlap add up).
    func maxPoolBackward(_ p: Pooling, input x: UnsafePointer<S>, delta: UnsafePointer<S>,
                         into dx: UnsafeMutablePointer<S>, rows: Int) {
        let out = p.output, ch = p.input.channels
        dx.update(repeating: 0, count: rows * p.input.count)
        for b in 0..<rows {
            let image = x + b * p.input.count
            let grad = dx + b * p.input.count
            var d = delta + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    for j in 0..<ch { grad[argmax(p, image, oy, ox, j)] += d[j] }
                    d += ch
                }
            }
        }
    }

    func averagePool(_ p: Pooling, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, rows: Int) {
        let out = p.output, ch = p.input.channels, w = p.input.width
        let scale = S(1) / S(p.size * p.size)
        for b in 0..<rows {
            let image = x + b * p.input.count
            var dst = y + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let start = windowStart(p, oy, ox)
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
    func averagePoolBackward(_ p: Pooling, delta: UnsafePointer<S>, into dx: UnsafeMutablePointer<S>, rows: Int) {
        let out = p.output, ch = p.input.channels, w = p.input.width
        let scale = S(1) / S(p.size * p.size)
        dx.update(repeating: 0, count: rows * p.input.count)
        for b in 0..<rows {
            let grad = dx + b * p.input.count
            var d = delta + b * out.count
            for oy in 0..<out.height {
                for ox in 0..<out.width {
                    let start = windowStart(p, oy, ox)
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
