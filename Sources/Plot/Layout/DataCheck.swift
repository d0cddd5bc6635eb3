import Foundation

/// Names of marks in messages and the data problems of a figure (`Figure.warnings`),
/// from each mark's own checks (`MarkElement`).
enum DataCheck {
    /// A readable name for a mark in messages: its label, or its kind and position.
    static func name(of mark: any MarkElement, index: Int, panel: Int, panelTitle: String?) -> String {
        if let label = mark.name { return label }
        let where_ = panelTitle.map { "panel '\($0)'" } ?? "panel \(panel + 1)"
        return "\(mark.kindName) \(index + 1) of \(where_)"
    }

    static func warnings(for figure: Figure) -> [String] {
        var out: [String] = []
        for (p, panel) in figure.panels.enumerated() {
            var anyData = false
            for (i, mark) in panel.marks.map(\.element).enumerated() {
                let name = name(of: mark, index: i, panel: p, panelTitle: panel.title)
                let bad = mark.nonFiniteCount
                if bad > 0 { out.append("\(name): skipped \(bad) non-finite value\(bad == 1 ? "" : "s") (NaN or infinity)") }
                if mark.isEmpty { out.append("\(name): no data to draw") } else { anyData = true }
            }
            if !anyData {
                out.append("\(panel.title.map { "panel '\($0)'" } ?? "panel \(p + 1)"): no data to draw")
            }
        }
        return out
    }
}
