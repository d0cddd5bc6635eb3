import Foundation
import Notebook
import Plot

/// The animation of the noisy quadratic model: the expected loss against the learning
/// rate, one curve per batch size, after more and more steps. Each curve's lowest point is
/// the best rate for that many steps; the motion shows it sliding left as training goes on
/// (the noise floor a c / (B (2 - a h)) of a high rate takes over) and sliding later for
/// larger batches, whose floor is lower. Budget: under 1 MB at the lesson's settings.
enum NoisyQuadraticAnimation {
    /// The steps of the frames: `frames` values spaced evenly in log(step) from 1 to `last`,
    /// without repeats.
    static func steps(frames: Int, last: Int) -> [Int] {
        let top = Foundation.log(Double(max(last, 1)))
        let values = (0..<frames).map { Int(Foundation.exp(top * Double($0) / Double(max(frames - 1, 1))).rounded()) }
        return Array(Set(values)).sorted()
    }

    static func make(model: NoisyQuadratic, outcome: NoisyQuadraticExperiment.Outcome,
                     config: NoisyQuadraticExperiment.Config) throws -> NamedAnimation? {
        let batches = config.curveBatches.filter { outcome.batchSizes.contains($0) }
        guard !batches.isEmpty else { return nil }
        // Up to twice the steps the smallest drawn batch needs at its best rate.
        let needed = batches.compactMap { b in outcome.bestSteps[outcome.batchSizes.firstIndex(of: b)!] }.max() ?? 1000
        let last = min(config.maxSteps, max(10, Int(2 * needed)))
        let stepList = steps(frames: config.frames, last: last)
        let perDecade = min(config.ratesPerDecade, 20)
        var rates: [Double] = []
        var k = 0
        while true {
            let a = config.minRate * Foundation.pow(10, Double(k) / Double(perDecade))
            if a >= outcome.stabilityLimit { break }
            rates.append(a)
            k += 1
        }
        let colours = [Palette.okabeIto[1], Palette.okabeIto[2], Palette.okabeIto[0], Palette.okabeIto[5], Palette.okabeIto[6]]
        let figures = stepList.map { t -> Figure in
            var panel = Panel(x: Axis(label: "learning rate η", scale: .log10), y: Axis(label: "expected loss", scale: .log10),
                              legend: .auto)
            panel.add(.rule(RuleMark(.horizontal, at: config.target, label: "target", color: BatchSizeFigures.referenceColor)))
            for (i, b) in batches.enumerated() {
                let loss = rates.map { model.expectedLoss(rate: $0, batch: Double(b), steps: t) }
                let colour = colours[i % colours.count]
                panel.add(.line(LineMark(x: rates, y: loss, label: "B = \(b)", color: colour, width: 1.8)))
                if let best = loss.indices.min(by: { loss[$0] < loss[$1] }) {
                    panel.add(.scatter(ScatterMark(x: [rates[best]], y: [loss[best]], color: colour, size: 8, alpha: 1, shape: .diamond)))
                }
            }
            return Figure(title: "Expected loss after \(t) step\(t == 1 ? "" : "s"), by learning rate", width: 560, height: 340,
                          panel: panel)
        }
        let animation = try Animation(frames: figures, labels: stepList.map { "step \($0)" })
        return NamedAnimation(
            name: "rates-animated",
            caption: "Animated: the noisy quadratic model's expected loss against the learning rate after 1 to \(last) steps (\(stepList.count) frames, steps spaced evenly on a log scale; the still image is the last frame), for batch sizes \(batches.map(String.init).joined(separator: ", ")). Diamonds mark each batch size's best rate for that many steps.",
            animation: animation)
    }
}
