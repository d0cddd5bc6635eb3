import Foundation

/// A named example figure with one sentence saying what it shows.
public struct GalleryItem: Sendable {
    /// File name without extension (`loss-curves`).
    public var name: String
    /// One sentence on what the figure shows, for the gallery's index.
    public var summary: String
    /// The figure itself.
    public var figure: Figure
}

/// One figure per plotter feature, drawn from deterministic synthetic data. The
/// `lessonbook gallery` command writes them; tests render them too.
public enum Gallery {
    /// Every example figure, one per mark and layout feature, in the order `lessonbook gallery`
    /// writes them; the figure tests render them and a new mark adds one here.
    public static var items: [GalleryItem] {
        [lines(), logAxes(), bands(), groupedBars(), referenceLines(), scatterClasses(), heatmapTable(),
         heatmapField(), colorMaps(), decisionRegions(), warpedGrid(), smallMultiples(), tickGallery(),
         tickThinning(), legendPlacement(), imageGrid(), degenerate()]
    }

    /// Two interleaved noisy spirals (the spiral lesson's data set), `perClass` points per
    /// class, each coordinate jittered uniformly by up to `noise`.
    public static func spiral(perClass: Int, noise: Double = 0.1,
                              using rng: inout GalleryRandom) -> (x: [Double], y: [Double], classes: [Int]) {
        var xs: [Double] = [], ys: [Double] = [], cs: [Int] = []
        for c in 0..<2 {
            for i in 0..<perClass {
                let r = 5 * Double(i) / Double(perClass), t = 1.75 * 2 * .pi * Double(i) / Double(perClass) + Double(c) * .pi
                xs.append(r * sin(t) + noise * (2 * rng.next() - 1)); ys.append(r * cos(t) + noise * (2 * rng.next() - 1)); cs.append(c)
            }
        }
        return (xs, ys, cs)
    }

    static func spiral(perClass: Int, noise: Double = 0.1, seed: UInt64 = 1) -> (x: [Double], y: [Double], classes: [Int]) {
        var rng = GalleryRandom(seed: seed)
        return spiral(perClass: perClass, noise: noise, using: &rng)
    }

    /// A 16 × 16 ring of radius `radius` and width `width`, blurred at the edges.
    static func ring(radius: Double, width: Double, side: Int = 16) -> [Double] {
        (0..<(side * side)).map { i in
            let x = Double(i % side) - Double(side - 1) / 2, y = Double(i / side) - Double(side - 1) / 2
            let d = ((x * x + y * y).squareRoot() - radius) / width
            return exp(-d * d)
        }
    }

    static func imageGrid() -> GalleryItem {
        let radii = [2.0, 4, 6], widths = [0.8, 1.5, 2.5, 4]
        let images = radii.map { r in widths.map { w in ring(radius: r, width: w) } }
        let plain = Panel(title: "labelled rows and columns", x: Axis(label: "ring width"), y: Axis(label: "radius"),
                          marks: [.imageGrid(ImageGridMark(images: images, pixelWidth: 16, pixelHeight: 16,
                                                           rowLabels: radii.map { "r = \(Int($0))" },
                                                           columnLabels: widths.map { "w = \($0)" }))])
        let barred = Panel(title: "a colour bar, no labels", colorBarLabel: "intensity",
                           marks: [.imageGrid(ImageGridMark(images: images, pixelWidth: 16, pixelHeight: 16,
                                                            colorLimits: 0...1, showsColorBar: true))])
        return GalleryItem(name: "image-grid", summary: "Image grid: small grey-scale images in rows and columns (ink dark on white), with row and column names, or with a colour bar and no names.",
                           figure: Figure(title: "Rings of three radii and four widths", width: 720, height: 300, columns: 2,
                                          panels: [plain, barred]))
    }

