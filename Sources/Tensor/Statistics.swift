/// Small statistics over vectors of numbers, accumulated in Double.
public enum Statistics {
    /// Arithmetic mean (0 for an empty list).
    public static func mean<S: BinaryFloatingPoint>(_ values: [S]) -> Double {
        values.isEmpty ? 0 : values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    }

    /// Sample variance with n - 1 in the denominator (0 below two values).
    public static func variance<S: BinaryFloatingPoint>(_ values: [S]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return values.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(values.count - 1)
    }

    /// Sample standard deviation.
    public static func standardDeviation<S: BinaryFloatingPoint>(_ values: [S]) -> Double {
        variance(values).squareRoot()
    }

    /// The q-quantile (q in [0, 1]) with linear interpolation between order statistics.
    public static func quantile<S: BinaryFloatingPoint>(_ values: [S], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.map(Double.init).sorted()
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The median.
    public static func median<S: BinaryFloatingPoint>(_ values: [S]) -> Double { quantile(values, 0.5) }

    /// Wilson's (1927) score interval for a binomial proportion: `successes` of `trials`
    /// with normal quantile `z` (1.96 for 95%). Unlike the normal approximation it stays
    /// inside [0, 1] and is sensible for rates near 0 or 1 and for few trials; (0, 1) when
    /// there are no trials.
    public static func wilsonInterval(successes: Int, trials: Int, z: Double = 1.96) -> (lower: Double, upper: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials), p = Double(min(max(successes, 0), trials)) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        return (max(0, centre - half), min(1, centre + half))
    }

    /// Fraction of positions where the two lists agree (0 for empty lists).
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        guard !actual.isEmpty, predicted.count == actual.count else { return 0 }
        return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }
}
