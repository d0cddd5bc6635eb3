import Foundation

/// Turns a figure into a display list: resolve each panel's data (scales, domains,
/// colours, legend entries), share axes, size the grid so plot areas align, then draw
/// axes, marks, legends and colour bars as primitives. Pure apart from text measurement.
final class FigureLayout {
    let figure: Figure
    let theme: Theme
    let measurer: TextMeasuring
    var out: [Primitive] = []
    /// Where each panel's legend went (by panel index), so an animation can pin the
    /// placement its last frame chose on every frame.
    var legendChoices: [Int: LegendPlacement] = [:]

    init(figure: Figure, measurer: TextMeasuring) {
        self.figure = figure
        self.theme = figure.theme
        self.measurer = measurer
    }

    func run() throws -> DisplayList {
        let w = figure.width, h = figure.height
        guard w.isFinite, h.isFinite, w >= 50, h >= 50, w <= 20_000, h <= 20_000 else {
            throw PlotError.invalidSize("figure size \(w) × \(h) points cannot be drawn: expected width and height between 50 and 20000 points")
        }
        out.append(.path(PathItem(elements: [.rect(Rect(x: 0, y: 0, width: w, height: h))], fill: theme.background,
                                  stroke: nil, lineWidth: 0, dash: [], round: false, tag: "background")))
        var top = theme.padding
        if let title = figure.title, !title.isEmpty {
            let fitted = fittedTitle(title, size: theme.titleSize, width: w - 2 * theme.padding)
            text(fitted.text, at: Point(w / 2, top), anchor: .middle, baseline: .top, size: fitted.size, bold: true, tag: "title")
            top += theme.titleSize * FontMetrics.lineHeight + theme.padding * 0.75
        }
        if figure.panels.isEmpty {
            let area = Rect(x: theme.padding, y: top, width: w - 2 * theme.padding, height: h - top - theme.padding)
            text("no panels to draw", at: Point(area.midX, area.midY), anchor: .middle, baseline: .middle,
                 size: theme.axisLabelSize, tag: "no-data")
            return DisplayList(width: w, height: h, primitives: out, warnings: ["figure has no panels"], fontFamily: theme.fontFamily)
        }
        var states = try figure.panels.enumerated().map { try resolve($0.element, index: $0.offset) }
        // Panels that would all show the same legend share one, below the figure title.
        let legendPanels = states.indices.filter { !states[$0].legend.isEmpty && states[$0].panel.legend != .none }
        if legendPanels.count > 1 {
            let first = states[legendPanels[0]].legend.map(\.label)
            if legendPanels.allSatisfy({ states[$0].legend.map(\.label) == first }) {
                top += drawFigureLegend(states[legendPanels[0]].legend, top: top) + theme.padding * 0.25
                for i in states.indices { states[i].legend = [] }
            }
        }
        let area = Rect(x: theme.padding, y: top, width: w - 2 * theme.padding, height: h - top - theme.padding)
        share(&states)
        let rects = try grid(&states, in: area)
        for i in states.indices { try drawPanel(&states[i], plot: rects[i]) }
        return DisplayList(width: w, height: h, primitives: out, warnings: DataCheck.warnings(for: figure), fontFamily: theme.fontFamily)
    }

    /// A bold title in the room `width` gives it: as it is, or with `Theme.fitsTitles` in
    /// smaller type down to the tick labels' size, then cut with an ellipsis.
    func fittedTitle(_ title: String, size: Double, width: Double) -> (text: String, size: Double) {
        guard theme.fitsTitles, measurer.width(title, size: size, bold: true) > width else { return (title, size) }
        var fitted = size
        while fitted > theme.tickLabelSize, measurer.width(title, size: fitted, bold: true) > width { fitted -= 0.5 }
        var characters = Array(title)
        while characters.count > 1, measurer.width(String(characters) + "…", size: fitted, bold: true) > width {
            characters.removeLast()
        }
        return (characters.count == title.count ? title : String(characters) + "…", fitted)
    }

    // MARK: - Resolving data