    static func lines() -> GalleryItem {
        let epochs = (0...60).map(Double.init)
        let rates = [0.3, 0.1, 0.03]
        var marks: [Mark] = rates.map { eta in
            .line(LineMark(x: epochs, y: epochs.map { 2.3 * exp(-eta * $0 / 3) + 0.05 }, label: "η = \(eta)"))
        }
        marks.append(.line(LineMark(x: epochs, y: epochs.map { 2.3 * exp(-0.01 * $0 / 3) + 0.05 }, label: "η = 0.01", dash: [5, 3])))
        marks.append(.line(LineMark(x: stride(from: 0.0, through: 60, by: 10).map { $0 }, y: [2.35, 1.2, 0.7, 0.45, 0.33, 0.3, 0.29],
                                    label: "validation", color: .black, width: 1.2, marker: .circle)))
        return GalleryItem(name: "lines", summary: "Line chart: several series with a legend placed where it covers no data, a dashed series and one with markers.",
                           figure: Figure(title: "Training loss for several learning rates η",
                                          panel: Panel(x: Axis(label: "epoch"), y: Axis(label: "loss"), marks: marks)))
    }

    static func logAxes() -> GalleryItem {
        let lr = (0..<40).map { pow(10, -4 + 4 * Double($0) / 39) }
        let loss = lr.map { 0.3 + 0.4 * pow(log10($0) + 1.8, 2) / 4 }
        let widths = [8.0, 16, 32, 64, 128, 256, 512, 1024]
        let narrow = (0..<20).map { 0.02 + 0.05 * Double($0) / 19 }
        let panels = [
            Panel(title: "log₁₀ x", x: Axis(label: "learning rate η", scale: .log10), y: Axis(label: "final loss"),
                  marks: [.line(LineMark(x: lr, y: loss, label: "seed mean"))]),
            Panel(title: "log₂ x and log₁₀ y", x: Axis(label: "hidden width", scale: .log2), y: Axis(label: "parameters", scale: .log10),
                  marks: [.line(LineMark(x: widths, y: widths.map { 10 * $0 + $0 * $0 * 3 }, marker: .circle))]),
            Panel(title: "narrow log range", x: Axis(label: "β₁", scale: .log10), y: Axis(label: "accuracy"),
                  marks: [.line(LineMark(x: narrow, y: narrow.map { 0.9 - ($0 - 0.045) * ($0 - 0.045) * 20 }))]),
        ]
        return GalleryItem(name: "log-axes", summary: "Logarithmic axes in base 10 and 2 with minor ticks; a range narrower than a decade still gets at least two labelled ticks.",
                           figure: Figure(title: "Log scales", width: 720, height: 260, columns: 3, panels: panels))
    }

    static func bands() -> GalleryItem {
        let x = (0..<100).map { Double($0) }
        var marks: [Mark] = []
        for (k, (rate, spread)) in [(0.05, 0.08), (0.02, 0.15)].enumerated() {
            let mean = x.map { exp(-rate * $0) + 0.1 }
            let sd = x.map { spread * exp(-rate * $0 / 2) }
            marks.append(.band(BandMark(x: x, mean: mean, spread: sd)))
            marks.append(.line(LineMark(x: x, y: mean, label: k == 0 ? "Adam (mean ± sd over 5 seeds)" : "SGD (mean ± sd over 5 seeds)")))
        }
        return GalleryItem(name: "bands", summary: "Filled bands: the mean of several seeds with a band of plus and minus one standard deviation, in the colour of its line.",
                           figure: Figure(title: "Loss over seeds", panel: Panel(x: Axis(label: "epoch"), y: Axis(label: "loss"), marks: marks)))
    }

    static func groupedBars() -> GalleryItem {
        let bars = BarsMark(categories: ["10-10-10", "20-20-20", "10-10-10-10-10-10"], series: [
            .init(label: "with biases", values: [374, 1144, 704]),
            .init(label: "without biases", values: [340, 1080, 640]),
        ], showValues: true)
        return GalleryItem(name: "grouped-bars", summary: "Grouped bars over named categories with each value written above its bar.",
                           figure: Figure(title: "Parameter count by shape", panel: Panel(x: Axis(label: "hidden layers"), y: Axis(label: "parameters"), marks: [.bars(bars)])))
    }

