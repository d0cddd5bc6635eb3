import Foundation

extension FigureLayout {
    /// Appends a text primitive, measuring it for its bounds.
    func text(_ string: String, at p: Point, anchor: TextAnchor, baseline: TextBaseline, size: Double,
              bold: Bool = false, color: Color? = nil, rotation: Double = 0, tag: String) {
        let w = measurer.width(string, size: size, bold: bold)
        let x0: Double = anchor == .start ? 0 : anchor == .middle ? -w / 2 : -w
        let top: Double
        switch baseline {
        case .baseline: top = -size * FontMetrics.capHeight
        case .middle: top = -size * FontMetrics.capHeight / 2
        case .top: top = 0
        case .bottom: top = -size * (FontMetrics.capHeight + FontMetrics.descent)
        }
        let h = size * (FontMetrics.capHeight + FontMetrics.descent)
        var bounds = Rect(x: p.x + x0, y: p.y + top, width: w, height: h)
        if rotation != 0 {   // 90°: the box turns about the anchor point
            bounds = Rect(x: p.x + top, y: p.y - x0 - w, width: h, height: w)
        }
        out.append(.text(TextItem(string: string, at: p, anchor: anchor, baseline: baseline, size: size, bold: bold,
                                  color: color ?? theme.textColor, rotation: rotation, tag: tag, bounds: bounds)))
    }

    func stroke(_ elements: [PathElement], color: Color, width: Double, dash: [Double] = [], round: Bool = false, tag: String) {
        out.append(.path(PathItem(elements: elements, fill: nil, stroke: color, lineWidth: width, dash: dash, round: round, tag: tag)))
    }

    func fill(_ elements: [PathElement], color: Color, tag: String) {
        out.append(.path(PathItem(elements: elements, fill: color, stroke: nil, lineWidth: 0, dash: [], round: false, tag: tag)))
    }

    /// Ticks for an axis of the given length: about one labelled tick per 70 points on x
    /// and per 42 points on y.
    func ticks(_ map: AxisMap, axis: Axis, isX: Bool) -> TickSet {
        let target = max(4, min(12, Int(map.length / (isX ? 60 : 36))))
        let logTarget = max(3, min(16, Int(map.length / (isX ? 40 : 24))))
        var t = TickSet()
        switch map.scale {
        case .categorical(let cats):
            t.major = cats.indices.map(Double.init).filter { $0 >= map.lo - 1e-9 && $0 <= map.hi + 1e-9 }
            t.labels = t.major.map { cats[Int($0)] }
        case .log10, .log2:
            let base = map.scale == .log10 ? 10.0 : 2.0
            // Powers of 2 are close together and their labels short: ask for all of them
            // that could fit, and let the overlap check below drop every other one from the
            // lowest up, so the axis's first value (often the smallest batch) keeps its label.
            let powersTarget = map.scale == .log2 ? max(logTarget, min(16, Int(map.length / (isX ? 24 : 16)))) : logTarget
            let (major, minor) = TickLocator.log(map.lo, map.hi, base: base, target: powersTarget)
            t.major = major
            t.minor = minor
            t.labels = axis.format == .auto ? TickFormatter.logLabels(major, base: base) : TickFormatter.labels(major, format: axis.format)
        case .linear:
            t.major = TickLocator.linear(map.lo, map.hi, target: target)
            t.labels = TickFormatter.labels(t.major, format: axis.format)
        }
        return t
    }

    /// Which labels to keep so none overlap: every k-th, for the smallest k that works.
    func thinned(_ positions: [Double], extents: [Double], gap: Double) -> [Bool] {
        let n = positions.count
        guard n > 1 else { return [Bool](repeating: true, count: n) }
        for k in 1...n {
            let kept = stride(from: 0, to: n, by: k).map { $0 }
            var ok = true
            for (a, b) in zip(kept, kept.dropFirst()) where abs(positions[b] - positions[a]) < (extents[a] + extents[b]) / 2 + gap {
                ok = false; break
            }
            if ok { return (0..<n).map { $0 % k == 0 } }
        }
        return (0..<n).map { $0 == 0 }
    }

    /// Grid lines at the major ticks (drawn under the marks).
    func drawGrid(_ xm: AxisMap, _ xt: TickSet, _ ym: AxisMap, _ yt: TickSet, plot: Rect) {
        guard theme.showGrid else { return }
        var elements: [PathElement] = []
        if case .categorical = xm.scale {} else {
            for v in xt.major { let x = xm.position(v); elements += [.move(Point(x, plot.y)), .line(Point(x, plot.maxY))] }
        }
        if case .categorical = ym.scale {} else {
            for v in yt.major { let y = ym.position(v); elements += [.move(Point(plot.x, y)), .line(Point(plot.maxX, y))] }
        }
        if !elements.isEmpty { stroke(elements, color: theme.gridColor, width: theme.gridLineWidth, tag: "grid") }
    }

