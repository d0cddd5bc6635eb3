import Foundation

/// Tick positions for linear and logarithmic axes.
enum TickLocator {
    /// Nice steps in order of preference (Talbot, Lin and Hanrahan's Q).
    static let niceSteps: [Double] = [1, 5, 2, 2.5, 4, 3]

    /// Linear ticks inside `lo...hi` chosen by the extended Wilkinson algorithm of Talbot,
    /// Lin and Hanrahan ("An extension of Wilkinson's algorithm for positioning tick labels
    /// on axes", InfoVis 2010) for about `target` ticks. Values are computed as integers
    /// times a power of ten, so they are the doubles nearest the decimal numbers.
    static func linear(_ lo: Double, _ hi: Double, target: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [] }
        if hi - lo <= max(abs(lo), abs(hi)) * 1e-12 { return [lo] }
        let m = max(2, target)
        guard let best = extended(lo, hi, m: m) else { return [lo, hi] }
        let scale = pow(10, Double(abs(best.z)))
        var ticks: [Double] = []
        for i in 0..<best.k {
            let n = Double(best.start + i * best.j) * best.q
            let v = best.z >= 0 ? n * scale : n / scale
            let tol = (hi - lo) * 1e-9
            if v >= lo - tol && v <= hi + tol { ticks.append(v == 0 ? 0 : v) }
        }
        return ticks
    }

    struct Choice { var q: Double; var j: Int; var z: Int; var start: Int; var k: Int }

    // The search of the paper's Algorithm 1 with weights (0.25, 0.2, 0.5, 0.05) and the
    // legibility term fixed at 1; loops are bounded so no input can hang it.
    static func extended(_ dmin: Double, _ dmax: Double, m: Int) -> Choice? {
        let w = (0.25, 0.2, 0.5, 0.05)
        let q = niceSteps, nq = Double(q.count)
        var bestScore = -2.0
        var best: Choice?
        let range = dmax - dmin
        func coverage(_ lmin: Double, _ lmax: Double) -> Double {
            1 - 0.5 * (pow(dmax - lmax, 2) + pow(dmin - lmin, 2)) / pow(0.1 * range, 2)
        }
        func coverageMax(_ span: Double) -> Double {
            if span > range { let half = (span - range) / 2; return 1 - 0.5 * (2 * half * half) / pow(0.1 * range, 2) }
            return 1
        }
        func density(_ k: Int, _ lmin: Double, _ lmax: Double) -> Double {
            let r = Double(k - 1) / (lmax - lmin)
            let rt = Double(m - 1) / (max(lmax, dmax) - min(dmin, lmin))
            return 2 - max(r / rt, rt / r)
        }
        func densityMax(_ k: Int) -> Double { k >= m ? 2 - Double(k - 1) / Double(m - 1) : 1 }

        var j = 1
        outer: while j <= 12 {
            for (qi, qv) in q.enumerated() {
                let sm = 1 - Double(qi) / (nq - 1) - Double(j) + 1
                if w.0 * sm + w.1 + w.2 + w.3 < bestScore { break outer }
                var k = 2
                while k <= 40 {
                    let dm = densityMax(k)
                    if w.0 * sm + w.1 + w.2 * dm + w.3 < bestScore { break }
                    let delta = range / Double(k + 1) / Double(j) / qv
                    var z = Int(ceil(log10(delta)))
                    var zTries = 0
                    while zTries < 40 {
                        zTries += 1
                        let step = Double(j) * qv * pow(10, Double(z))
                        let cm = coverageMax(step * Double(k - 1))
                        if w.0 * sm + w.1 * cm + w.2 * dm + w.3 < bestScore { break }
                        let minStart = Int(floor(dmax / step)) * j - (k - 1) * j
                        let maxStart = Int(ceil(dmin / step)) * j
                        if minStart > maxStart { z += 1; continue }
                        if maxStart - minStart > 10_000 { z += 1; continue }
                        for start in minStart...maxStart {
                            let lmin = Double(start) * (step / Double(j))
                            let lmax = lmin + step * Double(k - 1)
                            // Only labels inside the axis range count: the axis shows no others.
                            if lmin < dmin - range * 1e-9 || lmax > dmax + range * 1e-9 { continue }
                            // Simplicity: earlier nice steps, smaller skips, and zero among the labels score higher.
                            let hasZero = lmin <= 0 && lmax >= 0 && start % j == 0
                            let s = 1 - Double(qi) / (nq - 1) - Double(j) + (hasZero ? 1 : 0)
                            let c = coverage(lmin, lmax)
                            let g = density(k, lmin, lmax)
                            let score = w.0 * s + w.1 * c + w.2 * g + w.3
                            if score > bestScore {
                                bestScore = score
                                best = Choice(q: qv, j: j, z: z, start: start, k: k)
                            }
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        return best
    }

    /// Major and minor ticks of a log axis over `lo...hi` (both positive). Majors are the
    /// powers of `base` (every n-th when there are many); a narrow range falls back to
    /// 1-2-5 multiples, then to all multiples, then to linear ticks, so at least two are labelled.
    static func log(_ lo: Double, _ hi: Double, base: Double, target: Int) -> (major: [Double], minor: [Double]) {
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return ([lo], []) }
        let lb = Foundation.log(base)
        let e0 = Int(ceil(Foundation.log(lo) / lb - 1e-9)), e1 = Int(floor(Foundation.log(hi) / lb + 1e-9))
        func power(_ e: Int) -> Double { base == 10 ? (e >= 0 ? pow(10, Double(e)) : 1 / pow(10, Double(-e))) : pow(base, Double(e)) }
        let inRange = { (v: Double) in v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
        var majors = e0 <= e1 ? (e0...e1).map(power) : []
        var stride = 1
        if majors.count > max(target, 2) {
            stride = Int(ceil(Double(majors.count) / Double(max(target, 2))))
            majors = (e0...e1).filter { (($0 % stride) + stride) % stride == 0 }.map(power)
        }
        var minors: [Double] = []
        let multiples: [Double] = base == 10 ? [2, 3, 4, 5, 6, 7, 8, 9] : [1.5]
        if majors.count >= 2 {
            if stride == 1 {
                for e in (e0 - 1)...e1 { for k in multiples { let v = k * power(e); if inRange(v) { minors.append(v) } } }
            } else {
                minors = (e0...e1).map(power).filter { !majors.contains($0) }
            }
            return (majors, minors)
        }
        // Narrow range: label more values per decade.
        let tiers: [[Double]] = base == 10 ? [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] : [[1, 1.5]]
        for tier in tiers {
            var values: [Double] = []
            for e in (e0 - 1)...(max(e0, e1)) { for k in tier { let v = k * power(e); if inRange(v) { values.append(v) } } }
            if values.count >= (tier.count == 3 ? 3 : 2) && values.count <= max(target, 2) * 2 { return (values, []) }
        }
        return (linear(lo, hi, target: max(target, 3)).filter { $0 > 0 }, [])
    }
}
