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
        var boxed = false
        for (i, mark) in s.panel.marks.enumerated() {
            let tag = "mark:" + s.names[i]
            switch mark {
            case .line(let m): drawLine(m, color: s.colors[i] ?? theme.textColor, xm, ym, tag: tag)
            case .scatter(let m):
                // Rings only where earlier marks colour the background (regions, heatmaps):
                // on the plain panel a white ring is invisible and costs a second stroke.
                let onColour = s.panel.marks[..<i].contains { if case .regions = $0 { return true }; if case .heatmap = $0 { return true }; return false }
                drawScatter(m, color: s.colors[i], xm, ym, outlined: onColour, tag: tag)
            case .bars(let m): drawBars(m, colors: s.seriesColors[i] ?? [], xm, ym, tag: tag)
            case .band(let m): drawBand(m, color: s.colors[i] ?? theme.textColor, xm, ym, tag: tag)
            case .rule(let m): drawRule(m, color: s.colors[i] ?? theme.axisColor, xm, ym, plot: plot, tag: tag)
            case .heatmap(let m): drawHeatmap(m, bar: s.colorBar, xm, ym, tag: tag); boxed = true
            case .regions(let m): drawRegions(m, xm, ym, tag: tag); boxed = true
            case .polylines(let m): drawPolylines(m, color: s.colors[i] ?? theme.textColor, xm, ym, tag: tag)
            case .imageGrid(let m): drawImageGrid(m, xm, ym, tag: tag); boxed = true
            case .annotation: break
            }
        }
        out.append(.popClip)
        for (i, mark) in s.panel.marks.enumerated() {
            if case .annotation(let m) = mark { drawAnnotation(m, color: s.colors[i] ?? theme.textColor, xm, ym, tag: "annotation") }
        }
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

    /// Path elements through the finite points, broken where a point is missing.
    func runs(_ xs: [Double], _ ys: [Double], _ xm: AxisMap, _ ym: AxisMap) -> [PathElement] {
        let fx = FastMap(xm), fy = FastMap(ym)
        var elements: [PathElement] = []
        elements.reserveCapacity(min(xs.count, ys.count))
        var open = false
        for i in 0..<min(xs.count, ys.count) {
            let x = fx(xs[i]), y = fy(ys[i])
            guard x.isFinite, y.isFinite else { open = false; continue }
            elements.append(open ? .line(Point(x, y)) : .move(Point(x, y)))
            open = true
        }
        return elements
    }

    func drawLine(_ m: LineMark, color: Color, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let elements = runs(m.x, m.y, xm, ym)
        // A lone point would draw nothing as a line: show it as a marker.
        let lonePoints = elements.enumerated().compactMap { i, e -> Point? in
            guard case .move(let p) = e else { return nil }
            if i + 1 < elements.count, case .line = elements[i + 1] { return nil }
            return p
        }
        stroke(elements, color: color, width: m.width.map { $0 * theme.markScale } ?? theme.lineWidth, dash: m.dash, round: true, tag: tag)
        let points = m.marker != nil ? elements.compactMap { e -> Point? in
            switch e { case .move(let p), .line(let p): return p; default: return nil }
        } : lonePoints
        if !points.isEmpty {
            out.append(.markers(MarkersItem(points: points, shape: m.marker ?? .circle, size: theme.markerSize * 1.2, fill: color, tag: tag)))
        }
    }

    func drawScatter(_ m: ScatterMark, color: Color?, _ xm: AxisMap, _ ym: AxisMap, outlined: Bool, tag: String) {
        let outline = outlined ? theme.markerOutline : nil
        let fx = FastMap(xm), fy = FastMap(ym)
        let size = m.size.map { $0 * theme.markScale } ?? theme.markerSize
        let n = min(m.x.count, m.y.count)
        if let classes = m.classes {
            var groups: [Int: [Point]] = [:]
            for i in 0..<min(n, classes.count) {
                let p = Point(fx(m.x[i]), fy(m.y[i]))
                if p.x.isFinite && p.y.isFinite { groups[classes[i], default: []].append(p) }
            }
            let count = theme.palette.count
            for c in groups.keys.sorted() {
                let colour = theme.palette[((c % count) + count) % count]
                out.append(.markers(MarkersItem(points: groups[c]!, shape: m.shape, size: size, fill: colour.opacity(m.alpha),
                                                outline: outline, outlineWidth: theme.markerOutlineWidth, tag: tag)))
            }
        } else {
            var points: [Point] = []
            points.reserveCapacity(n)
            for i in 0..<n {
                let p = Point(fx(m.x[i]), fy(m.y[i]))
                if p.x.isFinite && p.y.isFinite { points.append(p) }
            }
            out.append(.markers(MarkersItem(points: points, shape: m.shape, size: size, fill: (color ?? theme.textColor).opacity(m.alpha),
                                            outline: outline, outlineWidth: theme.markerOutlineWidth, tag: tag)))
        }
    }

    func drawBars(_ m: BarsMark, colors: [Color], _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let k = max(m.series.count, 1)
        let bw = m.groupWidth / Double(k)
        let base = ym.scale.isLog ? ym.lo : 0
        for (si, series) in m.series.enumerated() {
            var rects: [PathElement] = []
            for (c, v) in series.values.enumerated() where v.isFinite && c < m.categories.count {
                let centre = Double(c) - m.groupWidth / 2 + (Double(si) + 0.5) * bw
                let x0 = xm.position(centre - bw * 0.46), x1 = xm.position(centre + bw * 0.46)
                let y0 = ym.position(base), y1 = ym.position(v)
                rects.append(.rect(Rect(x: x0, y: min(y0, y1), width: x1 - x0, height: abs(y1 - y0))))
                if m.showValues {
                    let label = TickFormatter.value(v)
                    text(label, at: Point((x0 + x1) / 2, v >= base ? y1 - 2 : y1 + 2), anchor: .middle, baseline: v >= base ? .bottom : .top,
                         size: theme.tickLabelSize, tag: "bar-value")
                }
            }
            let colour = si < colors.count ? colors[si] : theme.palette[si % theme.palette.count]
            fill(rects, color: colour, tag: series.label.map { "mark:" + $0 } ?? tag)
        }
    }

    func drawBand(_ m: BandMark, color: Color, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let fx = FastMap(xm), fy = FastMap(ym)
        var elements: [PathElement] = []
        var run: [Int] = []
        func flush() {
            defer { run.removeAll() }
            guard run.count >= 2 else { return }
            elements.append(.move(Point(fx(m.x[run[0]]), fy(m.upper[run[0]]))))
            for i in run.dropFirst() { elements.append(.line(Point(fx(m.x[i]), fy(m.upper[i])))) }
            for i in run.reversed() { elements.append(.line(Point(fx(m.x[i]), fy(m.lower[i])))) }
            elements.append(.close)
        }
        for i in 0..<min(m.x.count, m.lower.count, m.upper.count) {
            let ok = fx(m.x[i]).isFinite && fy(m.lower[i]).isFinite && fy(m.upper[i]).isFinite
            if ok { run.append(i) } else { flush() }
        }
        flush()
        fill(elements, color: color.opacity(m.alpha), tag: tag)
    }

    func drawRule(_ m: RuleMark, color: Color, _ xm: AxisMap, _ ym: AxisMap, plot: Rect, tag: String) {
        guard m.value.isFinite else { return }
        if m.orientation == .horizontal {
            let y = ym.position(m.value)
            stroke([.move(Point(plot.x, y)), .line(Point(plot.maxX, y))], color: color, width: m.width * theme.markScale, dash: m.dash, tag: tag)
            if let label = m.label {
                halo(label, at: Point(plot.maxX - 4, y - 3), anchor: .end, baseline: .bottom)
                text(label, at: Point(plot.maxX - 4, y - 3), anchor: .end, baseline: .bottom, size: theme.annotationSize, color: color, tag: "rule-label")
            }
        } else {
            let x = xm.position(m.value)
            stroke([.move(Point(x, plot.y)), .line(Point(x, plot.maxY))], color: color, width: m.width * theme.markScale, dash: m.dash, tag: tag)
            if let label = m.label {
                halo(label, at: Point(x + 4, plot.y + 4), anchor: .start, baseline: .top)
                text(label, at: Point(x + 4, plot.y + 4), anchor: .start, baseline: .top, size: theme.annotationSize, color: color, tag: "rule-label")
            }
        }
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

    func drawAnnotation(_ m: AnnotationMark, color: Color, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let p = Point(xm.position(m.at.x), ym.position(m.at.y))
        guard p.x.isFinite, p.y.isFinite else { return }
        halo(m.text, at: p, anchor: .middle, baseline: .middle)
        text(m.text, at: p, anchor: .middle, baseline: .middle, size: theme.annotationSize, color: color, tag: tag)
        guard let target = m.arrowTo else { return }
        let q = Point(xm.position(target.x), ym.position(target.y))
        guard q.x.isFinite, q.y.isFinite else { return }
        let hw = measurer.width(m.text, size: theme.annotationSize, bold: false) / 2 + 3
        let hh = theme.annotationSize * 0.6 + 3
        let dx = q.x - p.x, dy = q.y - p.y
        let t = min(dx == 0 ? .infinity : hw / abs(dx), dy == 0 ? .infinity : hh / abs(dy))
        guard t < 1 else { return }
        let start = Point(p.x + dx * t, p.y + dy * t)
        let length = hypot(q.x - start.x, q.y - start.y)
        guard length > 2 else { return }
        let ux = (q.x - start.x) / length, uy = (q.y - start.y) / length
        let head = min(7.0, length * 0.5), half = head * 0.45
        let base = Point(q.x - ux * head, q.y - uy * head)
        stroke([.move(start), .line(base)], color: color, width: 1, round: true, tag: "annotation.arrow")
        fill([.move(q), .line(Point(base.x - uy * half, base.y + ux * half)), .line(Point(base.x + uy * half, base.y - ux * half)), .close],
             color: color, tag: "annotation.arrow")
    }

    static func rgba(_ c: Color, into buffer: inout [UInt8], at i: Int) {
        buffer[4 * i] = UInt8((min(max(c.red, 0), 1) * 255).rounded())
        buffer[4 * i + 1] = UInt8((min(max(c.green, 0), 1) * 255).rounded())
        buffer[4 * i + 2] = UInt8((min(max(c.blue, 0), 1) * 255).rounded())
        buffer[4 * i + 3] = UInt8((min(max(c.alpha, 0), 1) * 255).rounded())
    }

    func drawHeatmap(_ m: HeatmapMark, bar: ColorBarSpec?, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let rows = m.rows, cols = m.columns
        guard rows > 0, cols > 0 else { return }
        let xr = m.columnLabels != nil ? -0.5...(Double(cols) - 0.5) : (m.xRange ?? 0...Double(cols))
        let yr = m.rowLabels != nil ? -0.5...(Double(rows) - 0.5) : (m.yRange ?? 0...Double(rows))
        let x0 = xm.position(xr.lowerBound), x1 = xm.position(xr.upperBound)
        let yTop = ym.position(yr.upperBound), yBottom = ym.position(yr.lowerBound)
        let rect = Rect(x: min(x0, x1), y: min(yTop, yBottom), width: abs(x1 - x0), height: abs(yBottom - yTop))
        let map = bar?.map ?? m.colorMap ?? theme.colorMap
        let lo = bar?.lo ?? 0, hi = bar?.hi ?? 1
        var pixels = [UInt8](repeating: 0, count: rows * cols * 4)
        var missing: [(Int, Int)] = []
        for r in 0..<rows {
            let pr = m.firstRowAtTop ? r : rows - 1 - r
            for c in 0..<cols {
                let v = m.value(r, c)
                let colour: Color
                if v.isFinite { colour = map.color(at: (v - lo) / (hi - lo)) } else { colour = theme.missingColor; missing.append((pr, c)) }
                Self.rgba(colour, into: &pixels, at: pr * cols + c)
            }
        }
        out.append(.image(ImageItem(pixelWidth: cols, pixelHeight: rows, rgba: pixels, rect: rect, smooth: false, tag: tag)))
        let cw = rect.width / Double(cols), ch = rect.height / Double(rows)
        for (pr, c) in missing {
            hatch(Rect(x: rect.x + Double(c) * cw, y: rect.y + Double(pr) * ch, width: cw, height: ch), background: theme.missingColor, tag: "missing")
        }
        guard m.showValues else { return }
        var labels: [(String, Point, Color)] = []
        var widest = 0.0
        for r in 0..<rows {
            let pr = m.firstRowAtTop ? r : rows - 1 - r
            for c in 0..<cols {
                let v = m.value(r, c)
                guard v.isFinite else { continue }
                let s = TickFormatter.signed(String(format: m.valueFormat, v))
                widest = max(widest, measurer.width(s, size: theme.cellValueSize, bold: false))
                let cell = map.color(at: (v - lo) / (hi - lo))
                labels.append((s, Point(rect.x + (Double(c) + 0.5) * cw, rect.y + (Double(pr) + 0.5) * ch),
                               cell.luminance > 0.4 ? Color(hex: 0x111111) : .white))
            }
        }
        guard widest + 2 <= cw, theme.cellValueSize <= ch else { return }
        for (s, p, colour) in labels {
            text(s, at: p, anchor: .middle, baseline: .middle, size: theme.cellValueSize, color: colour, tag: "cell-value")
        }
    }

    /// One raster per image, each in its cell less the gap; values outside the colour
    /// range take the end colours, non-finite pixels the missing colour.
    func drawImageGrid(_ m: ImageGridMark, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let (lo, hi) = m.valueRange
        let w = m.pixelWidth, h = m.pixelHeight
        guard w > 0, h > 0 else { return }
        for r in 0..<m.rows {
            // Row 0 at the top: the y axis runs from the last row (at 0) up to the first.
            let yCentre = Double(m.rows - 1 - r)
            for c in 0..<m.columns {
                guard let image = m.image(r, c) else { continue }
                let x0 = xm.position(Double(c) - 0.5 + m.gap), x1 = xm.position(Double(c) + 0.5 - m.gap)
                let yTop = ym.position(yCentre + 0.5 - m.gap), yBottom = ym.position(yCentre - 0.5 + m.gap)
                var cellWidth = abs(x1 - x0), cellHeight = abs(yBottom - yTop)
                // Keep the images' own proportions: shrink the longer side around the centre.
                let aspect = Double(w) / Double(h)
                if cellWidth / cellHeight > aspect { cellWidth = cellHeight * aspect } else { cellHeight = cellWidth / aspect }
                let rect = Rect(x: (x0 + x1) / 2 - cellWidth / 2, y: (yTop + yBottom) / 2 - cellHeight / 2,
                                width: cellWidth, height: cellHeight)
                var pixels = [UInt8](repeating: 0, count: w * h * 4)
                for i in 0..<(w * h) {
                    let v = image[i]
                    let colour = v.isFinite ? m.colorMap.color(at: min(max((v - lo) / (hi - lo), 0), 1)) : theme.missingColor
                    Self.rgba(colour, into: &pixels, at: i)
                }
                out.append(.image(ImageItem(pixelWidth: w, pixelHeight: h, rgba: pixels, rect: rect, smooth: false, tag: tag)))
                stroke([.rect(rect)], color: theme.gridColor, width: 0.5, round: false, tag: "image-frame")
            }
        }
    }

    func drawRegions(_ m: RegionMark, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        let rows = m.values.count, cols = m.values.map(\.count).min() ?? 0
        guard rows >= 1, cols >= 1 else { return }
        let dx = cols > 1 ? (m.xRange.upperBound - m.xRange.lowerBound) / Double(cols - 1) : 0
        let dy = rows > 1 ? (m.yRange.upperBound - m.yRange.lowerBound) / Double(rows - 1) : 0
        let x0 = xm.position(m.xRange.lowerBound - dx / 2), x1 = xm.position(m.xRange.upperBound + dx / 2)
        let yTop = ym.position(m.yRange.upperBound + dy / 2), yBottom = ym.position(m.yRange.lowerBound - dy / 2)
        var pixels = [UInt8](repeating: 0, count: rows * cols * 4)
        let span = m.colorLimits.upperBound - m.colorLimits.lowerBound
        for r in 0..<rows {
            for c in 0..<cols {
                let v = m.values[r][c]
                let colour = v.isFinite ? m.colorMap.color(at: span > 0 ? (v - m.colorLimits.lowerBound) / span : 0.5) : theme.missingColor
                Self.rgba(colour, into: &pixels, at: (rows - 1 - r) * cols + c)
            }
        }
        out.append(.image(ImageItem(pixelWidth: cols, pixelHeight: rows, rgba: pixels,
                                    rect: Rect(x: min(x0, x1), y: min(yTop, yBottom), width: abs(x1 - x0), height: abs(yBottom - yTop)),
                                    smooth: true, tag: tag)))
        for level in m.levels {
            let lines = MarchingSquares.contour(m.values, level: level, x0: m.xRange.lowerBound, x1: m.xRange.upperBound,
                                                y0: m.yRange.lowerBound, y1: m.yRange.upperBound)
            var elements: [PathElement] = []
            for line in lines {
                for (i, p) in line.enumerated() {
                    let q = Point(xm.position(p.x), ym.position(p.y))
                    elements.append(i == 0 ? .move(q) : .line(q))
                }
            }
            if !elements.isEmpty { stroke(elements, color: m.boundaryColor, width: m.boundaryWidth * theme.markScale, round: true, tag: "boundary") }
        }
    }

    func drawPolylines(_ m: PolylineMark, color: Color, _ xm: AxisMap, _ ym: AxisMap, tag: String) {
        var elements: [PathElement] = []
        for line in m.lines { elements += runs(line.map(\.x), line.map(\.y), xm, ym) }
        stroke(elements, color: color.opacity(m.alpha), width: m.width * theme.markScale, round: true, tag: tag)
    }
}