    static func referenceLines() -> GalleryItem {
        let p = (0..<80).map { 10 + Double($0) * 5 }
        let n = 200.0
        let risk = p.map { abs($0 - n) < 6 ? 12 : min(12, 0.5 + 2 / abs($0 / n - 1) * 0.5) }
        return GalleryItem(name: "reference-lines", summary: "Horizontal and vertical reference lines with labels, and annotations with arrows pointing at data.",
                           figure: Figure(title: "Double descent", panel: Panel(x: Axis(label: "features p"), y: Axis(label: "test error"), marks: [
                               .line(LineMark(x: p, y: risk, label: "min-norm fit")),
                               .rule(RuleMark(.vertical, at: n, label: "p = n")),
                               .rule(RuleMark(.horizontal, at: 0.5, label: "noise floor")),
                               .annotation(AnnotationMark("interpolation peak", at: Point(300, 9), arrowTo: Point(205, 11.5))),
                               .annotation(AnnotationMark("second descent", at: Point(320, 4), arrowTo: Point(345, 2.0))),
                           ])))
    }

    static func scatterClasses() -> GalleryItem {
        let s = spiral(perClass: 200)
        return GalleryItem(name: "scatter", summary: "Scatter with a colour per class from the Okabe-Ito palette, equal aspect so the plane is not distorted.",
                           figure: Figure(title: "Two spirals", width: 420, height: 400, panel: Panel(x: Axis(label: "x₁"), y: Axis(label: "x₂"), equalAspect: true, marks: [
                               .scatter(ScatterMark(x: s.x, y: s.y, classes: s.classes, classNames: ["class 0", "class 1"])),
                           ])))
    }

    static func heatmapTable() -> GalleryItem {
        let batches = ["8", "32", "128", "400"], rates = ["0.01", "0.03", "0.1", "0.3", "1.0"]
        var values: [[Double]] = []
        for (b, _) in batches.enumerated() {
            values.append(rates.indices.map { r in
                if b == 0 && r >= 3 { return .nan }
                if b == 1 && r == 4 { return .infinity }
                return 0.98 - 0.1 * abs(Double(r) - 1.5 - Double(b) * 0.6) - 0.02 * Double(b)
            })
        }
        return GalleryItem(name: "heatmap-table", summary: "Heatmap of a batch-size × learning-rate table with each value written in its cell and diverged runs hatched, with a legend entry.",
                           figure: Figure(title: "Final accuracy", width: 520, height: 320, panel: Panel(
                               x: Axis(label: "learning rate η"), y: Axis(label: "batch size"), colorBarLabel: "accuracy",
                               marks: [.heatmap(HeatmapMark(values: values, rowLabels: batches, columnLabels: rates, showValues: true, missingLabel: "diverged"))])))
    }

    static func heatmapField() -> GalleryItem {
        let u = (0..<100).map { -3 + 6 * Double($0) / 99 }
        let grid = u.map { y in u.map { x in sin(2 * x) * cos(3 * y) } }
        return GalleryItem(name: "heatmap-field", summary: "A 100 × 100 grid sampled over a plane with the viridis colour map and a colour bar.",
                           figure: Figure(title: "sin 2x × cos 3y", width: 460, height: 380, panel: Panel(
                               x: Axis(label: "x"), y: Axis(label: "y"), equalAspect: true, colorBarLabel: "value",
                               marks: [.heatmap(HeatmapMark(values: grid, xRange: -3...3, yRange: -3...3))])))
    }