    /// Resolves a panel's marks in order (`MarkElement.resolve`): their names, lengths,
    /// extents, scales, colours, colour bar and legend rows, then the axis domains.
    func resolve(_ panel: Panel, index: Int) throws -> PanelState {
        let columns = max(1, figure.columns)
        var s = PanelState(panel: panel, index: index, row: index / columns, column: index % columns,
                           xScale: panel.x.scale, yScale: panel.y.scale)
        var r = MarkResolution(theme: theme, colorBarLabel: panel.colorBarLabel, xScale: panel.x.scale, yScale: panel.y.scale)
        for (i, mark) in panel.marks.map(\.element).enumerated() {
            let name = DataCheck.name(of: mark, index: i, panel: index, panelTitle: panel.title)
            s.names.append(name)
            try mark.checkLengths(name: name)
            r.beginMark()
            try mark.resolve(&r, name: name)
            s.colors.append(r.colors)
            s.legend += mark.legendEntries(r.colors, theme: theme)
            r.endMark()
            if !mark.isEmpty { s.hasData = true }
        }
        s.xScale = r.xScale; s.yScale = r.yScale
        s.exactX = r.exactX; s.exactY = r.exactY; s.barsBaseline = r.barsBaseline
        s.colorBar = r.colorBar
        s.xData = r.xs.range
        s.yData = r.ys.range
        s.xDomain = try domain(r.xs.range, axis: panel.x, scale: s.xScale, exact: s.exactX, baseline: false, name: "x")
        s.yDomain = try domain(r.ys.range, axis: panel.y, scale: s.yScale, exact: s.exactY, baseline: s.barsBaseline, name: "y")
        return s
    }

    /// The axis range: fixed limits, or the data with a 4% margin (none for images and
    /// categories), widened around a single value so a zero-width range still draws.
    func domain(_ data: ClosedRange<Double>?, axis: Axis, scale: Scale, exact: Bool, baseline: Bool, name: String) throws -> (Double, Double) {
        if let limits = axis.limits {
            if scale.isLog && limits.lowerBound <= 0 {
                throw PlotError.invalidSize("\(name) axis limits \(limits) are not positive, but the axis is logarithmic: give limits above zero")
            }
            if limits.upperBound > limits.lowerBound, limits.lowerBound.isFinite, limits.upperBound.isFinite {
                return (limits.lowerBound, limits.upperBound)
            }
        }
        if case .categorical(let cats) = scale, data == nil || !exact { return (-0.5, Double(max(cats.count, 1)) - 0.5) }
        guard let data else { return scale.isLog ? (1, 10) : (0, 1) }
        var lo = data.lowerBound, hi = data.upperBound
        if scale.isLog {
            if hi <= lo * (1 + 1e-12) { return (lo / 2, hi * 2) }
            if exact { return (lo, hi) }
            let a = log(lo), b = log(hi), p = (b - a) * 0.04
            return (exp(a - p), exp(b + p))
        }
        if hi - lo <= max(abs(lo), abs(hi)) * 1e-12 {
            let d = lo == 0 ? 1 : abs(lo) * 0.1
            return (lo - d, hi + d)
        }
        if exact { return (lo, hi) }
        let p = (hi - lo) * 0.04
        let dataLo = lo, dataHi = hi
        lo -= p; hi += p
        if baseline {
            if dataLo >= 0 { lo = dataLo }
            if dataHi <= 0 { hi = dataHi }
        }
        return (lo, hi)
    }

