import Foundation
import Tensor

/// The three products of a convolution layer over a minibatch's patch matrix (`Engine`'s
/// im2col lowering), written for their shape: very many rows (every output position of
/// every image) and few columns (the filters, or one patch). BLAS is tuned for large
/// square-ish products; on these tall and narrow ones it spends most of its time packing
/// the tall operand, and its threads wait on each other. These loops read the tall
/// operand once, in place, keep the narrow one in the first-level cache and the sums in
/// vector registers (fused multiply-adds), and split their rows or outputs among the
/// engine's threads.
///
/// Each output element is summed in one fixed order whatever the number of threads and
/// wherever the block boundaries fall, so results are the same bits on 1 or 2 threads.
enum ConvolutionKernels {
    /// `c[r, 0..<n] = bias + sum_p a[r, p] * b[p, 0..<n]` for the rows `rows` of a
    /// row-major `a` (k columns), `b` row-major `k x n`; the sums start from `bias`, or
    /// zero without one, and add the products in order p = 0, 1, ..., k - 1.
    @inline(__always)
    static func product<S: MatrixScalar>(rows: Range<Int>, n: Int, k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>,
                                         c: UnsafeMutablePointer<S>, bias: UnsafePointer<S>?) {
        var r = rows.lowerBound
        while r + 4 <= rows.upperBound {
            productRows(4, a: a + r * k, k: k, b: b, n: n, c: c + r * n, bias: bias)
            r += 4
        }
        while r < rows.upperBound {
            productRows(1, a: a + r * k, k: k, b: b, n: n, c: c + r * n, bias: bias)
            r += 1
        }
    }

    /// `count` (4 or 1) consecutive rows of `product`. Both counts sum every element in the
    /// same order, so a row gives the same bits whichever block it falls in.
    @inline(__always)
    private static func productRows<S: MatrixScalar>(_ count: Int, a: UnsafePointer<S>, k: Int, b: UnsafePointer<S>, n: Int,
                                                     c: UnsafeMutablePointer<S>, bias: UnsafePointer<S>?) {
        @inline(__always)
        func block<V: SIMD>(_: V.Type, at j: Int) where V.Scalar == S {
            let start = bias.map { UnsafeRawPointer($0 + j).loadUnaligned(as: V.self) } ?? V()
            if count == 4 {
                let a0 = a, a1 = a + k, a2 = a + 2 * k, a3 = a + 3 * k
                var s0 = start, s1 = start, s2 = start, s3 = start
                for p in 0..<k {
                    let bv = UnsafeRawPointer(b + p * n + j).loadUnaligned(as: V.self)
                    s0.addProduct(V(repeating: a0[p]), bv)
                    s1.addProduct(V(repeating: a1[p]), bv)
                    s2.addProduct(V(repeating: a2[p]), bv)
                    s3.addProduct(V(repeating: a3[p]), bv)
                }
                UnsafeMutableRawPointer(c + j).storeBytes(of: s0, as: V.self)
                UnsafeMutableRawPointer(c + n + j).storeBytes(of: s1, as: V.self)
                UnsafeMutableRawPointer(c + 2 * n + j).storeBytes(of: s2, as: V.self)
                UnsafeMutableRawPointer(c + 3 * n + j).storeBytes(of: s3, as: V.self)
            } else {
                var s0 = start
                for p in 0..<k { s0.addProduct(V(repeating: a[p]), UnsafeRawPointer(b + p * n + j).loadUnaligned(as: V.self)) }
                UnsafeMutableRawPointer(c + j).storeBytes(of: s0, as: V.self)
            }
        }
        let j = Kernels.columnBlocks(n, { block(SIMD16<S>.self, at: $0) }, { block(SIMD8<S>.self, at: $0) },
                                     { block(SIMD4<S>.self, at: $0) }, { block(SIMD2<S>.self, at: $0) })
        if j < n {
            for q in 0..<count {
                var s = bias?[j] ?? 0
                for p in 0..<k { s.addProduct(a[q * k + p], b[p * n + j]) }
                c[q * n + j] = s
            }
        }
    }

    /// Rows of `a` summed at once by `transposedProduct`: their patches stay in cache while
    /// every block of outputs passes over them.
    static let rowChunk = 256

    /// `c[p, 0..<n] = sum_r a[r, p] * b[r, 0..<n]` for p in `outputs` (whole blocks of 4,
    /// but for the last), `a` row-major `m x k`, `b` row-major `m x n`, `c` row-major
    /// `k x n`: the weights' gradient, from the patches and the gradient of the layer's
    /// output. Every element is summed over r = 0, 1, ..., m - 1 in order.
    static func transposedProduct<S: MatrixScalar>(outputs: Range<Int>, m: Int, k: Int, n: Int, a: UnsafePointer<S>,
                                                   b: UnsafePointer<S>, c: UnsafeMutablePointer<S>) {
        for p in outputs { (c + p * n).update(repeating: 0, count: n) }
        var r0 = 0
        while r0 < m {
            let r1 = min(m, r0 + rowChunk)
            var p = outputs.lowerBound
            while p < outputs.upperBound {
                let count = min(4, outputs.upperBound - p)
                transposedRows(count, p: p, rows: r0..<r1, k: k, n: n, a: a, b: b, c: c)
                p += count
            }
            r0 = r1
        }
    }

