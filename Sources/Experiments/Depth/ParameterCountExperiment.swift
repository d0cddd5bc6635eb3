import Foundation
import Learning
import Notebook
import Plot

/// `parameter-count`: how many weights and biases a fully connected network has, and how
/// the count grows with width (quadratically) and with depth (linearly). The lecture's
/// example (10 inputs, three hidden layers of 10, 4 outputs) is the base shape.
struct ParameterCountExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var inputs = 10
        var hidden = [10, 10, 10]
        var outputs = 4
        var widthFactor = 2
        var depthFactor = 2
        var sweepWidths = [2, 4, 8, 16, 32, 64, 128, 256]
        var sweepDepths = [1, 2, 3, 4, 6, 8, 12, 16]
        var shapeInputs = 784
        var shapeOutputs = 10
        var constantShape = [64, 64, 64]
        var funnelShape = [64, 32, 16]

        static let parameters: [Parameter<Config>] = [
            .whole("inputs", \.inputs, 1..., "Number of inputs of the base network."),
            .wholes("hidden", \.hidden, 1..., .nonEmpty, "Hidden layer widths of the base network, first to last."),
            .whole("outputs", \.outputs, 1..., "Number of outputs."),
            .whole("widthFactor", \.widthFactor, 1..., "Factor applied to every hidden width for the \"wider\" variant."),
            .whole("depthFactor", \.depthFactor, 1..., "Factor applied to the number of hidden layers for the \"deeper\" variant."),
            .wholes("sweepWidths", \.sweepWidths, 1..., .nonEmpty, "Hidden widths swept in the growth figure (depth fixed to the base depth)."),
            .wholes("sweepDepths", \.sweepDepths, 1..., .nonEmpty, "Hidden depths swept in the growth figure (width fixed to the base's first width)."),
            .whole("shapeInputs", \.shapeInputs, 1..., "Inputs of the shape comparison (a 28 x 28 image)."),
            .whole("shapeOutputs", \.shapeOutputs, 1..., "Outputs of the shape comparison (10 classes)."),
            .wholes("constantShape", \.constantShape, 1..., .nonEmpty, "Hidden widths of the constant shape compared with the funnel."),
            .wholes("funnelShape", \.funnelShape, 1..., .nonEmpty, "Hidden widths of the funnel compared with the constant shape."),
        ]
    }

    static let kind = "parameter-count"
    static let version = 1
    static let summary = "Weights and biases of fully connected networks as width and depth grow."
    static let outputs = ["lecture-example", "growth", "shapes"]
    static let metrics: [MetricName] = [
        MetricName("<variant>.with_bias", "Weights and biases of the base, wide or deep network."),
        MetricName("<variant>.without_bias", "Weights only."),
        MetricName("<variant>.ratio_with_bias", "Weights and biases against the base network's."),
        MetricName("<variant>.ratio_without_bias", "Weights against the base network's."),
        MetricName("<shape>.parameters", "Weights and biases of the constant or funnel shape."),
        MetricName("<shape>.first_layer_share", "Share of those parameters in the first layer."),
    ]
    static let quickProfile: [String: ConfigValue] = [:]
    /// A count in closed form: no sweep of cached trials.
    static let hasSweep = false

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        // No trials: every count is exact. Summary: the lecture's variants, the growth
        // sweeps and the two shapes; then the figures.
        var metrics: [String: Double] = [:]
        let lecture = Self.lectureExample(config, metrics: &metrics)
        let shapes = Self.shapes(config, metrics: &metrics)
        let series = Self.growth(config)
        return CellResult(metrics: metrics, series: series,
                          tables: ["lecture-example": lecture, "shapes": shapes],
                          figures: [ParameterCountFigures.growth(series: series, config: config),
                                   ParameterCountFigures.shapes(config: config)])
    }

    static func count(_ inputs: Int, _ hidden: [Int], _ outputs: Int, bias: Bool) -> Double {
        Double(ParameterCount.mlp(input: inputs, hidden: hidden, output: outputs, bias: bias))
    }

    /// The base network and its wider and deeper variants, with and without biases.
    static func lectureExample(_ config: Config, metrics: inout [String: Double]) -> Table {
        let base = config.hidden
        let wider = base.map { $0 * config.widthFactor }
        let deeper = Array(repeating: base, count: config.depthFactor).flatMap { $0 }
        let baseWith = count(config.inputs, base, config.outputs, bias: true)
        let baseWithout = count(config.inputs, base, config.outputs, bias: false)
        var rows: [[TableValue]] = []
        for (name, label, shape) in [("base", "base", base), ("wide", "\(config.widthFactor)× width", wider),
                                     ("deep", "\(config.depthFactor)× depth", deeper)] {
            let with = count(config.inputs, shape, config.outputs, bias: true)
            let without = count(config.inputs, shape, config.outputs, bias: false)
            metrics["\(name).with_bias"] = with
            metrics["\(name).without_bias"] = without
            metrics["\(name).ratio_with_bias"] = with / baseWith
            metrics["\(name).ratio_without_bias"] = without / baseWithout
            rows.append([.text(label), .text(describe(config.inputs, shape, config.outputs)),
                         .number(without), .number(with),
                         .text(ratio(without / baseWithout)), .text(ratio(with / baseWith))])
        }
        return Table(
            caption: "Parameters of the lecture's network and of its wider and deeper variants.",
            columns: ["variant", "shape", "weights only", "weights and biases", "ratio (weights)", "ratio (with biases)"],
            rows: rows)
    }

    /// Growth with width (depth fixed) and with depth (width fixed).
    static func growth(_ config: Config) -> [String: Series] {
        let depth = config.hidden.count
        let width = config.hidden.first ?? 1
        func counts(_ shapes: [[Int]], bias: Bool) -> [Double] {
            shapes.map { count(config.inputs, $0, config.outputs, bias: bias) }
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
        return series
    }

    /// A constant shape against a funnel, for an image classifier's input and output.
    static func shapes(_ config: Config, metrics: inout [String: Double]) -> Table {
        var rows: [[TableValue]] = []
        for (name, shape) in [("constant", config.constantShape), ("funnel", config.funnelShape)] {
            let with = count(config.shapeInputs, shape, config.shapeOutputs, bias: true)
            let firstLayer = Double(config.shapeInputs * shape[0] + shape[0])
            metrics["\(name).parameters"] = with
            metrics["\(name).first_layer_share"] = firstLayer / with
            rows.append([.text(name), .text(describe(config.shapeInputs, shape, config.shapeOutputs)),
                         .number(with), .text(String(format: "%.1f%%", 100 * firstLayer / with))])
        }
        return Table(
            caption: "A constant shape against a funnel with the same first layer.",
            columns: ["shape", "layers", "weights and biases", "share in the first layer"],
            rows: rows)
    }

    static func describe(_ inputs: Int, _ hidden: [Int], _ outputs: Int) -> String {
        ([inputs] + hidden + [outputs]).map(String.init).joined(separator: "-")
    }

    static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
}