    static func colorMaps() -> GalleryItem {
        let u = (0..<40).map { Double($0) / 39 }
        let ramp = (0..<8).map { r in u.map { $0 + 0 * Double(r) } }
        let signed = (0..<8).map { _ in u.map { 2 * $0 - 1 } }
        let panels = [
            Panel(title: "viridis", marks: [.heatmap(HeatmapMark(values: ramp, xRange: 0...1, yRange: 0...1, colorMap: .viridis))]),
            Panel(title: "magma", marks: [.heatmap(HeatmapMark(values: ramp, xRange: 0...1, yRange: 0...1, colorMap: .magma))]),
            Panel(title: "blue-red (diverging)", marks: [.heatmap(HeatmapMark(values: signed, xRange: -1...1, yRange: 0...1, colorMap: .blueRed))]),
        ]
        var okabe = Panel(title: "Okabe-Ito palette", legend: .none)
        for (i, c) in Palette.okabeIto.enumerated() {
            okabe.add(.bars(BarsMark(categories: ["1", "2", "3", "4", "5", "6", "7", "8"], series: [
                .init(values: (0..<8).map { $0 == i ? 1 : 0 }, color: c)], groupWidth: 0.8)))
        }
        return GalleryItem(name: "color-maps", summary: "The colour maps: viridis and magma (perceptually uniform, from their published tables), a diverging blue-red map for signed values, and the Okabe-Ito palette.",
                           figure: Figure(title: "Colour maps and palette", width: 720, height: 420, columns: 2, panels: panels + [okabe]))
    }

    /// A smooth two-class probability field for the gallery and tests.
    static func exampleProbability(_ x: Double, _ y: Double) -> Double {
        let r = sqrt(x * x + y * y), t = atan2(x, y)
        return 1 / (1 + exp(-3 * sin(t - r * 1.75 * 2 * .pi / 5 * 0.8)))
    }

    static func decisionRegions() -> GalleryItem {
        let s = spiral(perClass: 100, seed: 3)
        let regions = RegionMark(xRange: -6...6, yRange: -6...6, resolution: 150, function: exampleProbability)
        return GalleryItem(name: "decision-regions", summary: "Decision regions: class probability as colour over the plane, the 0.5 boundary traced by marching squares, data on top.",
                           figure: Figure(title: "What the network predicts", width: 440, height: 400, panel: Panel(
                               x: Axis(label: "x₁"), y: Axis(label: "x₂"), equalAspect: true, marks: [
                                   .regions(regions),
                                   .scatter(ScatterMark(x: s.x, y: s.y, size: 4.5, alpha: 1, classes: s.classes, classNames: ["class 0", "class 1"])),
                               ])))
    }

    static func warpedGrid() -> GalleryItem {
        let s = spiral(perClass: 80, seed: 5)
        let warps: [(String, (Point) -> Point)] = [
            ("input", { $0 }),
            ("layer 1 (tanh)", { p in Point(tanh(0.6 * p.x + 0.3 * p.y), tanh(-0.4 * p.x + 0.7 * p.y)) }),
            ("layer 2 (tanh)", { p in
                let a = tanh(0.6 * p.x + 0.3 * p.y), b = tanh(-0.4 * p.x + 0.7 * p.y)
                return Point(tanh(2 * a - 1.5 * b * b), tanh(1.8 * b + a * a)) }),
        ]
        let panels = warps.map { title, f -> Panel in
            let pts = zip(s.x, s.y).map { f(Point($0, $1)) }
            return Panel(title: title, x: Axis(label: "h₁"), y: Axis(label: "h₂"), legend: .none, equalAspect: true, marks: [
                .polylines(PolylineMark(gridOver: -6...6, -6...6, lines: 13, color: Color(hex: 0x999999), width: 0.6, warp: f)),
                .scatter(ScatterMark(x: pts.map(\.x), y: pts.map(\.y), size: 3.5, classes: s.classes)),
            ])
        }
        return GalleryItem(name: "warped-grid", summary: "Polyline sets: the input grid as each hidden layer sees it, in a 1 × 3 grid of small multiples with independent axes.",
                           figure: Figure(title: "How layers bend the plane", width: 720, height: 270, columns: 3, panels: panels))
    }

    static func smallMultiples() -> GalleryItem {
        let panels = (0..<9).map { k -> Panel in
            let s = spiral(perClass: 60, noise: 0.1 + 0.1 * Double(k), seed: UInt64(k + 10))
            return Panel(title: "noise \(String(format: "%.1f", 0.1 + 0.1 * Double(k)))", x: Axis(label: "x₁"), y: Axis(label: "x₂"),
                         marks: [.scatter(ScatterMark(x: s.x, y: s.y, size: 2.5, classes: s.classes))])
        }
        return GalleryItem(name: "small-multiples", summary: "A 3 × 3 grid of panels with shared axes: only the outer panels label their axes, and the plot areas line up.",
                           figure: Figure(title: "Spirals with growing noise", width: 600, height: 520, columns: 3, sharing: .both, panels: panels))
    }