    /// Up to 4 output rows `p ..< p + count` of `transposedProduct`, adding rows `rows` of
    /// the sums to what `c` holds.
    @inline(__always)
    private static func transposedRows<S: MatrixScalar>(_ count: Int, p: Int, rows: Range<Int>, k: Int, n: Int,
                                                        a: UnsafePointer<S>, b: UnsafePointer<S>,
                                                        c: UnsafeMutablePointer<S>) {
        @inline(__always)
        func block<V: SIMD>(_: V.Type, at j: Int) where V.Scalar == S {
            @inline(__always) func load(_ q: Int) -> V {
                q < count ? UnsafeRawPointer(c + (p + q) * n + j).loadUnaligned(as: V.self) : V()
            }
            @inline(__always) func store(_ q: Int, _ v: V) {
                if q < count { UnsafeMutableRawPointer(c + (p + q) * n + j).storeBytes(of: v, as: V.self) }
            }
            var s0 = load(0), s1 = load(1), s2 = load(2), s3 = load(3)
            if count == 4 {
                for r in rows {
                    let bv = UnsafeRawPointer(b + r * n + j).loadUnaligned(as: V.self)
                    let ar = a + r * k + p
                    s0.addProduct(V(repeating: ar[0]), bv)
                    s1.addProduct(V(repeating: ar[1]), bv)
                    s2.addProduct(V(repeating: ar[2]), bv)
                    s3.addProduct(V(repeating: ar[3]), bv)
                }
            } else {
                for r in rows {
                    let bv = UnsafeRawPointer(b + r * n + j).loadUnaligned(as: V.self)
                    let ar = a + r * k + p
                    s0.addProduct(V(repeating: ar[0]), bv)
                    if count > 1 { s1.addProduct(V(repeating: ar[1]), bv) }
                    if count > 2 { s2.addProduct(V(repeating: ar[2]), bv) }
                }
            }
            store(0, s0); store(1, s1); store(2, s2); store(3, s3)
        }
        let j = Kernels.columnBlocks(n, { block(SIMD16<S>.self, at: $0) }, { block(SIMD8<S>.self, at: $0) },
                                     { block(SIMD4<S>.self, at: $0) }, { block(SIMD2<S>.self, at: $0) })
        if j < n {
            for q in 0..<count {
                var s = c[(p + q) * n + j]
                for r in rows { s.addProduct(a[r * k + p + q], b[r * n + j]) }
                c[(p + q) * n + j] = s
            }
        }
    }

    /// `dst[0..<count] = src[0..<count]` for the short runs of im2col (a kernel row of a
    /// patch): vector moves, no call.
    @inline(__always)
    static func copy<S: MatrixScalar>(_ src: UnsafePointer<S>, _ dst: UnsafeMutablePointer<S>, count: Int) {
        var j = 0
        while j + 16 <= count {
            UnsafeMutableRawPointer(dst + j).storeBytes(of: UnsafeRawPointer(src + j).loadUnaligned(as: SIMD16<S>.self),
                                                        as: SIMD16<S>.self)
            j += 16
        }
        if j + 8 <= count {
            UnsafeMutableRawPointer(dst + j).storeBytes(of: UnsafeRawPointer(src + j).loadUnaligned(as: SIMD8<S>.self),
                                                        as: SIMD8<S>.self)
            j += 8
        }
        if j + 4 <= count {
            UnsafeMutableRawPointer(dst + j).storeBytes(of: UnsafeRawPointer(src + j).loadUnaligned(as: SIMD4<S>.self),
                                                        as: SIMD4<S>.self)
            j += 4
        }
        while j < count { dst[j] = src[j]; j += 1 }
    }

    /// `dst[0..<count] += src[0..<count]`, for col2im.
    @inline(__always)
    static func add<S: MatrixScalar>(_ src: UnsafePointer<S>, into dst: UnsafeMutablePointer<S>, count: Int) {
        @inline(__always)
        func step<V: SIMD>(_: V.Type, at j: Int) where V.Scalar == S {
            let sum = UnsafeRawPointer(dst + j).loadUnaligned(as: V.self) + UnsafeRawPointer(src + j).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(dst + j).storeBytes(of: sum, as: V.self)
        }
        var j = 0
        while j + 16 <= count { step(SIMD16<S>.self, at: j); j += 16 }
        if j + 8 <= count { step(SIMD8<S>.self, at: j); j += 8 }
        if j + 4 <= count { step(SIMD4<S>.self, at: j); j += 4 }
        while j < count { dst[j] += src[j]; j += 1 }
    }
}
