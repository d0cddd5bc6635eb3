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

    /// Fraction of positions where the two lists agree (0 for empty lists).
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        guard !actual.isEmpty, predicted.count == actual.count else { return 0 }
        return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }
}
