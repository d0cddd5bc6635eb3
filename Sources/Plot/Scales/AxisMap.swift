import Foundation

/// A resolved axis: its scale, domain in data units and the span of points it maps onto.
struct AxisMap {
    var scale: Scale
    var lo: Double
    var hi: Double
    /// Point coordinates of `lo` and `hi` (for y, `from` is the bottom of the plot area).
    var from: Double
    var to: Double

    func transform(_ v: Double) -> Double {
        switch scale {
        case .log10: return v > 0 ? Foundation.log10(v) : -.infinity
        case .log2: return v > 0 ? Foundation.log2(v) : -.infinity
        default: return v
        }
    }

    /// The point coordinate of data value `v`.
    @inline(__always) func position(_ v: Double) -> Double {
        let a = transform(lo), b = transform(hi)
        return from + (transform(v) - a) / (b - a) * (to - from)
    }

    var length: Double { abs(to - from) }
}

/// A linear map precomputed for hot loops over many points.
struct FastMap {
    let a: Double, k: Double, b: Double, log: Double  // pos = b + (t(v) - a) * k; log = 0 linear, else ln(base)
    init(_ m: AxisMap) {
        switch m.scale {
        case .log10: log = Foundation.log(10.0)
        case .log2: log = Foundation.log(2.0)
        default: log = 0
        }
        a = m.transform(m.lo)
        k = (m.to - m.from) / (m.transform(m.hi) - a)
        b = m.from
    }
    @inline(__always) func callAsFunction(_ v: Double) -> Double {
        log == 0 ? b + (v - a) * k : b + (Foundation.log(v) / log - a) * k
    }
}
