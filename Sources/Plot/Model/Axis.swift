/// How data values map to positions along an axis.
public enum Scale: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; data must be positive.
    case log10
    /// Base-2 logarithmic (batch sizes, widths); data must be positive.
    case log2
    /// Named categories at positions 0, 1, 2, ...; bars and labelled heatmaps set it themselves.
    case categorical([String])

    var isLog: Bool { self == .log10 || self == .log2 }
}

/// How tick labels are written.
public enum TickFormat: Sendable, Equatable {
    /// Plain decimals, switching to scientific notation (2×10⁻⁵) for very large or small numbers.
    case auto
    /// Plain decimals always.
    case plain
    /// Scientific notation always (3×10⁴).
    case scientific
    /// SI prefixes (1.5k, 20M, 3µ).
    case si
    /// Percent of 1 (0.25 is written 25%).
    case percent
}

/// One axis of a panel: its label, scale, optional fixed limits and tick format.
public struct Axis: Sendable {
    /// The axis title ("learning rate (log scale)"); nil for none.
    public var label: String?
    /// How values map to positions: linear, logarithmic or categorical.
    public var scale: Scale
    /// Fixed limits in data units; nil fits the data (with a small margin).
    public var limits: ClosedRange<Double>?
    /// How the tick labels are written.
    public var format: TickFormat
    /// Whether this axis shows tick labels (turned off for inner panels of shared grids).
    public var showsTickLabels: Bool

    /// An axis; every argument has a default, so most axes name only what differs:
    ///
    ///     Axis(label: "batch size", scale: .log2)
    ///     Axis(label: "accuracy", limits: 0...1, format: .percent)
    public init(label: String? = nil, scale: Scale = .linear, limits: ClosedRange<Double>? = nil,
                format: TickFormat = .auto, showsTickLabels: Bool = true) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.format = format
        self.showsTickLabels = showsTickLabels
    }
}