    static func tickGallery() -> GalleryItem {
        let cases: [(String, ClosedRange<Double>, TickFormat)] = [
            ("0 to 0.3", 0...0.3, .auto), ("−1.3 to 2.7", -1.3...2.7, .auto), ("tiny: 1e-6 scale", 2e-6...9e-6, .auto),
            ("large: SI", 1_500...2_750_000, .si), ("large: auto", 3e6...8e7, .auto), ("percent", 0.9...0.97, .percent),
        ]
        let panels = cases.map { title, r, format in
            Panel(title: title, y: Axis(format: format), legend: .none,
                  marks: [.line(LineMark(x: [0, 1, 2, 3], y: [r.lowerBound, r.upperBound * 0.7 + r.lowerBound * 0.3, r.lowerBound * 0.8 + r.upperBound * 0.2, r.upperBound]))])
        }
        return GalleryItem(name: "ticks", summary: "Nice ticks by the extended Talbot-Lin-Hanrahan algorithm: labels without floating noise, scientific notation for tiny or huge numbers, SI prefixes and percent on request.",
                           figure: Figure(title: "Ticks and labels", width: 720, height: 400, columns: 3, panels: panels))
    }

    static func tickThinning() -> GalleryItem {
        let names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
                     "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        let values = names.indices.map { 0.6 + 0.35 * abs(sin(Double($0))) }
        return GalleryItem(name: "tick-thinning", summary: "Long category names on a narrow axis: tick labels are thinned so none overlap.",
                           figure: Figure(title: "Per-class accuracy", width: 420, height: 260, panel: Panel(
                               x: Axis(label: "class"), y: Axis(label: "accuracy", limits: 0...1), marks: [.bars(BarsMark(categories: names, values: values))])))
    }

    static func legendPlacement() -> GalleryItem {
        let x = (0..<50).map { Double($0) / 49 }
        let corners = Panel(title: "legend finds a free corner", x: Axis(label: "t"), marks: [
            .line(LineMark(x: x, y: x.map { $0 * $0 }, label: "t²")),
            .line(LineMark(x: x, y: x.map { sqrt($0) }, label: "√t")),
        ])
        let full = Panel(title: "no free corner: legend outside", x: Axis(label: "t"), marks: [
            .line(LineMark(x: x, y: x.map { 0.5 + 0.5 * sin(12 * $0) }, label: "sin 12t")),
            .line(LineMark(x: x, y: x.map { 0.5 + 0.5 * cos(12 * $0) }, label: "cos 12t")),
        ])
        return GalleryItem(name: "legend", summary: "Legends go in a corner that covers no data, or outside the panel when every corner is taken.",
                           figure: Figure(title: "Legend placement", width: 720, height: 280, columns: 2, panels: [corners, full]))
    }

    static func degenerate() -> GalleryItem {
        let panels = [
            Panel(title: "empty series", marks: [.line(LineMark(x: [], y: [], label: "nothing"))]),
            Panel(title: "one point", marks: [.line(LineMark(x: [3], y: [0.7], label: "single"))]),
            Panel(title: "constant", marks: [.line(LineMark(x: [0, 1, 2, 3], y: [5, 5, 5, 5], label: "flat"))]),
            Panel(title: "NaN and ∞ skipped", marks: [.line(LineMark(x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 3, .infinity, 2], label: "gaps"))]),
        ]
        return GalleryItem(name: "degenerate", summary: "Degenerate data draws something sensible: an empty panel says so, one point and a constant get a range, NaN and infinity break the line and are counted in the figure's warnings.",
                           figure: Figure(title: "Degenerate data", width: 600, height: 400, columns: 2, panels: panels))
    }
}
