import Foundation

/// Student's t distribution: the distribution of a sample mean's distance from the true
/// mean in units of its estimated standard error, which is what makes an interval from a
/// handful of seeds honest (with 5 seeds the 97.5% point is 2.776, not the normal 1.960).
/// Degrees of freedom may be fractional (Welch's interval needs that).
public enum StudentT {
    /// The cumulative distribution function at `t` with `degreesOfFreedom` > 0.
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t²) (Abramowitz and Stegun 26.7.1).
        let tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The quantile: the `t` with `cdf(t) = p`, for 0 < p < 1. Found by bisection on the
    /// CDF, to within a few units in the last place; deterministic, so the same claims give
    /// the same bytes everywhere.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        guard p > 0, p < 1, df > 0 else { return .nan }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: df) < p {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if cdf(middle, degreesOfFreedom: df) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// I_x(a, b), the regularized incomplete beta function, by its continued fraction
    /// (Numerical Recipes, 3rd edition, section 6.4), using the symmetry I_x(a, b) =
    /// 1 - I_{1-x}(b, a) where the fraction converges slowly.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * Foundation.log(x) + b * Foundation.log(1 - x)
        let front = Foundation.exp(logPowers - logBeta)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of the incomplete beta function, by the modified Lentz method.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }
}
