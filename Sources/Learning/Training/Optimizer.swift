import Foundation

/// An optimizer and its hyperparameters (the learning rate lives in the trainer's
/// configuration and its schedule). The updates follow the papers in the form PyTorch
/// implements them; `weightDecay` is an L2 term added to the gradient except for AdamW,
/// which decays the parameters directly (decoupled).
public enum Optimizer: Equatable, Sendable, Codable {
    /// Stochastic gradient descent. With momentum mu: b = mu b + g, then the step is b
    /// (heavy ball, Polyak 1964) or g + mu b (Nesterov, as in Sutskever et al. 2013).
    case sgd(momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0)
    /// RMSProp (Tieleman and Hinton 2012): v = rho v + (1 - rho) g^2, step g / (sqrt(v) + eps).
    case rmsprop(rho: Float = 0.99, epsilon: Float = 1e-8, weightDecay: Float = 0)
    /// Adam (Kingma and Ba 2015) with bias-corrected moments.
    case adam(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0)
    /// AdamW (Loshchilov and Hutter 2019): Adam plus p -= lr * weightDecay * p.
    case adamW(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01)

    /// A short name for tables and legends.
    public var name: String {
        switch self {
        case let .sgd(momentum, nesterov, _):
            return momentum == 0 ? "sgd" : (nesterov ? "nesterov" : "momentum")
        case .rmsprop: return "rmsprop"
        case .adam: return "adam"
        case .adamW: return "adamw"
        }
    }
}

/// The optimizer's running state (moments) over a flat parameter vector, updated in
/// place with no allocation.
final class OptimizerState {
    let optimizer: Optimizer
    let count: Int
    let first: UnsafeMutablePointer<Float>
    let second: UnsafeMutablePointer<Float>
    /// Number of updates made so far.
    private(set) var step = 0
    /// beta1^step and beta2^step for Adam's bias corrections, kept as running products.
    private var power1 = 1.0, power2 = 1.0

    init(_ optimizer: Optimizer, count: Int) {
        self.optimizer = optimizer
        self.count = count
        first = .allocate(capacity: max(count, 1))
        first.initialize(repeating: 0, count: max(count, 1))
        second = .allocate(capacity: max(count, 1))
        second.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        first.deallocate()
        second.deallocate()
    }

    /// One update of `params` from `grads` with learning rate `lr`.
    func update(params p: UnsafeMutablePointer<Float>, grads g: UnsafePointer<Float>, lr: Float) {
        step += 1
        let n = count
        switch optimizer {
        case let .sgd(momentum, nesterov, wd):
            if momentum == 0 {
                if wd == 0 {
                    for i in 0..<n { p[i] -= lr * g[i] }
                } else {
                    for i in 0..<n { p[i] -= lr * (g[i] + wd * p[i]) }
                }
            } else {
                let b = first
                for i in 0..<n {
                    let gi = g[i] + wd * p[i]
                    b[i] = momentum * b[i] + gi
                    p[i] -= lr * (nesterov ? gi + momentum * b[i] : b[i])
                }
            }
        case let .rmsprop(rho, eps, wd):
            let v = second
            for i in 0..<n {
                let gi = g[i] + wd * p[i]
                v[i] = rho * v[i] + (1 - rho) * gi * gi
                p[i] -= lr * gi / (v[i].squareRoot() + eps)
            }
        case let .adam(b1, b2, eps, wd):
            adam(p, g, lr: lr, b1: b1, b2: b2, eps: eps, l2: wd, decoupled: 0)
        case let .adamW(b1, b2, eps, wd):
            adam(p, g, lr: lr, b1: b1, b2: b2, eps: eps, l2: 0, decoupled: wd)
        }
    }

    @inline(__always)
    private func adam(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, lr: Float,
                      b1: Float, b2: Float, eps: Float, l2: Float, decoupled: Float) {
        let m = first, v = second
        power1 *= Double(b1)
        power2 *= Double(b2)
        let c1 = Float(1 / (1 - power1))
        let c2 = Float(1 / (1 - power2))
        let shrink = 1 - lr * decoupled
        let a1 = 1 - b1, a2 = 1 - b2
        // Eight lanes at a time with the same operations in the same order as the scalar
        // tail, so the result does not depend on where a parameter falls.
        typealias V = SIMD8<Float>
        let vb1 = V(repeating: b1), vb2 = V(repeating: b2), va1 = V(repeating: a1), va2 = V(repeating: a2)
        let vl2 = V(repeating: l2), vlr = V(repeating: lr), vc1 = V(repeating: c1), vc2 = V(repeating: c2)
        let vshrink = V(repeating: shrink), veps = V(repeating: eps)
        let rp = UnsafeMutableRawPointer(p), rg = UnsafeRawPointer(g)
        let rm = UnsafeMutableRawPointer(m), rv = UnsafeMutableRawPointer(v)
        var start = 0
        while start + 8 <= count {
            let offset = start * MemoryLayout<Float>.stride
            let pi = rp.loadUnaligned(fromByteOffset: offset, as: V.self)
            let gi = rg.loadUnaligned(fromByteOffset: offset, as: V.self) + vl2 * pi
            let mi = vb1 * rm.loadUnaligned(fromByteOffset: offset, as: V.self) + va1 * gi
            let vi = vb2 * rv.loadUnaligned(fromByteOffset: offset, as: V.self) + va2 * gi * gi
            rm.storeBytes(of: mi, toByteOffset: offset, as: V.self)
            rv.storeBytes(of: vi, toByteOffset: offset, as: V.self)
            let step = vlr * (mi * vc1) / ((vi * vc2).squareRoot() + veps)
            rp.storeBytes(of: pi * vshrink - step, toByteOffset: offset, as: V.self)
            start += 8
        }
        for i in start..<count {
            let gi = g[i] + l2 * p[i]
            let mi = b1 * m[i] + a1 * gi
            let vi = b2 * v[i] + a2 * gi * gi
            m[i] = mi
            v[i] = vi
            p[i] = p[i] * shrink - lr * (mi * c1) / ((vi * c2).squareRoot() + eps)
        }
    }
}
