import Foundation
import Notebook

/// One figure a `train` cell asks for in `plots:`, as data:
///
///     plots:
///       - {name: rates, type: measure, measure: final.validation_loss, x: training.learning_rate,
///          lines: training.optimizer, log_x: true}
///       - {name: curves, type: curves, measure: validation_accuracy}
///       - {name: grid, type: heatmap, measure: final.test_accuracy, x: training.learning_rate, y: training.batch_size}
///       - {name: bars, type: bars, measure: final.test_accuracy}
///       - {name: seeds, type: dots, measure: final.test_accuracy}
///       - {name: regions, type: regions}
///       - {name: lengths, type: lengths}
///
/// Missing keys keep their defaults; an unknown key is an error naming it.
struct PlotRequest: Codable, Sendable, Equatable, DeclaredParameters {
    /// What the figure shows.
    enum Kind: String, ConfigChoice {
        /// A measure against a swept parameter, one line per value of another, a band from
        /// the lowest to the highest seed.
        case measure
        /// A per-epoch curve, one line per point, mean over seeds with the seeds' band.
        case curves
        /// A measure over two swept parameters.
        case heatmap
        /// A measure per point as bars from zero, each seed a dot.
        case bars
        /// A measure per point as dots, one per seed, with the mean marked, on an axis fitted
        /// to the values: for differences too small to see on bars from zero.
        case dots
        /// Decision regions of 2-D data, one panel per point (the first seed).
        case regions
        /// Test accuracy against the test sequences' length (`data.test_lengths`), one line
        /// per point, a band from the lowest to the highest seed.
        case lengths
    }

    var name = ""
    var type = Kind.measure
    var measure = ""
    var x = ""
    var y = ""
    var lines = ""
    var logX = false
    var logY = false
    var title = ""

    init() {}

    static let parameters: [Parameter<PlotRequest>] = [
        .identifier("name", \.name, "The figure's name (`show:` uses it; the file is `figures/<cell>-<name>.png`)."),
        .choice("type", \.type, "`measure` (a measure against the swept parameter `x`, one line per value of `lines`), `curves` (a per-epoch curve, one line per point), `heatmap` (a measure over the swept parameters `x` and `y`), `bars` (a measure per point, bars from zero, each seed a dot), `dots` (the same on an axis fitted to the values, for small differences), `regions` (decision regions of 2-D data, one panel per point) or `lengths` (test accuracy against the length of the test sequences, `data.test_lengths`, one line per point)."),
        .text("measure", "What is drawn: a trial measure such as `final.validation_accuracy` (measure, heatmap, bars, dots) or a curve such as `validation_loss` (curves: train_loss, train_accuracy, validation_loss, validation_accuracy, test_loss, test_accuracy; the training curves are each epoch's minibatch mean, drawn from epoch 1)."),
        .text("x", "Measure and heatmap: the swept parameter along the x axis (`training.learning_rate`)."),
        .text("y", "Heatmap: the swept parameter along the y axis."),
        .text("lines", "Measure: the swept parameter with one line per value (empty: one line)."),
        .flag("logX", \.logX, "A logarithmic x axis (measure, lengths; curves: epochs)."),
        .flag("logY", \.logY, "A logarithmic y axis (measure, curves, bars)."),
        .text("title", "The figure's title (empty: one made from what it shows)."),
    ]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, measure, x, y, lines, logX, logY, title
    }

    init(from decoder: Decoder) throws {
        // Report keys this type does not know, as decoding a full configuration would.
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = CodingKeys.allCases.map(\.rawValue)
        for key in any.allKeys where !known.contains(key.stringValue) {
            var expected = "a plot key (\(known.map(ParameterName.snakeCase).joined(separator: ", ")))"
            if let near = Suggestion.nearest(to: ParameterName.snakeCase(key.stringValue), among: known.map(ParameterName.snakeCase)) {
                expected = "`\(near)` or another plot key (\(known.map(ParameterName.snakeCase).joined(separator: ", ")))"
            }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key],
                                                    debugDescription: "expected \(expected)"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        type = try c.decodeIfPresent(Kind.self, forKey: .type) ?? .measure
        measure = try c.decodeIfPresent(String.self, forKey: .measure) ?? ""
        x = try c.decodeIfPresent(String.self, forKey: .x) ?? ""
        y = try c.decodeIfPresent(String.self, forKey: .y) ?? ""
        lines = try c.decodeIfPresent(String.self, forKey: .lines) ?? ""
        logX = try c.decodeIfPresent(Bool.self, forKey: .logX) ?? false
        logY = try c.decodeIfPresent(Bool.self, forKey: .logY) ?? false
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
