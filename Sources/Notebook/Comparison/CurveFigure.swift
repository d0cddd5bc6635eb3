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
        // A series says which scales its own figure draws it on; the curves keep them when
        // every run's values allow a log axis. Series from before that was recorded fall
        // back on their shape: losses spanning more than two decades on a log axis, and x
        // ranges of more than two decades taken to be a sweep over sizes.
        let declared = row.series.compactMap { $0 }
        let lossLike = MetricDirection(metric: row.name) == .lowerIsBetter || MetricDirection(metric: yLabel) == .lowerIsBetter
        let guessedY: Scale = lossLike && positives && smallest.isFinite && largest / smallest > 100 ? .log10 : .linear
        let guessedX: Scale = positiveX && smallestX.isFinite && largestX / smallestX > 100 ? .log10 : .linear
        let xScale = Self.scale(declared.compactMap(\.xScale).first, allowed: positiveX) ?? guessedX
        let yScale = Self.scale(declared.compactMap(\.yScale).first, allowed: positives) ?? guessedY
        let panel = Panel(x: Axis(label: xLabel, scale: xScale), y: Axis(label: yLabel, scale: yScale),
                          legend: .auto, marks: marks)
        return Figure(title: "\(row.cell) · \(row.name)", width: 576, height: 320, panel: panel)
    }

    /// The log scale a series declared, or nil when none was. A declared log scale that
    /// some run's values cannot take (a zero or negative value) falls back to linear.
    static func scale(_ declared: SeriesScale?, allowed: Bool) -> Scale? {
        switch declared {
        case .log10?: return allowed ? .log10 : .linear
        case .log2?: return allowed ? .log2 : .linear
        case nil: return nil
        }
    }
}
