/// A filled band between a lower and an upper curve (mean ± spread over seeds).
public struct BandMark: Sendable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var label: String?
    public var color: Color?
    /// Fill opacity.
    public var alpha: Double

    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil, alpha: Double = 0.22) {
        self.x = x; self.lower = lower; self.upper = upper; self.label = label; self.color = color; self.alpha = alpha
    }

    /// The band mean − spread ... mean + spread.
    public init(x: [Double], mean: [Double], spread: [Double], label: String? = nil, color: Color? = nil, alpha: Double = 0.22) {
        let n = min(mean.count, spread.count)
        self.init(x: x, lower: (0..<n).map { mean[$0] - spread[$0] }, upper: (0..<n).map { mean[$0] + spread[$0] },
                  label: label, color: color, alpha: alpha)
    }
}
