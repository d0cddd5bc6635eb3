import Foundation
import Plot

/// The figure overlaying one series from every run that has it. Run `i` always has colour
/// `i` of the palette, so a run looks the same in every figure of a report; runs after the
/// baseline are dashed, so a curve that exactly covers another still shows.
enum CurveFigure {
    /// The colour of run `index`.
    static func color(_ index: Int) -> Color {
        let palette = Palette.okabeIto
        return palette[index % palette.count]
    }

    /// Dash pattern of run `index`, in points: solid baseline, then distinct dashes.
    static func dash(_ index: Int) -> [Double] {
        let patterns: [[Double]] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4]]
        return patterns[index % patterns.count]
    }

    static func figure(_ row: CurveRow, legends: [String]) -> Figure {
        var marks: [Mark] = []
        var xLabel = "x", yLabel = "y"
        var positives = true
        var smallest = Double.infinity, largest = 0.0
        var positiveX = true
        var smallestX = Double.infinity, largestX = 0.0
        for (index, series) in row.series.enumerated() {
            guard let series else { continue }
            xLabel = series.xLabel
            yLabel = series.yLabel
            marks.append(.line(LineMark(x: series.x, y: series.y, label: legends[index], color: color(index),
                                        width: index == 0 ? 2.75 : 1.75, dash: dash(index))))
            for value in series.y where value.isFinite {
                if value <= 0 { positives = false } else { smallest = min(smallest, value); largest = max(largest, value) }
            }
            for value in series.x where value.isFinite {
                if value <= 0 { positiveX = false } else { smallestX = min(smallestX, value); largestX = max(largestX, value) }
            }
        }
        // Losses spanning more than two decades read better on a log axis.
        let lossLike = MetricDirection(metric: row.name) == .lowerIsBetter || MetricDirection(metric: yLabel) == .lowerIsBetter
        let logY = lossLike && positives && smallest.isFinite && largest / smallest > 100
        // Sweeps over sizes (widths, batch sizes, feature counts) are drawn on log axes by
        // their own figures; an x range of more than two decades is taken to be one.
        let logX = positiveX && smallestX.isFinite && largestX / smallestX > 100
        let panel = Panel(x: Axis(label: xLabel, scale: logX ? .log10 : .linear),
                          y: Axis(label: yLabel, scale: logY ? .log10 : .linear),
                          legend: .auto, marks: marks)
        return Figure(title: "\(row.cell) · \(row.name)", width: 576, height: 320, panel: panel)
    }
}
