import Foundation

extension FigureLayout {
    var legendRow: Double { theme.legendSize * 1.55 }
    var legendPad: Double { 6 }
    var legendSwatch: Double { 20 }

    func legendSize(_ entries: [LegendEntry]) -> (width: Double, height: Double) {
        let w = entries.map { measurer.width($0.label, size: theme.legendSize, bold: false) }.max() ?? 0
        return (legendPad * 2 + legendSwatch + 5 + w, legendPad * 2 + Double(entries.count) * legendRow - (legendRow - theme.legendSize * 1.1))
    }

    /// Candidate legend boxes inside the plot, in order of preference.
    func legendCandidates(_ size: (width: Double, height: Double), plot: Rect) -> [(LegendPlacement, Rect)] {
        let m = 6.0
        let l = plot.x + m, r = plot.maxX - m - size.width, t = plot.y + m, b = plot.maxY - m - size.height
        return [
            (.topRight, Rect(x: r, y: t, width: size.width, height: size.height)),
            (.topLeft, Rect(x: l, y: t, width: size.width, height: size.height)),
            (.bottomRight, Rect(x: r, y: b, width: size.width, height: size.height)),
            (.bottomLeft, Rect(x: l, y: b, width: size.width, height: size.height)),
        ]
    }

    /// Chooses inside or outside for `.auto` legends from where the data lies.
    func decideLegend(_ s: inout PanelState, plot: Rect) {
        guard !s.legend.isEmpty else { return }
        s.legendSize = legendSize(s.legend)
        switch s.panel.legend {
        case .outside: s.legendOutside = true
        case .auto:
            let occupancy = occupancy(s, plot: plot)
            let free = legendCandidates(s.legendSize, plot: plot).contains { occupancy.count(in: $0.1.inset(by: -2)) == 0 }
            let fits = s.legendSize.width < plot.width * 0.6 && s.legendSize.height < plot.height * 0.8
            s.legendOutside = !(free && fits)
        case .none: s.legendOutside = false
        default:
            // A corner the figure chose for a page may cover data at slide sizes: with
            // `Theme.legendsAvoidData` the legend then goes outside, to the right.
            s.legendOutside = false
            if theme.legendsAvoidData,
               let box = legendCandidates(s.legendSize, plot: plot).first(where: { $0.0 == s.panel.legend })?.1 {
                s.legendOutside = occupancy(s, plot: plot).count(in: box.inset(by: -2)) > 0
            }
        }
    }

    /// Where the panel's marks put ink, in points (`MarkElement.ink`).
    func occupancy(_ s: PanelState, plot: Rect) -> Occupancy {
        var o = Occupancy(rect: plot)
        let xm = AxisMap(scale: s.xScale, lo: s.xDomain.0, hi: s.xDomain.1, from: plot.x, to: plot.maxX)
        let ym = AxisMap(scale: s.yScale, lo: s.yDomain.0, hi: s.yDomain.1, from: plot.maxY, to: plot.y)
        let marks = s.panel.marks.map(\.element)
        for (i, mark) in marks.enumerated() { mark.ink(&o, markContext(s, marks, i, x: xm, y: ym, plot: plot)) }
        return o
    }

    /// Draws the legend box inside or beside the plot.
    func drawLegend(_ s: PanelState, plot: Rect, occupancy: Occupancy, rightOfPlot: Double) {
        guard !s.legend.isEmpty else { return }
        let size = s.legendSize.width > 0 ? s.legendSize : legendSize(s.legend)
        var box: Rect
        if s.legendOutside || s.panel.legend == .outside {
            box = Rect(x: rightOfPlot + 8, y: plot.y, width: size.width, height: size.height)
            legendChoices[s.index] = .outside
        } else {
            let candidates = legendCandidates(size, plot: plot)
            let chosen: (LegendPlacement, Rect)
            switch s.panel.legend {
            case .topLeft, .topRight, .bottomLeft, .bottomRight:
                chosen = candidates.first { $0.0 == s.panel.legend }!
            default:
                chosen = candidates.min { occupancy.count(in: $0.1.inset(by: -2)) < occupancy.count(in: $1.1.inset(by: -2)) }!
            }
            box = chosen.1
            legendChoices[s.index] = chosen.0
        }
        out.append(.path(PathItem(elements: [.rect(box)], fill: theme.background.opacity(0.92), stroke: Color(hex: 0xCCCCCC),
                                  lineWidth: 0.6, dash: [], round: false, tag: "legend")))
        for (i, entry) in s.legend.enumerated() {
            let cy = box.y + legendPad + theme.legendSize * 0.55 + Double(i) * legendRow
            let sx = box.x + legendPad
            swatch(entry.swatch, x: sx, y: cy)
            text(entry.label, at: Point(sx + legendSwatch + 5, cy), anchor: .start, baseline: .middle, size: theme.legendSize, tag: "legend.label")
        }
    }

