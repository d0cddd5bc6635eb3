import Foundation
import Notebook
import Plot
import Tensor

/// The shifted-images lesson's figures: accuracy against shift, an image and its shifted
/// copies, the CNN's first filters, and the parameters each model needs.
struct ShiftFigures {
    let config: ShiftedImagesExperiment.Config
    let byModel: [ShiftTrial.Model: [ShiftTrial.Result]]

    static func color(_ model: ShiftTrial.Model) -> Color {
        Palette.okabeIto[ShiftTrial.Model.allCases.firstIndex(of: model)!]
    }

    var seedsText: String { config.seeds == 1 ? "one run" : "\(config.seeds) seeds" }

    func accuracy() -> NamedFigure {
        let shifts = (0...config.maxShift).map(Double.init)
        var panel = Panel(x: Axis(label: "shift of the test images (pixels)"), y: Axis(label: "test accuracy", format: .percent),
                          legend: .bottomLeft)
        for model in ShiftTrial.Model.allCases {
            let runs = byModel[model] ?? []
            guard !runs.isEmpty else { continue }
            let mean = shifts.indices.map { s in runs.map { $0.accuracy[s] }.reduce(0, +) / Double(runs.count) }
            let low = shifts.indices.map { s in runs.map { $0.accuracy[s] }.min()! }
            let high = shifts.indices.map { s in runs.map { $0.accuracy[s] }.max()! }
            panel.add(.band(BandMark(x: shifts, lower: low, upper: high, color: Self.color(model), alpha: 0.2)))
            panel.add(.line(LineMark(x: shifts, y: mean, label: "\(model.title) (\(runs[0].parameters) parameters)",
                                     color: Self.color(model), width: 1.8)))
        }
        return NamedFigure(name: "accuracy",
                           caption: "Test accuracy on the \(config.data.test) test images moved by 0 to \(config.maxShift) pixels (zeros shifted in; the mean over moves right, left, down and up), after training on the images as they are (the augmented MLP on randomly shifted copies). Lines: the mean over \(seedsText); bands: from the lowest to the highest seed.",
                           figure: Figure(title: "Accuracy against shift", width: 640, height: 400, panel: panel))
    }

    func examples(_ pixels: [Float], label: String) -> NamedFigure {
        let side = ShiftTrial.side
        let steps = Array(stride(from: 0, through: config.maxShift, by: max(1, config.maxShift / 3)))
        let panels: [Panel] = steps.map { s in
            let moved = ImageShift.shifted(Matrix(row: pixels), side: side, dx: s, dy: 0)
            let grid = (0..<side).map { y in (0..<side).map { x in Double(moved[0, y * side + x]) } }
            return Panel(title: s == 0 ? "as stored" : "\(s) pixels right", x: Axis(showsTickLabels: false),
                         y: Axis(showsTickLabels: false), legend: .none, equalAspect: true,
                         marks: [.heatmap(HeatmapMark(values: grid, colorMap: .grays, colorLimits: 0...1))])
        }
        return NamedFigure(name: "examples",
                           caption: "The first test image (\(label)) and copies moved right by \(steps.dropFirst().map(String.init).joined(separator: ", ")) pixels, zeros (white here) shifted in. To a person the four are the same garment; to an MLP each pixel is its own input, so a move changes which weights see the garment.",
                           figure: Figure(title: "One test image and its shifted copies", width: 760, height: 230,
                                          columns: steps.count, panels: panels))
    }

    func filters(_ filters: [[Float]]) -> NamedFigure {
        let k = Int(Double(filters[0].count).squareRoot().rounded())
        let top = Double(filters.flatMap { $0 }.map { abs($0) }.max() ?? 1)
        // One image grid on one colour scale, so one colour bar serves every filter.
        let columns = min(filters.count, 8), rows = (filters.count + columns - 1) / columns
        let images = (0..<rows).map { r in
            filters[(r * columns)..<min(filters.count, (r + 1) * columns)].map { $0.map(Double.init) }
        }
        let grid = ImageGridMark(images: images, pixelWidth: k, pixelHeight: k,
                                 rowLabels: rows > 1 ? (0..<rows).map { "filters \($0 * columns + 1)–\(min(filters.count, ($0 + 1) * columns))" } : nil,
                                 columnLabels: rows > 1 ? nil : (1...columns).map(String.init),
                                 colorMap: .blueRed, colorLimits: -top...top, showsColorBar: true, gap: 0.08)
        let panel = Panel(x: Axis(label: rows > 1 ? nil : "filter"), legend: .none, colorBarLabel: "weight", marks: [.imageGrid(grid)])
        return NamedFigure(name: "filters",
                           caption: "The \(filters.count) filters of the CNN's first layer after training (first seed), \(k) × \(k) weights each, blue negative and red positive on one scale. Each is slid over the whole image: the same \(k * k) weights look for the same pattern at every position.",
                           figure: Figure(title: "The first convolution layer's filters", width: 640,
                                          height: 72 * Double(rows) + 95, panel: panel))
    }

    func parameters() -> NamedFigure {
        let models = ShiftTrial.Model.allCases.filter { byModel[$0]?.isEmpty == false }
        let counts = models.map { Double(byModel[$0]![0].parameters) }
        let panel = Panel(x: Axis(), y: Axis(label: "trainable parameters"), legend: .none,
                          marks: [.bars(BarsMark(categories: models.map(\.title), values: counts, showValues: true))])
        return NamedFigure(name: "parameters",
                           caption: "Trainable parameters of each model: the MLPs' \(config.width) hidden units each need a weight for every one of the 784 pixels; the CNN's filters (\(config.filters.map(String.init).joined(separator: " and "))) share their weights across positions, so most of its parameters are in the final linear layer.",
                           figure: Figure(title: "Parameters each model needs", width: 520, height: 320, panel: panel))
    }

    func table(_ metrics: [String: Double]) -> Table {
        let shifts = Array(0...config.maxShift)
        let rows: [[TableValue]] = ShiftTrial.Model.allCases.map { model in
            let m = model.rawValue
            func r3(_ x: Double?) -> TableValue { .number(((x ?? .nan) * 1000).rounded() / 1000) }
            return [.text(model.title), .number(metrics["\(m).parameters"] ?? .nan), r3(metrics["\(m).train_accuracy"])]
                + shifts.map { r3(metrics["\(m).accuracy.shift_\($0)"]) }
        }
        return Table(caption: "Mean over \(seedsText): parameters, training accuracy and test accuracy at each shift (pixels).",
                     columns: ["model", "parameters", "training accuracy"] + shifts.map { "shift \($0)" }, rows: rows)
    }
}
