import Foundation

/// A figure made of frames: figures that share one layout, played in order as an
/// animated PNG. Frame i is shown for `delays[i]` milliseconds and named by `labels[i]`
/// (`epoch 120`), which players show beside a scrubber.
///
/// The frames are laid out as one: every panel's axis limits become the union of its
/// ranges over all frames (fixed limits stay), a heatmap's colour limits the union of its
/// values, and an automatic legend keeps the corner the last frame chooses. So axes,
/// ticks, margins and legends do not move from frame to frame; only the data does. Give
/// every frame the same size, panels and legend entries.
///
///     let animation = try Animation(frames: figures, labels: epochs.map { "epoch \($0)" })
///     let file = try animation.render()          // APNG bytes and the frames sidecar
public struct Animation: Sendable {
    /// The frames as given (before their layouts are shared).
    public var frames: [Figure]
    /// One label per frame, shown by players (`epoch 0`, `step 100`).
    public var labels: [String]
    /// How long each frame is shown, milliseconds (1...65535).
    public var delays: [Int]
    /// How many times the animation plays; 0 loops forever.
    public var loops: Int

    /// The title of the last frame: alt text in reports.
    public var title: String? { frames.last?.title }

    /// An animation showing each frame for `delay` milliseconds and the last one for
    /// `lastDelay`, so a viewer can read the finished picture before it starts again.
    public init(frames: [Figure], labels: [String], delay: Int = 150, lastDelay: Int = 2000, loops: Int = 0) throws {
        try self.init(frames: frames, labels: labels,
                      delays: frames.indices.map { $0 == frames.count - 1 ? lastDelay : delay }, loops: loops)
    }

    /// An animation with a delay per frame, milliseconds.
    public init(frames: [Figure], labels: [String], delays: [Int], loops: Int = 0) throws {
        guard !frames.isEmpty else { throw PlotError.invalidAnimation("an animation needs at least one frame") }
        guard labels.count == frames.count, delays.count == frames.count else {
            throw PlotError.invalidAnimation("\(frames.count) frames need as many labels and delays, found \(labels.count) labels and \(delays.count) delays")
        }
        if let bad = delays.first(where: { $0 < 1 || $0 > 65_535 }) {
            throw PlotError.invalidAnimation("frame delay \(bad) ms is out of range: expected 1 to 65535 milliseconds")
        }
        let first = frames[0]
        if let odd = frames.firstIndex(where: { $0.width != first.width || $0.height != first.height || $0.panels.count != first.panels.count }) {
            throw PlotError.invalidAnimation("frame \(odd) differs in size or panel count from frame 0: expected every frame to be \(first.width) × \(first.height) points with \(first.panels.count) panels")
        }
        self.frames = frames
        self.labels = labels
        self.delays = delays
        self.loops = max(0, loops)
    }

    /// The frames with their layout shared: axis limits, colour limits and legend
    /// placements pinned to the same values on every frame.
    func sharedFrames() throws -> [Figure] {
        var locked = frames
        let panelCount = frames[0].panels.count
        var xs = [(Double, Double)?](repeating: nil, count: panelCount), ys = xs
        for frame in frames {
            let layout = FigureLayout(figure: frame, measurer: frame.theme.textMeasurer)
            var states = try frame.panels.enumerated().map { try layout.resolve($0.element, index: $0.offset) }
            layout.share(&states)
            for (i, s) in states.enumerated() where s.hasData {
                xs[i] = Self.union(xs[i], s.xDomain)
                ys[i] = Self.union(ys[i], s.yDomain)
            }
        }
        for f in locked.indices {
            for p in locked[f].panels.indices {
                var panel = locked[f].panels[p]
                if panel.x.limits == nil, Self.pinnable(panel.x.scale), let x = xs[p] { panel.x.limits = x.0...x.1 }
                if panel.y.limits == nil, Self.pinnable(panel.y.scale), let y = ys[p] { panel.y.limits = y.0...y.1 }
                for m in panel.marks.indices {
                    guard case .heatmap(var heat) = panel.marks[m], heat.colorLimits == nil else { continue }
                    let values = frames.flatMap { frame -> [Double] in
                        guard m < frame.panels[p].marks.count, case .heatmap(let h) = frame.panels[p].marks[m] else { return [] }
                        return h.values.joined().filter(\.isFinite)
                    }
                    if let lo = values.min(), let hi = values.max(), hi > lo { heat.colorLimits = lo...hi }
                    panel.marks[m] = .heatmap(heat)
                }
                locked[f].panels[p] = panel
            }
        }
        // Automatic legends go where the last (finished) frame puts them, on every frame.
        let last = FigureLayout(figure: locked[locked.count - 1], measurer: locked[locked.count - 1].theme.textMeasurer)
        _ = try last.run()
        for f in locked.indices {
            for p in locked[f].panels.indices where locked[f].panels[p].legend == .auto {
                if let choice = last.legendChoices[p] { locked[f].panels[p].legend = choice }
            }
        }
        return locked
    }

    /// The animation drawn at `scale` pixels per point and encoded as an APNG. One pixel
    /// per point by default (half a still figure's resolution): an animation has tens of
    /// frames, and reports show it at about that size.
    public func render(scale: Double = 1) throws -> AnimationFile {
        let figures = try sharedFrames()
        let rasters = try figures.map { try $0.layout().raster(scale: scale) }
        let png = APNGEncoder.encode(rasters, delays: delays, loops: loops)
        let sidecar = AnimationSidecar(frames: frames.count, labels: labels, delaysMs: delays,
                                       width: rasters[0].width, height: rasters[0].height)
        return AnimationFile(png: Data(png), sidecar: sidecar)
    }

    static func union(_ a: (Double, Double)?, _ b: (Double, Double)) -> (Double, Double) {
        guard let a else { return b }
        return (min(a.0, b.0), max(a.1, b.1))
    }

    static func pinnable(_ scale: Scale) -> Bool {
        if case .categorical = scale { return false }
        return true
    }
}

/// An encoded animation: the APNG bytes and the description written beside them.
public struct AnimationFile: Sendable {
    /// The animated PNG: its default image is the last frame.
    public var png: Data
    /// What a player needs without decoding the PNG: frames, labels, delays and size.
    public var sidecar: AnimationSidecar

    /// Writes `<base>.png` and `<base>.frames.json` into `folder`; returns both file names.
    @discardableResult
    public func write(into folder: URL, base: String) throws -> [String] {
        let names = ["\(base).png", "\(base).frames.json"]
        do {
            try png.write(to: folder.appendingPathComponent(names[0]))
            try sidecar.json().write(to: folder.appendingPathComponent(names[1]))
        } catch {
            throw PlotError.io(path: folder.appendingPathComponent(base).path, message: error.localizedDescription)
        }
        return names
    }
}