    /// A legend swatch whose left edge is `x`, centred vertically on `y`.
    func swatch(_ swatch: LegendEntry.Swatch, x sx: Double, y cy: Double) {
        switch swatch {
        case let .line(color, width, dash, marker):
            stroke([.move(Point(sx, cy)), .line(Point(sx + legendSwatch, cy))], color: color, width: min(width, 3), dash: dash, round: dash.isEmpty, tag: "legend")
            if let marker { out.append(.markers(MarkersItem(points: [Point(sx + legendSwatch / 2, cy)], shape: marker, size: theme.markerSize * 1.3, fill: color, tag: "legend"))) }
        case let .marker(color, shape):
            out.append(.markers(MarkersItem(points: [Point(sx + legendSwatch / 2, cy)], shape: shape, size: theme.markerSize * 1.5, fill: color, tag: "legend")))
        case let .patch(color):
            fill([.rect(Rect(x: sx + 2, y: cy - 5, width: legendSwatch - 4, height: 10))], color: color, tag: "legend")
        case let .hatch(color):
            hatch(Rect(x: sx + 2, y: cy - 5, width: legendSwatch - 4, height: 10), background: color, tag: "legend")
        }
    }

    /// Rows of a figure-wide legend laid out left to right within `width`.
    func legendRows(_ entries: [LegendEntry], width: Double) -> [[(LegendEntry, Double)]] {
        var rows: [[(LegendEntry, Double)]] = [[]]
        var used = 0.0
        for e in entries {
            let w = legendSwatch + 5 + measurer.width(e.label, size: theme.legendSize, bold: false) + 16
            if used + w > width && !rows[rows.count - 1].isEmpty { rows.append([]); used = 0 }
            rows[rows.count - 1].append((e, w))
            used += w
        }
        return rows
    }

    /// A legend shared by all panels, in centred rows below the figure title; returns its height.
    func drawFigureLegend(_ entries: [LegendEntry], top: Double) -> Double {
        let rows = legendRows(entries, width: figure.width - 2 * theme.padding)
        let rowHeight = theme.legendSize * 1.7
        for (r, row) in rows.enumerated() {
            let total = row.reduce(0) { $0 + $1.1 } - 16
            var x = (figure.width - total) / 2
            let cy = top + rowHeight * (Double(r) + 0.5)
            for (entry, w) in row {
                swatch(entry.swatch, x: x, y: cy)
                text(entry.label, at: Point(x + legendSwatch + 5, cy), anchor: .start, baseline: .middle, size: theme.legendSize, tag: "legend.label")
                x += w
            }
        }
        return rowHeight * Double(rows.count)
    }

    /// A rectangle filled with the missing colour and crossed by diagonal hatch lines.
    func hatch(_ r: Rect, background: Color, tag: String) {
        fill([.rect(r)], color: background, tag: tag)
        out.append(.pushClip(r))
        var path: [PathElement] = []
        let step = 4.0
        var t = -r.height
        while t < r.width {
            path += [.move(Point(r.x + t, r.maxY)), .line(Point(r.x + t + r.height, r.y))]
            t += step
        }
        stroke(path, color: Color(hex: 0x7A7A7A), width: 0.7, tag: tag)
        out.append(.popClip)
    }
}