    /// Widens y domains so the value labels of bars (`showValues`) fit inside the plot
    /// area above the tallest bar and below the deepest negative one, given the plot
    /// height in points. Fixed axis limits are left alone. Returns whether a domain grew.
    func makeRoomForBarValues(_ states: inout [PanelState], plots: [Rect]) -> Bool {
        var grew = false
        let room = theme.tickLabelSize * FontMetrics.lineHeight + 4    // label, its 2 pt gap and air
        for i in states.indices where states[i].panel.y.limits == nil {
            let s = states[i]
            let f = room / max(plots[i].height, 1)
            guard f < 0.5 else { continue }
            let map = AxisMap(scale: s.yScale, lo: s.yDomain.0, hi: s.yDomain.1, from: 0, to: 1)
            let base = s.yScale.isLog ? s.yDomain.0 : 0
            var top = -Double.infinity, bottom = Double.infinity
            for mark in s.panel.marks {
                for v in mark.element.labelledValues where v.isFinite {
                    let t = map.transform(v)
                    guard t.isFinite else { continue }
                    if v >= base { top = max(top, t) } else { bottom = min(bottom, t) }
                }
            }
            var lo = map.transform(s.yDomain.0), hi = map.transform(s.yDomain.1)
            // A label of height f (as a fraction of the axis) must fit between the bar's
            // end t and the domain's end: t + f (hi - lo) <= hi, solved for hi (or lo).
            if top.isFinite { hi = max(hi, (top - f * lo) / (1 - f)) }
            if bottom.isFinite { lo = min(lo, (bottom - f * hi) / (1 - f)) }
            let inverse = { (t: Double) -> Double in
                switch s.yScale {
                case .log10: return pow(10, t)
                case .log2: return exp2(t)
                default: return t
                }
            }
            let domain = (inverse(lo), inverse(hi))
            if domain.0 < s.yDomain.0 || domain.1 > s.yDomain.1 {
                states[i].yDomain = (min(domain.0, s.yDomain.0), max(domain.1, s.yDomain.1))
                grew = true
            }
        }
        return grew
    }

    /// Shared axes take the union of the panels' ranges (panels of the same scale kind).
    func share(_ states: inout [PanelState]) {
        let columns = max(1, figure.columns)
        let rows = (states.count + columns - 1) / columns
        func sameKind(_ a: Scale, _ b: Scale) -> Bool {
            switch (a, b) {
            case (.linear, .linear), (.log10, .log10), (.log2, .log2), (.categorical, .categorical): return true
            default: return false
            }
        }
        if figure.sharing.sharesX, let first = states.first {
            let members = states.indices.filter { sameKind(states[$0].xScale, first.xScale) && states[$0].hasData }
            if let lo = members.map({ states[$0].xDomain.0 }).min(), let hi = members.map({ states[$0].xDomain.1 }).max() {
                for i in members { states[i].xDomain = (lo, hi) }
            }
            for i in states.indices {
                let below = i + columns
                let lowest = states[i].row == rows - 1 || below >= states.count
                states[i].showXTickLabels = lowest
                states[i].showXLabel = lowest
            }
        }
        if figure.sharing.sharesY, let first = states.first {
            let members = states.indices.filter { sameKind(states[$0].yScale, first.yScale) && states[$0].hasData }
            if let lo = members.map({ states[$0].yDomain.0 }).min(), let hi = members.map({ states[$0].yDomain.1 }).max() {
                for i in members { states[i].yDomain = (lo, hi) }
            }
            for i in states.indices {
                states[i].showYTickLabels = states[i].column == 0
                states[i].showYLabel = states[i].column == 0
            }
        }
        for i in states.indices {
            if !states[i].panel.x.showsTickLabels { states[i].showXTickLabels = false }
            if !states[i].panel.y.showsTickLabels { states[i].showYTickLabels = false }
        }
    }

    // MARK: - Grid geometry

    struct Insets { var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0 }

