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
        var table = FigureTable()
        for (index, panel) in panels.enumerated() {
            table.panel = panel.title ?? "\(index + 1)"
            table.colorBarLabel = panel.colorBarLabel
            for mark in panel.marks { mark.element.tableRows(&table) }
        }
        return table.lines.joined(separator: "\n") + "\n"
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
        let context = MarkWords.Context(xLabel: xLabel, yLabel: yLabel, xName: xName, yName: yName, colorBarLabel: colorBarLabel)
        // Curves and points: (series, x, y) over every finite point; the other marks' parts by rank.
        var curves: [MarkWords.Curve] = [], bands = 0
        var ranked: [(rank: Int, text: String)] = [], shared: [Int: MarkWords.Shared] = [:]
        for mark in marks {
            switch mark.element.words(context) {
            case .curves(let c)?: curves += c
            case .spread?: bands += 1
            case .part(let text, let rank)?: ranked.append((rank, text))
            case .shared(let words)?:
                if var known = shared[words.rank] {
                    known.count += words.count; known.texts += words.texts
                    shared[words.rank] = known
                } else {
                    shared[words.rank] = words
                    ranked.append((words.rank, ""))
                }
            case nil: break
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
        // A stable sort keeps the marks of one rank in the panel's order; a shared rank's
        // part takes the place of its first mark.
        let ordered = ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
        for part in ordered {
            if let words = shared[part.rank] {
                if let text = words.phrase(words.count, words.texts) { parts.append(text) }
            } else {
                parts.append(part.text)
            }
        }
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
