import Foundation

/// A figure told in words and as a table, both from the figure value itself, so neither can
/// disagree with what is drawn: reports use the words as alt text and write the table as a
/// CSV beside the figure.
extension Figure {
    /// The alt text: the title, then for each panel what is plotted against what, its
    /// series, the ranges of x and y, and the lowest and highest points with their x (bars:
    /// their category; heatmaps: their row and column), numbers to three significant digits.
    ///
    ///     "Final validation loss. Validation loss against learning rate (x from 1e-4 to 1,
    ///      y from 0.42 to 2.3) for SGD and Adam; each curve falls, then rises; lowest 0.42
    ///      (Adam at 2.2e-3), highest 2.3 (SGD at 1)."
    public var altText: String {
        var sentences: [String] = []
        if let title, !title.isEmpty { sentences.append(Self.sentence(title)) }
        let many = panels.count > 1
        if many { sentences.append("\(panels.count) panels.") }
        for panel in panels {
            let text = panel.description
            if text.isEmpty { continue }
            if many, let title = panel.title, !title.isEmpty {
                sentences.append(Self.sentence("\(title): \(text)"))
            } else {
                sentences.append(Self.sentence(text))
            }
        }
        return sentences.joined(separator: " ")
    }

    /// The plotted data as CSV with the columns `panel,mark,series,x,y,value`, one row per
    /// point (lines and scatters: x and y; bands: a lower and an upper row per x; bars:
    /// category as x, height as y; heatmaps: column as x, row as y, the cell as value;
    /// rules: their position). Decision-region images, warped grids and annotations are
    /// left out. Numbers in their shortest exact form.
    public var dataCSV: String {
        var rows = ["panel,mark,series,x,y,value"]
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func number(_ value: Double) -> String {
            if value.isNaN { return "nan" }
            if value.isInfinite { return value > 0 ? "inf" : "-inf" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return "\(value)"
        }
        for (index, panel) in panels.enumerated() {
            let name = field(panel.title ?? "\(index + 1)")
            func row(_ mark: String, _ series: String?, _ x: String, _ y: String, _ value: String = "") {
                rows.append([name, mark, field(series ?? ""), x, y, value].joined(separator: ","))
            }
            for mark in panel.marks {
                switch mark {
                case .line(let line):
                    for (x, y) in zip(line.x, line.y) { row("line", line.label, number(x), number(y)) }
                case .scatter(let scatter):
                    for (i, (x, y)) in zip(scatter.x, scatter.y).enumerated() {
                        var series = scatter.label
                        if let classes = scatter.classes, i < classes.count {
                            let c = classes[i]
                            series = c < scatter.classNames.count ? scatter.classNames[c] : "class \(c)"
                        }
                        row("scatter", series, number(x), number(y))
                    }
                case .band(let band):
                    for (i, x) in band.x.enumerated() where i < band.lower.count && i < band.upper.count {
                        row("band lower", band.label, number(x), number(band.lower[i]))
                        row("band upper", band.label, number(x), number(band.upper[i]))
                    }
                case .bars(let bars):
                    for series in bars.series {
                        for (category, value) in zip(bars.categories, series.values) {
                            row("bars", series.label, field(category), number(value))
                        }
                    }
                case .heatmap(let heatmap):
                    for r in 0..<heatmap.rows {
                        for c in 0..<heatmap.columns {
                            row("heatmap", panel.colorBarLabel, field(heatmap.columnName(c)), field(heatmap.rowName(r)),
                                number(heatmap.value(r, c)))
                        }
                    }
                case .rule(let rule):
                    if rule.orientation == .horizontal { row("rule", rule.label, "", number(rule.value)) }
                    else { row("rule", rule.label, number(rule.value), "") }
                case .imageGrid(let grid):
                    // One row per image: its grid position, and its mean value.
                    for r in 0..<grid.rows {
                        for c in 0..<grid.columns {
                            guard let image = grid.image(r, c) else { continue }
                            let finite = image.filter(\.isFinite)
                            row("image", panel.colorBarLabel ?? "mean value", field(grid.columnLabels.flatMap { c < $0.count ? $0[c] : nil } ?? "column \(c + 1)"),
                                field(grid.rowLabels.flatMap { r < $0.count ? $0[r] : nil } ?? "row \(r + 1)"),
                                number(finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)))
                        }
                    }
                case .regions, .polylines, .annotation:
                    break
                }
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static func sentence(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return trimmed }
        if let first = trimmed.first, first.isLowercase {
            trimmed = first.uppercased() + trimmed.dropFirst()
        }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }

    /// A number to three significant digits, without trailing zeros; scientific notation
    /// (`2.2e-3`) below 0.001 and from 100 000 on.
    public static func describe(_ value: Double) -> String {
        if value.isNaN { return "not a number" }
        if value.isInfinite { return value > 0 ? "infinity" : "minus infinity" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            let exponent = Int(floor(log10(magnitude)))
            let digits = max(0, 2 - exponent)
            let rounded = exponent > 2 ? (value / pow(10, Double(exponent - 2))).rounded() * pow(10, Double(exponent - 2)) : value
            var text = String(format: "%.\(digits)f", rounded)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text == "-0" ? "0" : text
        }
        let exponent = Int(floor(log10(magnitude)))
        var mantissa = value / pow(10, Double(exponent))
        var e = exponent
        if abs((mantissa * 100).rounded()) >= 1000 { mantissa /= 10; e += 1 }
        var text = String(format: "%.2f", mantissa)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "\(text)e\(e)"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

extension Panel {
    /// One panel in words (see `Figure.altText`); empty for a panel without data.
    var description: String {
        typealias F = Figure
        var parts: [String] = []
        let xLabel = x.label ?? "x", yLabel = y.label ?? "y"
        // Where a label names a position ("at epoch 3"), without its trailing note in
        // parentheses ("(log scale)").
        let xName = Self.short(xLabel), yName = Self.short(yLabel)
        // Curves and points: (series, x, y) over every finite point.
        var curves: [(label: String?, x: [Double], y: [Double], line: Bool)] = []
        var bands = 0, heatmaps: [HeatmapMark] = [], bars: [BarsMark] = [], rules: [RuleMark] = []
        var regions: [RegionMark] = [], polylines = 0, annotations: [String] = [], imageGrids: [ImageGridMark] = []
        for mark in marks {
            switch mark {
            case .line(let m): curves.append((m.label, m.x, m.y, true))
            case .scatter(let m):
                if let classes = m.classes, !m.classNames.isEmpty {
                    for (c, name) in m.classNames.enumerated() {
                        let indices = classes.indices.filter { classes[$0] == c && $0 < m.x.count && $0 < m.y.count }
                        curves.append((name, indices.map { m.x[$0] }, indices.map { m.y[$0] }, false))
                    }
                } else {
                    curves.append((m.label, m.x, m.y, false))
                }
            case .band: bands += 1
            case .bars(let m): bars.append(m)
            case .heatmap(let m): heatmaps.append(m)
            case .rule(let m): rules.append(m)
            case .regions(let m): regions.append(m)
            case .polylines(let m): polylines += m.lines.count
            case .annotation(let m): annotations.append(m.text)
            case .imageGrid(let m): imageGrids.append(m)
            }
        }

        let points = curves.flatMap { curve in
            zip(curve.x, curve.y).filter { $0.0.isFinite && $0.1.isFinite }.map { (curve.label, $0.0, $0.1) }
        }
        if !points.isEmpty {
            let lines = curves.filter(\.line).count
            let labels = curves.compactMap(\.label).filter { !$0.isEmpty }
            let xs = points.map(\.1), ys = points.map(\.2)
            var text = "\(yLabel) against \(xLabel)"
            text += " (x from \(F.describe(xs.min()!)) to \(F.describe(xs.max()!)), y from \(F.describe(ys.min()!)) to \(F.describe(ys.max()!)))"
            if !labels.isEmpty {
                text += " for " + F.list(labels)
            } else if lines == 0 {
                text += ", \(points.count) points"
            }
            let shapes = curves.filter(\.line).map { Self.shape(of: $0.y.filter(\.isFinite)) }
            if let first = shapes.first, let shape = first, shapes.allSatisfy({ $0 == first }) {
                text += shapes.count == 1 ? "; the curve \(shape)" : "; each curve \(shape)"
            }
            if lines > 0 {
                let low = points.min { $0.2 < $1.2 }!, high = points.max { $0.2 < $1.2 }!
                func at(_ point: (String?, Double, Double)) -> String {
                    let who = labels.count > 1 ? (point.0.map { "\($0) " } ?? "") : ""
                    return "\(F.describe(point.2)) (\(who)at \(xName) \(F.describe(point.1)))"
                }
                text += "; lowest \(at(low)), highest \(at(high))"
            }
            if bands > 0 { text += "; shaded bands show the spread" }
            parts.append(text)
        }
        for m in bars {
            var text = "bars of \(yLabel) for \(F.list(m.categories))"
            let labelled = m.series.compactMap(\.label)
            if m.series.count > 1, !labelled.isEmpty { text += " in " + F.list(labelled) }
            let values = m.series.flatMap { s in zip(m.categories, s.values).map { (s.label, $0.0, $0.1) } }
                .filter { $0.2.isFinite }
            if let low = values.min(by: { $0.2 < $1.2 }), let high = values.max(by: { $0.2 < $1.2 }) {
                func at(_ v: (String?, String, Double)) -> String {
                    "\(F.describe(v.2)) (\(v.1)\(m.series.count > 1 ? v.0.map { ", \($0)" } ?? "" : ""))"
                }
                text += "; lowest \(at(low)), highest \(at(high))"
            }
            parts.append(text)
        }
        for m in heatmaps {
            var text = "heatmap of \(colorBarLabel ?? "values") over \(m.rows) \(yLabel) rows and \(m.columns) \(xLabel) columns"
            var cells: [(Int, Int, Double)] = []
            for r in 0..<m.rows { for c in 0..<m.columns where m.value(r, c).isFinite { cells.append((r, c, m.value(r, c))) } }
            if let low = cells.min(by: { $0.2 < $1.2 }), let high = cells.max(by: { $0.2 < $1.2 }) {
                func at(_ v: (Int, Int, Double)) -> String {
                    "\(F.describe(v.2)) (\(yName) \(m.rowName(v.0)), \(xName) \(m.columnName(v.1)))"
                }
                text += "; lowest \(at(low)), highest \(at(high))"
            }
            let missing = m.rows * m.columns - cells.count
            if missing > 0 { text += "; \(missing) \(m.missingLabel)" }
            parts.append(text)
        }
        for m in imageGrids {
            let count = (0..<m.rows).reduce(0) { n, r in n + (0..<m.columns).filter { m.image(r, $0) != nil }.count }
            var text = "\(count) images of \(m.pixelWidth) × \(m.pixelHeight) pixels in \(m.rows) rows and \(m.columns) columns"
            if let rows = m.rowLabels, !rows.isEmpty { text += "; rows: " + F.list(rows) }
            if let columns = m.columnLabels, !columns.isEmpty { text += "; columns: " + F.list(columns) }
            parts.append(text)
        }
        for m in regions {
            parts.append("coloured regions over \(xLabel) from \(F.describe(m.xRange.lowerBound)) to \(F.describe(m.xRange.upperBound)) and \(yLabel) from \(F.describe(m.yRange.lowerBound)) to \(F.describe(m.yRange.upperBound))" + (m.label.map { ", with the \($0)" } ?? ""))
        }
        if polylines > 0 { parts.append("\(polylines) grid lines") }
        for m in rules {
            let axis = m.orientation == .horizontal ? yName : xName
            parts.append("a reference line at \(axis) \(F.describe(m.value))" + (m.label.map { " (\($0))" } ?? ""))
        }
        if !annotations.isEmpty { parts.append("marked " + F.list(annotations.map { "“\($0)”" })) }
        return parts.joined(separator: "; ")
    }

    /// A label without a trailing note in parentheses: `training time (log scale)` is
    /// `training time`.
    static func short(_ label: String) -> String {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "("), open > label.startIndex else { return label }
        let head = label[..<open].trimmingCharacters(in: .whitespaces)
        return head.isEmpty ? label : head
    }

    /// How a curve runs, when it is plain: rises, falls, falls then rises, rises then falls.
    static func shape(of y: [Double]) -> String? {
        guard y.count >= 3, let low = y.min(), let high = y.max(), high > low else { return nil }
        let tolerance = (high - low) * 0.05
        let first = y.first!, last = y.last!
        let lowIndex = y.firstIndex(of: low)!, highIndex = y.firstIndex(of: high)!
        if first - low > tolerance, last - low > tolerance, lowIndex > 0, lowIndex < y.count - 1 { return "falls, then rises" }
        if high - first > tolerance, high - last > tolerance, highIndex > 0, highIndex < y.count - 1 { return "rises, then falls" }
        if last < first { return "falls" }
        if last > first { return "rises" }
        return nil
    }
}

extension HeatmapMark {
    func rowName(_ r: Int) -> String {
        if let rowLabels, r < rowLabels.count { return rowLabels[r] }
        if let yRange, rows > 1 {
            return Figure.describe(yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(r) / Double(rows - 1))
        }
        return String(r + 1)
    }

    func columnName(_ c: Int) -> String {
        if let columnLabels, c < columnLabels.count { return columnLabels[c] }
        if let xRange, columns > 1 {
            return Figure.describe(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(c) / Double(columns - 1))
        }
        return String(c + 1)
    }
}