    /// Spines, tick marks, tick labels and axis labels of one panel.
    func drawAxes(_ s: PanelState, _ xm: AxisMap, _ xt: TickSet, _ ym: AxisMap, _ yt: TickSet, plot: Rect, box: Bool) {
        let tl = theme.tickLength
        var spine: [PathElement] = [.move(Point(plot.x, plot.y)), .line(Point(plot.x, plot.maxY)), .line(Point(plot.maxX, plot.maxY))]
        if box { spine = [.rect(plot)] }
        stroke(spine, color: theme.axisColor, width: theme.axisLineWidth, tag: "frame")

        var tickPath: [PathElement] = []
        for v in xt.major { let x = xm.position(v); tickPath += [.move(Point(x, plot.maxY)), .line(Point(x, plot.maxY + tl))] }
        for v in yt.major { let y = ym.position(v); tickPath += [.move(Point(plot.x, y)), .line(Point(plot.x - tl, y))] }
        stroke(tickPath, color: theme.axisColor, width: theme.axisLineWidth, tag: "tick")
        var minorPath: [PathElement] = []
        for v in xt.minor { let x = xm.position(v); minorPath += [.move(Point(x, plot.maxY)), .line(Point(x, plot.maxY + tl * 0.55))] }
        for v in yt.minor { let y = ym.position(v); minorPath += [.move(Point(plot.x, y)), .line(Point(plot.x - tl * 0.55, y))] }
        if !minorPath.isEmpty { stroke(minorPath, color: theme.axisColor, width: theme.axisLineWidth * 0.75, tag: "minor-tick") }

        let size = theme.tickLabelSize
        var labelBottom = plot.maxY + tl
        if s.showXTickLabels && !xt.labels.isEmpty {
            let positions = xt.major.map { xm.position($0) }
            let widths = xt.labels.map { measurer.width($0, size: size, bold: false) }
            let keep = thinned(positions, extents: widths, gap: size * 0.8)
            for i in positions.indices where keep[i] {
                text(xt.labels[i], at: Point(positions[i], plot.maxY + tl + 3), anchor: .middle, baseline: .top, size: size, tag: "x.tick-label")
            }
            labelBottom = plot.maxY + tl + 3 + size * FontMetrics.lineHeight
        }
        var labelLeft = plot.x - tl
        if s.showYTickLabels && !yt.labels.isEmpty {
            let positions = yt.major.map { ym.position($0) }
            let heights = [Double](repeating: size * FontMetrics.capHeight, count: positions.count)
            let keep = thinned(positions, extents: heights, gap: size * 0.6)
            var widest = 0.0
            for i in positions.indices where keep[i] {
                widest = max(widest, measurer.width(yt.labels[i], size: size, bold: false))
                text(yt.labels[i], at: Point(plot.x - tl - 3, positions[i]), anchor: .end, baseline: .middle, size: size, tag: "y.tick-label")
            }
            labelLeft = plot.x - tl - 3 - widest
        }
        if let label = s.panel.x.label, s.showXLabel {
            text(label, at: Point(plot.midX, labelBottom + 3), anchor: .middle, baseline: .top, size: theme.axisLabelSize, tag: "x.label")
        }
        if let label = s.panel.y.label, s.showYLabel {
            text(label, at: Point(labelLeft - 4, plot.midY), anchor: .middle, baseline: .bottom, size: theme.axisLabelSize,
                 rotation: 90, tag: "y.label")
        }
        if let title = s.panel.title {
            let fitted = fittedTitle(title, size: theme.panelTitleSize, width: plot.width + theme.padding)
            text(fitted.text, at: Point(plot.midX, plot.y - 5), anchor: .middle, baseline: .bottom, size: fitted.size,
                 bold: true, tag: "panel-title")
        }
    }

    // MARK: - Colour bar

    func colorBarTicks(_ bar: ColorBarSpec, height: Double) -> TickSet {
        let map = AxisMap(scale: .linear, lo: bar.lo, hi: bar.hi, from: height, to: 0)
        return ticks(map, axis: Axis(), isX: false)
    }

    /// Width taken to the right of the plot by a colour bar with its labels.
    func colorBarWidth(_ bar: ColorBarSpec, height: Double) -> Double {
        let t = colorBarTicks(bar, height: height)
        let w = t.labels.map { measurer.width($0, size: theme.tickLabelSize, bold: false) }.max() ?? 0
        return 10 + 11 + theme.tickLength + 3 + w + (bar.label != nil ? 4 + theme.axisLabelSize * FontMetrics.lineHeight : 0) + 2
    }

    func drawColorBar(_ bar: ColorBarSpec, plot: Rect) {
        let rect = Rect(x: plot.maxX + 10, y: plot.y, width: 11, height: plot.height)
        let n = 256
        var rgba = [UInt8](repeating: 0, count: n * 4)
        for i in 0..<n {
            let c = bar.map.color(at: 1 - Double(i) / Double(n - 1))
            rgba[4 * i] = UInt8((c.red * 255).rounded()); rgba[4 * i + 1] = UInt8((c.green * 255).rounded())
            rgba[4 * i + 2] = UInt8((c.blue * 255).rounded()); rgba[4 * i + 3] = 255
        }
        out.append(.image(ImageItem(pixelWidth: 1, pixelHeight: n, rgba: rgba, rect: rect, smooth: true, tag: "colorbar")))
        stroke([.rect(rect)], color: theme.axisColor, width: theme.axisLineWidth * 0.75, tag: "colorbar")
        let map = AxisMap(scale: .linear, lo: bar.lo, hi: bar.hi, from: rect.maxY, to: rect.y)
        let t = colorBarTicks(bar, height: plot.height)
        var path: [PathElement] = []
        var widest = 0.0
        for (v, label) in zip(t.major, t.labels) {
            let y = map.position(v)
            path += [.move(Point(rect.maxX, y)), .line(Point(rect.maxX + theme.tickLength, y))]
            text(label, at: Point(rect.maxX + theme.tickLength + 3, y), anchor: .start, baseline: .middle, size: theme.tickLabelSize, tag: "colorbar.tick-label")
            widest = max(widest, measurer.width(label, size: theme.tickLabelSize, bold: false))
        }
        stroke(path, color: theme.axisColor, width: theme.axisLineWidth, tag: "colorbar")
        if let label = bar.label {
            text(label, at: Point(rect.maxX + theme.tickLength + 3 + widest + 4, rect.midY), anchor: .middle, baseline: .top,
                 size: theme.axisLabelSize, rotation: 90, tag: "colorbar.label")
        }
    }
}
