import Foundation

/// Data extents and data problems of marks, shared by layout and `Figure.warnings`.
enum DataCheck {
    /// A readable name for a mark in messages: its label, or its kind and position.
    static func name(of mark: Mark, index: Int, panel: Int, panelTitle: String?) -> String {
        let label: String?
        let kind: String
        switch mark {
        case .line(let m): label = m.label; kind = "line"
        case .scatter(let m): label = m.label; kind = "scatter"
        case .bars(let m): label = m.series.compactMap(\.label).first; kind = "bars"
        case .band(let m): label = m.label; kind = "band"
        case .rule(let m): label = m.label; kind = "reference line"
        case .annotation(let m): label = m.text; kind = "annotation"
        case .heatmap: label = nil; kind = "heatmap"
        case .regions(let m): label = m.label; kind = "decision regions"
        case .polylines(let m): label = m.label; kind = "polylines"
        case .imageGrid: label = nil; kind = "image grid"
        }
        if let label { return label }
        let where_ = panelTitle.map { "panel '\($0)'" } ?? "panel \(panel + 1)"
        return "\(kind) \(index + 1) of \(where_)"
    }

    /// Counts of non-finite values per mark (heatmaps excluded: there they mean missing cells).
    static func nonFinite(_ mark: Mark) -> Int {
        func count(_ xs: [Double], _ ys: [Double]) -> Int {
            var n = 0
            for i in 0..<min(xs.count, ys.count) where !xs[i].isFinite || !ys[i].isFinite { n += 1 }
            return n
        }
        switch mark {
        case .line(let m): return count(m.x, m.y)
        case .scatter(let m): return count(m.x, m.y)
        case .band(let m):
            var n = 0
            for i in 0..<min(m.x.count, m.lower.count, m.upper.count) where !m.x[i].isFinite || !m.lower[i].isFinite || !m.upper[i].isFinite { n += 1 }
            return n
        case .bars(let m): return m.series.reduce(0) { $0 + $1.values.filter { !$0.isFinite }.count }
        case .polylines(let m): return m.lines.reduce(0) { $0 + $1.filter { !$0.x.isFinite || !$0.y.isFinite }.count }
        case .regions(let m): return m.values.reduce(0) { $0 + $1.filter { !$0.isFinite }.count }
        case .rule(let m): return m.value.isFinite ? 0 : 1
        case .annotation(let m): return m.at.x.isFinite && m.at.y.isFinite ? 0 : 1
        case .heatmap: return 0
        case .imageGrid(let m): return m.images.reduce(0) { $0 + $1.reduce(0) { $0 + $1.filter { !$0.isFinite }.count } }
        }
    }

    static func isEmpty(_ mark: Mark) -> Bool {
        switch mark {
        case .line(let m): return m.x.isEmpty || m.y.isEmpty
        case .scatter(let m): return m.x.isEmpty || m.y.isEmpty
        case .band(let m): return m.x.isEmpty
        case .bars(let m): return m.categories.isEmpty
        case .polylines(let m): return m.lines.allSatisfy(\.isEmpty)
        case .regions(let m): return m.values.isEmpty
        case .heatmap(let m): return m.values.isEmpty
        case .imageGrid(let m): return m.rows == 0 || m.columns == 0
        case .rule, .annotation: return false
        }
    }

    static func warnings(for figure: Figure) -> [String] {
        var out: [String] = []
        for (p, panel) in figure.panels.enumerated() {
            var anyData = false
            for (i, mark) in panel.marks.enumerated() {
                let name = name(of: mark, index: i, panel: p, panelTitle: panel.title)
                let bad = nonFinite(mark)
                if bad > 0 { out.append("\(name): skipped \(bad) non-finite value\(bad == 1 ? "" : "s") (NaN or infinity)") }
                if isEmpty(mark) { out.append("\(name): no data to draw") } else { anyData = true }
            }
            if !anyData {
                out.append("\(panel.title.map { "panel '\($0)'" } ?? "panel \(p + 1)"): no data to draw")
            }
        }
        return out
    }

    /// Throws when arrays of one series disagree in length.
    static func validateLengths(_ mark: Mark, name: String) throws {
        switch mark {
        case .line(let m) where m.x.count != m.y.count:
            throw PlotError.mismatchedLengths(series: name, what: "x and y", counts: [m.x.count, m.y.count])
        case .scatter(let m):
            if m.x.count != m.y.count { throw PlotError.mismatchedLengths(series: name, what: "x and y", counts: [m.x.count, m.y.count]) }
            if let c = m.classes, c.count != m.x.count {
                throw PlotError.mismatchedLengths(series: name, what: "x and classes", counts: [m.x.count, c.count])
            }
        case .band(let m) where m.x.count != m.lower.count || m.x.count != m.upper.count:
            throw PlotError.mismatchedLengths(series: name, what: "x, lower and upper", counts: [m.x.count, m.lower.count, m.upper.count])
        case .bars(let m):
            for s in m.series where s.values.count != m.categories.count {
                throw PlotError.mismatchedLengths(series: s.label ?? name, what: "categories and values", counts: [m.categories.count, s.values.count])
            }
        default: break
        }
    }
}
