import Learning
import Notebook
import Plot

/// The figures of `parameter-count`.
enum ParameterCountFigures {
    /// Parameters as the hidden width grows (depth fixed) beside parameters as the depth
    /// grows (width fixed): a parabola against a straight line.
    static func growth(series: [String: Series], config: ParameterCountExperiment.Config) -> NamedFigure {
        func panel(_ prefix: String, title: String, xLabel: String) -> Panel {
            var panel = Panel(title: title, x: Axis(label: xLabel), y: Axis(label: "parameters", format: .si),
                              legend: .topLeft)
            if let with = series["\(prefix).with_bias"] {
                panel.add(.line(LineMark(x: with.x, y: with.y, label: "weights and biases", marker: .circle)))
            }
            if let without = series["\(prefix).without_bias"] {
                panel.add(.line(LineMark(x: without.x, y: without.y, label: "weights only", dash: [5, 3], marker: .square)))
            }
            return panel
        }
        let depth = config.hidden.count
        let width = config.hidden.first ?? 1
        let inputs = "\(config.inputs) inputs, \(config.outputs) outputs"
        let figure = Figure(
            title: "Parameters of a dense network (\(inputs))", width: 720, height: 320, columns: 2,
            panels: [panel("width", title: "Width grows, \(depth) hidden layers", xLabel: "units per hidden layer"),
                     panel("depth", title: "Depth grows, \(width) units per layer", xLabel: "hidden layers")])
        return NamedFigure(name: "growth",
                           caption: "Parameter count against hidden width (left, quadratic) and against the number of hidden layers (right, linear).",
                           figure: figure)
    }

    /// Parameters per layer of the constant shape and the funnel, side by side.
    static func shapes(config: ParameterCountExperiment.Config) -> NamedFigure {
        func perLayer(_ hidden: [Int]) -> [Double] {
            let sizes = [config.shapeInputs] + hidden + [config.shapeOutputs]
            return zip(sizes, sizes.dropFirst()).map { Double(ParameterCount.dense(inputs: $0.0, outputs: $0.1)) }
        }
        let constant = perLayer(config.constantShape)
        let funnel = perLayer(config.funnelShape)
        let layers = max(constant.count, funnel.count)
        let categories = (0..<layers).map { $0 == layers - 1 ? "output layer" : "hidden layer \($0 + 1)" }
        func padded(_ values: [Double]) -> [Double] {
            Array(values.dropLast()) + Array(repeating: 0, count: layers - values.count) + [values.last ?? 0]
        }
        let bars = BarsMark(categories: categories, series: [
            .init(label: "constant " + config.constantShape.map(String.init).joined(separator: "-"), values: padded(constant)),
            .init(label: "funnel " + config.funnelShape.map(String.init).joined(separator: "-"), values: padded(funnel)),
        ], showValues: true)
        let figure = Figure(
            title: "Where the parameters sit (\(config.shapeInputs) inputs, \(config.shapeOutputs) outputs)",
            width: 576, height: 320,
            panel: Panel(x: Axis(label: "layer"), y: Axis(label: "weights and biases", format: .si),
                         legend: .topRight, marks: [.bars(bars)]))
        return NamedFigure(name: "shapes",
                           caption: "Parameters per layer of a constant shape and a funnel: the first layer holds most of both.",
                           figure: figure)
    }
}
