import Foundation

extension FigureLayout {
    /// Draws one panel: grid, clipped marks, annotations, axes, colour bar and legend.
    func drawPanel(_ s: inout PanelState, plot full: Rect) throws {
        let xd = s.xDomain, yd = s.yDomain
        var plot = full
        if s.panel.equalAspect, !(s.xScale.isLog || s.yScale.isLog) {
            // One data unit gets the same length on both axes: shrink the plot area around its centre.
            let k = min(full.width / (xd.1 - xd.0), full.height / (yd.1 - yd.0))
            let w = k * (xd.1 - xd.0), h = k * (yd.1 - yd.0)
            plot = Rect(x: full.midX - w / 2, y: full.midY - h / 2, width: w, height: h)
        }
        let xm = AxisMap(scale: s.xScale, lo: xd.0, hi: xd.1, from: plot.x, to: plot.maxX)
        let ym = AxisMap(scale: s.yScale, lo: yd.0, hi: yd.1, from: plot.maxY, to: plot.y)
        let xt = ticks(xm, axis: s.panel.x, isX: true), yt = ticks(ym, axis: s.panel.y, isX: false)
        drawGrid(xm, xt, ym, yt, plot: plot)

        out.append(.pushClip(plot))
        let marks = s.panel.marks.map(\.element)
        func context(_ i: Int) -> MarkContext { markContext(s, marks, i, x: xm, y: ym, plot: plot) }
        for (i, mark) in marks.enumerated() where !mark.drawsOverAxes { mark.draw(context(i)) }
        out.append(.popClip)
        for (i, mark) in marks.enumerated() where mark.drawsOverAxes { mark.draw(context(i)) }
        let boxed = marks.contains { $0.fillsPlot }
        if !s.hasData {
            text("no data", at: Point(plot.midX, plot.midY), anchor: .middle, baseline: .middle, size: theme.axisLabelSize,
                 color: theme.axisColor, tag: "no-data")
        }
        drawAxes(s, xm, xt, ym, yt, plot: plot, box: boxed)
        var right = plot.maxX
        if let bar = s.colorBar {
            drawColorBar(bar, plot: plot)
            right += colorBarWidth(bar, height: plot.height) - 8
        }
        if !s.legend.isEmpty && s.panel.legend != .none {
            let o = s.legendOutside ? Occupancy(rect: plot) : occupancy(s, plot: plot)
            drawLegend(s, plot: plot, occupancy: o, rightOfPlot: right)
        }
    }

    /// What mark `i` of the panel draws (and inks) with.
    func markContext(_ s: PanelState, _ marks: [any MarkElement], _ i: Int, x: AxisMap, y: AxisMap, plot: Rect) -> MarkContext {
        MarkContext(layout: self, x: x, y: y, plot: plot, colors: s.colors[i], colorBar: s.colorBar,
                    onColouredBackground: marks[..<i].contains { $0.coloursBackground }, tag: "mark:" + s.names[i])
    }

    /// Path elements through the finite points, broken where a point is missing.
    func runs(_ xs: [Double], _ ys: [Double], _ xm: AxisMap, _ ym: AxisMap) -> [PathElement] {
        let fx = FastMap(xm), fy = FastMap(ym)
        var elements: [PathElement] = []
        elements.reserveCapacity(min(xs.count, ys.count))
        var inRun = false
        for i in 0..<min(xs.count, ys.count) {
            let x = fx(xs[i]), y = fy(ys[i])
            guard x.isFinite, y.isFinite else { inRun = false; continue }
            elements.append(inRun ? .line(Point(x, y)) : .move(Point(x, y)))
            inRun = true
        }
        return elements
    }

    /// A translucent background box behind a label drawn over data.
    func halo(_ string: String, at p: Point, anchor: TextAnchor, baseline: TextBaseline) {
        let size = theme.annotationSize
        let w = measurer.width(string, size: size, bold: false)
        let x0 = anchor == .start ? p.x : anchor == .middle ? p.x - w / 2 : p.x - w
        let top: Double = baseline == .top ? p.y : baseline == .middle ? p.y - size * FontMetrics.capHeight / 2
            : baseline == .bottom ? p.y - size * (FontMetrics.capHeight + FontMetrics.descent) : p.y - size * FontMetrics.capHeight
        fill([.rect(Rect(x: x0 - 2, y: top - 2, width: w + 4, height: size * (FontMetrics.capHeight + FontMetrics.descent) + 4))],
             color: theme.background.opacity(0.85), tag: "halo")
    }

    /// Writes `c` as straight-alpha RGBA bytes at pixel `i` of an image's buffer.
    static func rgba(_ c: Color, into buffer: inout [UInt8], at i: Int) {
        buffer[4 * i] = UInt8((min(max(c.red, 0), 1) * 255).rounded())
        buffer[4 * i + 1] = UInt8((min(max(c.green, 0), 1) * 255).rounded())
        buffer[4 * i + 2] = UInt8((min(max(c.blue, 0), 1) * 255).rounded())
        buffer[4 * i + 3] = UInt8((min(max(c.alpha, 0), 1) * 255).rounded())
    }
}
