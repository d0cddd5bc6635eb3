import Foundation
import Tensor

/// Hot loops over raw buffers, generic over Float and Double and specialised by the
/// optimiser. Small products (the common case for the lessons' narrow networks) run in
/// plain loops whose inner dimension is contiguous, which the compiler vectorises; large
/// ones go to BLAS, whose call overhead only pays off there.
enum Kernels {
    /// Products with at least this many multiply-adds go to BLAS.
    static let blasThreshold = 512 * 1024

    /// `C[m x n] (+)= A[m x k] * B[k x n]`, all row-major and packed.
    @inline(__always)
    static func gemmNN<S: MatrixScalar>(m: Int, n: Int, k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>,
                                        c: UnsafeMutablePointer<S>, accumulate: Bool, bias: UnsafePointer<S>? = nil) {
        if m * n * k >= blasThreshold {
            if let bias { for i in 0..<m { (c + i * n).update(from: bias, count: n) } }
            S.blasGemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k,
                       b: b, ldb: n, beta: accumulate || bias != nil ? 1 : 0, c: c, ldc: n)
            return
        }
        var i = 0
        while i + 4 <= m {
            fourRowsTimesMatrix(a: a + i * k, rowStep: k, stride: 1, k: k, b: b, n: n, c: c + i * n,
                                accumulate: accumulate, bias: bias)
            i += 4
        }
        while i < m {
            rowTimesMatrix(a: a + i * k, stride: 1, k: k, b: b, n: n, c: c + i * n, accumulate: accumulate,
                           bias: bias)
            i += 1
        }
    }

    /// Four rows of a product at once: rows `q = 0..<4` of C are
    /// `c[q * n ..< (q + 1) * n] (+)= sum_p a[q * rowStep + p * stride] * b[p, 0..<n]`.
    /// Each output element is summed in exactly the order `rowTimesMatrix` uses (so the
    /// bits are the same); the four rows' sums are independent, which lets the processor
    /// overlap their additions instead of waiting on one chain of dependent adds.
    @inline(__always)
    static func fourRowsTimesMatrix<S: MatrixScalar>(a: UnsafePointer<S>, rowStep: Int, stride: Int, k: Int,
                                                     b: UnsafePointer<S>, n: Int, c: UnsafeMutablePointer<S>,
                                                     accumulate: Bool, bias: UnsafePointer<S>? = nil) {
        let a0 = a, a1 = a + rowStep, a2 = a + 2 * rowStep, a3 = a + 3 * rowStep
        let c0 = c, c1 = c + n, c2 = c + 2 * n, c3 = c + 3 * n
        let load = accumulate || bias != nil
        @inline(__always)
        func block<V: SIMD>(_: V.Type, at j: Int) where V.Scalar == S {
            @inline(__always) func start(_ row: UnsafeMutablePointer<S>) -> V {
                guard load else { return V() }
                return UnsafeRawPointer(bias.map { $0 + j } ?? UnsafePointer(row + j)).loadUnaligned(as: V.self)
            }
            var acc0 = start(c0), acc1 = start(c1), acc2 = start(c2), acc3 = start(c3)
            for p in 0..<k {
                let bv = UnsafeRawPointer(b + p * n + j).loadUnaligned(as: V.self)
                let o = p * stride
                acc0 += V(repeating: a0[o]) * bv
                acc1 += V(repeating: a1[o]) * bv
                acc2 += V(repeating: a2[o]) * bv
                acc3 += V(repeating: a3[o]) * bv
            }
            UnsafeMutableRawPointer(c0 + j).storeBytes(of: acc0, as: V.self)
            UnsafeMutableRawPointer(c1 + j).storeBytes(of: acc1, as: V.self)
            UnsafeMutableRawPointer(c2 + j).storeBytes(of: acc2, as: V.self)
            UnsafeMutableRawPointer(c3 + j).storeBytes(of: acc3, as: V.self)
        }
        let j = Kernels.columnBlocks(n, { block(SIMD16<S>.self, at: $0) }, { block(SIMD8<S>.self, at: $0) },
                                     { block(SIMD4<S>.self, at: $0) }, { block(SIMD2<S>.self, at: $0) })
        if j < n {
            func first(_ row: UnsafeMutablePointer<S>) -> S { load ? (bias.map { $0[j] } ?? row[j]) : 0 }
            var s0 = first(c0), s1 = first(c1), s2 = first(c2), s3 = first(c3)
            for p in 0..<k {
                let bv = b[p * n + j], o = p * stride
                s0 += a0[o] * bv
                s1 += a1[o] * bv
                s2 += a2[o] * bv
                s3 += a3[o] * bv
            }
            c0[j] = s0; c1[j] = s1; c2[j] = s2; c3[j] = s3
        }
    }

    /// The column blocks of the vector kernels: `wide` at columns 0, 16, ... while 16 lanes
    /// fit, then one block each of 8, 4 and 2 lanes where they fit (`block8`, `block4`,
    /// `block2`, given the first column); returns the first column left for the scalar
    /// tail. Every kernel walks its columns this way, so a row is always split the same way
    /// and its sums are added in the same order whatever the kernel.
    @inline(__always)
    static func columnBlocks(_ n: Int, _ wide: (Int) -> Void, _ block8: (Int) -> Void, _ block4: (Int) -> Void,
                             _ block2: (Int) -> Void) -> Int {
        var j = 0
        while j + 16 <= n { wide(j); j += 16 }
        if j + 8 <= n { block8(j); j += 8 }
        if j + 4 <= n { block4(j); j += 4 }
        if j + 2 <= n { block2(j); j += 2 }
        return j
    }

    /// `sums[0..<n] = sum over r of x[r, 0..<n]` for a row-major `rows x n` block, each
    /// column summed from row 0 down (the order a plain loop uses), with the running sums
    /// in vector registers instead of memory.
    @inline(__always)
    static func columnSums<S: MatrixScalar>(_ x: UnsafePointer<S>, rows: Int, n: Int, into sums: UnsafeMutablePointer<S>) {
        @inline(__always)
        func block<V: SIMD>(_: V.Type, at j: Int) where V.Scalar == S {
            var acc = V()
            for r in 0..<rows { acc += UnsafeRawPointer(x + r * n + j).loadUnaligned(as: V.self) }
            UnsafeMutableRawPointer(sums + j).storeBytes(of: acc, as: V.self)
        }
        let j = Kernels.columnBlocks(n, { block(SIMD16<S>.self, at: $0) }, { block(SIMD8<S>.self, at: $0) },
                                     { block(SIMD4<S>.self, at: $0) }, { block(SIMD2<S>.self, at: $0) })
        if j < n {
            var acc: S = 0
            for r in 0..<rows { acc += x[r * n + j] }
            sums[j] = acc
        }
    }

    /// `c[0..<n] (+)= sum_p a[p * stride] * b[p, 0..<n]` with B row-major `k x n`: one row
    /// of a product, its columns held in vector registers in blocks of 16, 8, 4, 2, 1.
    /// With `bias`, the sums start from it instead of from c or zero.
    @inline(__always)
    static func rowTimesMatrix<S: MatrixScalar>(a: UnsafePointer<S>, stride: Int, k: Int, b: UnsafePointer<S>,
                                                n: Int, c: UnsafeMutablePointer<S>, accumulate: Bool,
                                                bias: UnsafePointer<S>? = nil) {
        let start = bias ?? UnsafePointer(c)
        let load = accumulate || bias != nil
        @inline(__always)
        func block<V: SIMD>(_: V.Type, at j: Int) where V.Scalar == S {
            var acc = load ? UnsafeRawPointer(start + j).loadUnaligned(as: V.self) : V()
            for p in 0..<k {
                acc += V(repeating: a[p * stride]) * UnsafeRawPointer(b + p * n + j).loadUnaligned(as: V.self)
            }
            UnsafeMutableRawPointer(c + j).storeBytes(of: acc, as: V.self)
        }
        let j = Kernels.columnBlocks(n, { block(SIMD16<S>.self, at: $0) }, { block(SIMD8<S>.self, at: $0) },
                                     { block(SIMD4<S>.self, at: $0) }, { block(SIMD2<S>.self, at: $0) })
        if j < n {
            var acc: S = load ? start[j] : 0
            for p in 0..<k { acc += a[p * stride] * b[p * n + j] }
            c[j] = acc
        }
    }

    /// `C[m x n] = A^T * B` with A of shape `k x m` and B of shape `k x n`.
    @inline(__always)
    static func gemmTN<S: MatrixScalar>(m: Int, n: Int, k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>,
                                        c: UnsafeMutablePointer<S>) {
        if m * n * k >= blasThreshold {
            S.blasGemm(transposeA: true, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: m,
                       b: b, ldb: n, beta: 0, c: c, ldc: n)
            return
        }
        var i = 0
        while i + 4 <= m {
            fourRowsTimesMatrix(a: a + i, rowStep: 1, stride: m, k: k, b: b, n: n, c: c + i * n, accumulate: false)
            i += 4
        }
        while i < m {
            rowTimesMatrix(a: a + i, stride: m, k: k, b: b, n: n, c: c + i * n, accumulate: false)
            i += 1
        }
    }

    /// `C[m x n] = A[m x k] * B^T` with B of shape `n x k`; `scratch` holds `k x n`.
    @inline(__always)
    static func gemmNT<S: MatrixScalar>(m: Int, n: Int, k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>,
                                        c: UnsafeMutablePointer<S>, scratch: UnsafeMutablePointer<S>) {
        if m * n * k >= blasThreshold {
            S.blasGemm(transposeA: false, transposeB: true, m: m, n: n, k: k, alpha: 1, a: a, lda: k,
                       b: b, ldb: k, beta: 0, c: c, ldc: n)
            return
        }
        for r in 0..<n { for q in 0..<k { scratch[q * n + r] = b[r * k + q] } }
        gemmNN(m: m, n: n, k: k, a: a, b: UnsafePointer(scratch), c: c, accumulate: false)
    }

    /// `dst = f(src)` elementwise.
    static func activate<S: MatrixScalar>(_ f: Activation, _ src: UnsafePointer<S>, _ dst: UnsafeMutablePointer<S>,
                                          count: Int) {
        switch f {
        case .relu:
            for i in 0..<count { let x = src[i]; dst[i] = x > 0 ? x : 0 }
        case .leakyReLU(let slope):
            let s = S(slope)
            for i in 0..<count { let x = src[i]; dst[i] = x > 0 ? x : s * x }
        case .identity:
            dst.update(from: src, count: count)
        case .tanh:
            if S.self == Float.self {
                fastTanh(UnsafeRawPointer(src).assumingMemoryBound(to: Float.self),
                         UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Float.self), count: count)
            } else {
                for i in 0..<count { dst[i] = S(Foundation.tanh(Double(src[i]))) }
            }
        case .sigmoid:
            if S.self == Float.self {
                let s = UnsafeRawPointer(src).assumingMemoryBound(to: Float.self)
                let d = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Float.self)
                for i in 0..<count { d[i] = 1 / (1 + Foundation.exp(-s[i])) }
            } else {
                for i in 0..<count { dst[i] = S(1 / (1 + Foundation.exp(-Double(src[i])))) }
            }
        case .gelu:
            if S.self == Float.self {
                let s = UnsafeRawPointer(src).assumingMemoryBound(to: Float.self)
                let d = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Float.self)
                let r: Float = 1 / Float(2).squareRoot()
                for i in 0..<count { let x = s[i]; d[i] = 0.5 * x * (1 + Foundation.erff(x * r)) }
            } else {
                let r = 1 / 2.0.squareRoot()
                for i in 0..<count { let x = Double(src[i]); dst[i] = S(0.5 * x * (1 + Foundation.erf(x * r))) }
            }
        }
    }

    /// `delta *= f'(x)` elementwise. The derivative is written through the output
    /// `y = f(x)` where the function allows it (all but GELU), else through the input `x`.
    static func activationBackward<S: MatrixScalar>(_ f: Activation, input x: UnsafePointer<S>, output y: UnsafePointer<S>,
                                                    delta: UnsafeMutablePointer<S>, count: Int) {
        switch f {
        case .relu:
            for i in 0..<count { delta[i] = y[i] > 0 ? delta[i] : 0 }
        case .leakyReLU(let slope):
            let s = S(slope)
            for i in 0..<count { delta[i] = y[i] > 0 ? delta[i] : s * delta[i] }
        case .identity:
            break
        case .tanh:
            for i in 0..<count { delta[i] *= 1 - y[i] * y[i] }
        case .sigmoid:
            for i in 0..<count { delta[i] *= y[i] * (1 - y[i]) }
        case .gelu:
            // d/dx [x Φ(x)] = Φ(x) + x φ(x).
            if S.self == Float.self {
                let xs = UnsafeRawPointer(x).assumingMemoryBound(to: Float.self)
                let d = UnsafeMutableRawPointer(delta).assumingMemoryBound(to: Float.self)
                let r: Float = 1 / Float(2).squareRoot(), c: Float = 1 / (2 * Float.pi).squareRoot()
                for i in 0..<count {
                    let v = xs[i]
                    d[i] *= 0.5 * (1 + Foundation.erff(v * r)) + v * c * Foundation.expf(-0.5 * v * v)
                }
            } else {
                let r = 1 / 2.0.squareRoot(), c = 1 / (2 * Double.pi).squareRoot()
                for i in 0..<count {
                    let v = Double(x[i])
                    delta[i] *= S(0.5 * (1 + Foundation.erf(v * r)) + v * c * Foundation.exp(-0.5 * v * v))
                }
            }
        }
    }

    /// tanh in Float by a clamped rational approximation (the 13/6 minimax form used by
    /// Eigen), accurate to a few units in the last place and vectorisable, unlike libm.
    @inline(__always)
    static func fastTanh(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int) {
        let a1: Float = 4.89352455891786e-03, a3: Float = 6.37261928875436e-04
        let a5: Float = 1.48572235717979e-05, a7: Float = 5.12229709037114e-08
        let a9: Float = -8.60467152213735e-11, a11: Float = 2.00018790482477e-13
        let a13: Float = -2.76076847742355e-16
        let b0: Float = 4.89352518554385e-03, b2: Float = 2.26843463243900e-03
        let b4: Float = 1.18534705686654e-04, b6: Float = 1.19825839466702e-06
        let clamp: Float = 7.90531110763549805
        for i in 0..<count {
            let raw = src[i]
            let x = raw > clamp ? clamp : (raw < -clamp ? -clamp : raw)
            let x2 = x * x
            var p = x2 * a13 + a11
            p = x2 * p + a9
            p = x2 * p + a7
            p = x2 * p + a5
            p = x2 * p + a3
            p = x2 * p + a1
            p = x * p
            var q = x2 * b6 + b4
            q = x2 * q + b2
            q = x2 * q + b0
            let t = p / q
            dst[i] = abs(raw) < 0.0004 ? raw : t
        }
    }
}