    /// Plot rectangles of the panels: every column has the left and right margins its
    /// widest panel needs, every row the top and bottom margins, and all plot areas have
    /// one width and one height so shared axes line up.
    func grid(_ states: inout [PanelState], in area: Rect) throws -> [Rect] {
        let columns = max(1, min(figure.columns, states.count))
        let rows = (states.count + columns - 1) / columns
        let gap = theme.padding * 1.5
        let cellW = (area.width - gap * Double(columns - 1)) / Double(columns)
        let cellH = (area.height - gap * Double(rows - 1)) / Double(rows)

        func insets(_ s: PanelState, plotW: Double, plotH: Double) -> Insets {
            var e = Insets()
            let ymap = AxisMap(scale: s.yScale, lo: s.yDomain.0, hi: s.yDomain.1, from: plotH, to: 0)
            let xmap = AxisMap(scale: s.xScale, lo: s.xDomain.0, hi: s.xDomain.1, from: 0, to: plotW)
            let yt = ticks(ymap, axis: s.panel.y, isX: false)
            let yw = s.showYTickLabels ? (yt.labels.map { measurer.width($0, size: theme.tickLabelSize, bold: false) }.max() ?? 0) : 0
            e.left = theme.tickLength + (s.showYTickLabels ? 3 + yw : 0) + 2
            if s.panel.y.label != nil && s.showYLabel { e.left += theme.axisLabelSize * FontMetrics.lineHeight + 3 }
            let xt = ticks(xmap, axis: s.panel.x, isX: true)
            e.bottom = theme.tickLength + (s.showXTickLabels && !xt.labels.isEmpty ? 3 + theme.tickLabelSize * FontMetrics.lineHeight : 0) + 2
            if s.panel.x.label != nil && s.showXLabel { e.bottom += theme.axisLabelSize * FontMetrics.lineHeight + 3 }
            e.top = s.panel.title != nil ? theme.panelTitleSize * FontMetrics.lineHeight + 5 : 4
            e.right = 6
            // Keep the last x tick label inside the figure.
            if s.showXTickLabels, let last = xt.labels.last, let v = xt.major.last {
                let over = xmap.position(v) + measurer.width(last, size: theme.tickLabelSize, bold: false) / 2 - plotW
                e.right = max(e.right, over + 2)
            }
            if let bar = s.colorBar { e.right += colorBarWidth(bar, height: plotH) }
            if s.legendOutside { e.right += s.legendSize.width + 8 }
            return e
        }

        // Pass 1 estimates plot sizes; pass 2 decides legends and final margins.
        var plotW = cellW * 0.8, plotH = cellH * 0.75
        var rects: [Rect] = []
        for pass in 0..<3 {
            var left = [Double](repeating: 0, count: columns), right = left
            var topM = [Double](repeating: 0, count: rows), bottom = topM
            for s in states {
                let e = insets(s, plotW: plotW, plotH: plotH)
                left[s.column] = max(left[s.column], e.left); right[s.column] = max(right[s.column], e.right)
                topM[s.row] = max(topM[s.row], e.top); bottom[s.row] = max(bottom[s.row], e.bottom)
            }
            plotW = (area.width - gap * Double(columns - 1) - left.reduce(0, +) - right.reduce(0, +)) / Double(columns)
            plotH = (area.height - gap * Double(rows - 1) - topM.reduce(0, +) - bottom.reduce(0, +)) / Double(rows)
            guard plotW >= 12, plotH >= 12 else {
                throw PlotError.invalidSize("figure of \(figure.width) × \(figure.height) points is too small for \(rows) × \(columns) panels with their labels: make it larger or use fewer panels")
            }
            rects = states.map { s in
                var x = area.x, y = area.y
                for c in 0..<s.column { x += left[c] + plotW + right[c] + gap }
                for r in 0..<s.row { y += topM[r] + plotH + bottom[r] + gap }
                return Rect(x: x + left[s.column], y: y + topM[s.row], width: plotW, height: plotH)
            }
            if makeRoomForBarValues(&states, plots: rects) { share(&states) }
            if pass == 0 {
                for i in states.indices { decideLegend(&states[i], plot: rects[i]) }
            }
        }
        return rects
    }
}

/// Running minimum and maximum of finite values.
struct Extent {
    var lo = Double.infinity
    var hi = -Double.infinity
    mutating func add(_ v: Double) { if v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
    var range: ClosedRange<Double>? { lo <= hi ? lo...hi : nil }

    /// Adds paired x and y values (both finite), checking log axes for non-positive values.
    mutating func add(_ x: [Double], ys: inout Extent, _ y: [Double], name: String, xScale: Scale, yScale: Scale) throws {
        let n = min(x.count, y.count)
        var badX = 0, badY = 0, firstX = 0.0, firstY = 0.0
        for i in 0..<n {
            let a = x[i], b = y[i]
            guard a.isFinite, b.isFinite else { continue }
            if xScale.isLog && a <= 0 { if badX == 0 { firstX = a }; badX += 1; continue }
            if yScale.isLog && b <= 0 { if badY == 0 { firstY = b }; badY += 1; continue }
            add(a); ys.add(b)
        }
        if badX > 0 { throw PlotError.nonPositiveOnLogScale(series: name, axis: "x", value: firstX, count: badX) }
        if badY > 0 { throw PlotError.nonPositiveOnLogScale(series: name, axis: "y", value: firstY, count: badY) }
    }
}
