import Foundation

/// A named example animation with one sentence saying what it shows.
public struct GalleryAnimation: Sendable {
    /// File name without extension (`growing-curves`).
    public var name: String
    /// One sentence on what the animation shows, for the gallery's index.
    public var summary: String
    /// The frames, labels and delays.
    public var animation: Animation
}

extension Gallery {
    /// The animated examples: frames sharing one layout, written as APNG.
    public static var animations: [GalleryAnimation] {
        get throws { [try growingCurves(), try bendingPlane()] }
    }

    /// Loss curves drawn epoch by epoch: the axes are those of the finished curves from
    /// the first frame on, and the legend stays in the corner the last frame chooses.
    static func growingCurves() throws -> GalleryAnimation {
        let rates = [0.3, 0.1, 0.03]
        let shown = stride(from: 2, through: 60, by: 2).map { $0 }
        let frames = shown.map { last -> Figure in
            let epochs = (0...last).map(Double.init)
            let marks: [Mark] = rates.map { eta in
                .line(LineMark(x: epochs, y: epochs.map { 2.3 * exp(-eta * $0 / 3) + 0.05 }, label: "η = \(eta)"))
            }
            return Figure(title: "Training loss, epoch \(last)", width: 480, height: 300,
                          panel: Panel(x: Axis(label: "epoch"), y: Axis(label: "loss"), marks: marks))
        }
        return GalleryAnimation(name: "animated-curves",
                                summary: "Animation: curves growing epoch by epoch; every frame has the finished figure's axes and legend, so nothing jumps. Frames after the first store only the rectangle that changed.",
                                animation: try Animation(frames: frames, labels: shown.map { "epoch \($0)" }, delay: 100, lastDelay: 1500))
    }

    /// The plane bending from the identity into a layer's warp, step by step.
    static func bendingPlane() throws -> GalleryAnimation {
        let s = spiral(perClass: 80, seed: 5)
        let warp: (Point) -> Point = { p in Point(4 * tanh(0.25 * p.x + 0.1 * p.y), 4 * tanh(-0.15 * p.x + 0.3 * p.y)) }
        let steps = (0...20).map { Double($0) / 20 }
        let frames = steps.map { t -> Figure in
            let f: (Point) -> Point = { p in let q = warp(p); return Point((1 - t) * p.x + t * q.x, (1 - t) * p.y + t * q.y) }
            let pts = zip(s.x, s.y).map { f(Point($0, $1)) }
            return Figure(title: String(format: "A layer bending the plane, %.0f%% of the way", 100 * t), width: 400, height: 380,
                          panel: Panel(x: Axis(label: "h₁"), y: Axis(label: "h₂"), legend: .auto, equalAspect: true, marks: [
                              .polylines(PolylineMark(gridOver: -6...6, -6...6, lines: 13, color: Color(hex: 0x999999), width: 0.6, warp: f)),
                              .scatter(ScatterMark(x: pts.map(\.x), y: pts.map(\.y), size: 3.5, classes: s.classes, classNames: ["class 0", "class 1"])),
                          ]))
        }
        return GalleryAnimation(name: "animated-warp",
                                summary: "Animation: a warped grid moving from the input plane to a tanh layer's picture of it, with axes fixed to the union of every frame's range.",
                                animation: try Animation(frames: frames, labels: steps.map { String(format: "t = %.2f", $0) }, delay: 120, lastDelay: 1500))
    }
}
