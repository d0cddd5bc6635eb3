import Foundation
import Learning
import Notebook
import Plot

/// `parameter-count`: how many weights and biases a fully connected network has, and how
/// the count grows with width (quadratically) and with depth (linearly). The lecture's
/// example (10 inputs, three hidden layers of 10, 4 outputs) is the base shape.
public struct ParameterCountExperiment: Experiment {
    public struct Config: ExperimentConfig, Equatable {
        /// Number of inputs of the base network.
        public var inputs = 10
        /// Hidden layer widths of the base network, first to last.
        public var hidden = [10, 10, 10]
        /// Number of outputs.
        public var outputs = 4
        /// Factor applied to every hidden width for the "wider" variant.
        public var widthFactor = 2
        /// Factor applied to the number of hidden layers for the "deeper" variant.
        public var depthFactor = 2
        /// Hidden widths swept in the growth figure (depth fixed to the base depth).
        public var sweepWidths = [2, 4, 8, 16, 32, 64, 128, 256]
        /// Hidden depths swept in the growth figure (width fixed to the base's first width).
        public var sweepDepths = [1, 2, 3, 4, 6, 8, 12, 16]
        /// Input and output size for the shape comparison (a 28 x 28 image, 10 classes).
        public var shapeInputs = 784
        public var shapeOutputs = 10
        /// A constant shape and a funnel to compare.
        public var constantShape = [64, 64, 64]
        public var funnelShape = [64, 32, 16]

        public init() {}

        public func validate() -> [ConfigProblem] {
            var checks = ConfigChecks()
            for (key, value) in [("inputs", inputs), ("outputs", outputs), ("widthFactor", widthFactor),
                                 ("depthFactor", depthFactor), ("shapeInputs", shapeInputs), ("shapeOutputs", shapeOutputs)] {
                checks.positive(key, value)
            }
            for (key, values) in [("hidden", hidden), ("sweepWidths", sweepWidths), ("sweepDepths", sweepDepths),
                                  ("constantShape", constantShape), ("funnelShape", funnelShape)] {
                checks.positive(key, values)
            }
            return checks.problems
        }
    }

    public static let kind = "parameter-count"
    public static let version = 1
    public static let summary = "Weights and biases of fully connected networks as width and depth grow."
    public static let outputs = ["lecture-example", "growth", "shapes"]
    public static let quickProfile: [String: ConfigValue] = [:]
    /// A count in closed form: no sweep of cached trials.
    public static let hasSweep = false

    public init() {}

    public func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let base = config.hidden
        let wider = base.map { $0 * config.widthFactor }
        let deeper = Array(repeating: base, count: config.depthFactor).flatMap { $0 }

        var metrics: [String: Double] = [:]
        var rows: [[TableValue]] = []
        let baseWith = Double(ParameterCount.mlp(input: config.inputs, hidden: base, output: config.outputs, bias: true))
        let baseWithout = Double(ParameterCount.mlp(input: config.inputs, hidden: base, output: config.outputs, bias: false))
        for (name, label, shape) in [("base", "base", base), ("wide", "\(config.widthFactor)× width", wider),
                                     ("deep", "\(config.depthFactor)× depth", deeper)] {
            let with = Double(ParameterCount.mlp(input: config.inputs, hidden: shape, output: config.outputs, bias: true))
            let without = Double(ParameterCount.mlp(input: config.inputs, hidden: shape, output: config.outputs, bias: false))
            metrics["\(name).with_bias"] = with
            metrics["\(name).without_bias"] = without
            metrics["\(name).ratio_with_bias"] = with / baseWith
            metrics["\(name).ratio_without_bias"] = without / baseWithout
            rows.append([.text(label), .text(Self.describe(config.inputs, shape, config.outputs)),
                         .number(without), .number(with),
                         .text(Self.ratio(without / baseWithout)), .text(Self.ratio(with / baseWith))])
        }
        let lecture = Table(
            caption: "Parameters of the lecture's network and of its wider and deeper variants.",
            columns: ["variant", "shape", "weights only", "weights and biases", "ratio (weights)", "ratio (with biases)"],
            rows: rows)

        // Growth with width (depth fixed) and with depth (width fixed).
        let depth = base.count
        let width = base.first ?? 1
        func counts(_ shapes: [[Int]], bias: Bool) -> [Double] {
            shapes.map { Double(ParameterCount.mlp(input: config.inputs, hidden: $0, output: config.outputs, bias: bias)) }
        }
        let widthShapes = config.sweepWidths.map { Array(repeating: $0, count: depth) }
        let depthShapes = config.sweepDepths.map { Array(repeating: width, count: $0) }
        let widthX = config.sweepWidths.map(Double.init)
        let depthX = config.sweepDepths.map(Double.init)
        var series: [String: Series] = [:]
        series["width.with_bias"] = Series(x: widthX, y: counts(widthShapes, bias: true), xLabel: "hidden width", yLabel: "parameters")
        series["width.without_bias"] = Series(x: widthX, y: counts(widthShapes, bias: false), xLabel: "hidden width", yLabel: "parameters")
        series["depth.with_bias"] = Series(x: depthX, y: counts(depthShapes, bias: true), xLabel: "hidden layers", yLabel: "parameters")
        series["depth.without_bias"] = Series(x: depthX, y: counts(depthShapes, bias: false), xLabel: "hidden layers", yLabel: "parameters")

        // Constant shape against a funnel, for an image classifier's input and output.
        var shapeRows: [[TableValue]] = []
        for (name, shape) in [("constant", config.constantShape), ("funnel", config.funnelShape)] {
            let with = Double(ParameterCount.mlp(input: config.shapeInputs, hidden: shape, output: config.shapeOutputs, bias: true))
            let firstLayer = Double(config.shapeInputs * shape[0] + shape[0])
            metrics["\(name).parameters"] = with
            metrics["\(name).first_layer_share"] = firstLayer / with
            shapeRows.append([.text(name), .text(Self.describe(config.shapeInputs, shape, config.shapeOutputs)),
                              .number(with), .text(String(format: "%.1f%%", 100 * firstLayer / with))])
        }
        let shapes = Table(
            caption: "A constant shape against a funnel with the same first layer.",
            columns: ["shape", "layers", "weights and biases", "share in the first layer"],
            rows: shapeRows)

        return CellResult(metrics: metrics, series: series,
                          tables: ["lecture-example": lecture, "shapes": shapes],
                          figures: [ParameterCountFigures.growth(series: series, config: config),
                                   ParameterCountFigures.shapes(config: config)])
    }

    static func describe(_ inputs: Int, _ hidden: [Int], _ outputs: Int) -> String {
        ([inputs] + hidden + [outputs]).map(String.init).joined(separator: "-")
    }

    static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
}
