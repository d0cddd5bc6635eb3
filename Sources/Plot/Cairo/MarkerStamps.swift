import CCairo
import Foundation
import Synchronization

/// How a raster canvas draws scatter markers. `.stamps` is what every PNG figure and
/// animation frame is drawn with; `.paths` exists so `lessonbook bench --only MARKERS`
/// can measure the choice (SVG and PDF always get paths: there every marker stays a shape).
public enum MarkerRasterization: Sendable, Hashable, CustomStringConvertible {
    /// Every marker as a Cairo path: one stroke (discs) or fill of all the markers at once.
    case paths
    /// One marker rendered by Cairo at each quarter-pixel offset, then stamped (`MarkerStamps`).
    case stamps

    /// What figures are drawn with (`MarkerStamps` says why).
    public static let standard = MarkerRasterization.stamps

    /// `paths` or `stamps` (a bench line's `impl`).
    public var description: String { self == .paths ? "paths" : "stamps" }
}

/// Scatter markers on an image surface drawn the way matplotlib's Agg backend draws them:
/// Cairo renders the marker once (here at each of 4 × 4 quarter-pixel offsets, so a
/// marker lands within an eighth of a pixel of its place), and every point copies the
/// coverage of its offset's stamp into one 8-bit mask (the larger coverage where markers
/// overlap), which Cairo then composites in the marker's colour through the canvas's clip.
///
/// Why: Cairo strokes or fills thousands of small discs as one path, which means
/// stroking and scan-converting every cap; stamping costs a small copy per marker and one
/// composite per layer. `lessonbook bench --only MARKERS` draws W4's four figures (their
/// 5,600 markers, and the lines, heatmap, axes and text that do not change) both ways on
/// one core; measured 2 December 2026 on the 2-core development machine (release build,
/// `--repeats 20`, median of each of two runs):
///
/// | markers | W4's four figures drawn | mean change per colour channel against `.paths` |
/// |---|---|---|
/// | `.paths` | 0.032 s, 0.039 s | 0 |
/// | `.stamps` | 0.020 s, 0.019 s | 0.16 / 255 |
///
/// That is 2 to 3.6 µs less per marker.
/// The difference is in the antialiased rims only (a union of overlapping discs is
/// approximated by the larger of their coverages; centres move by at most 1/8 pixel).
struct MarkerStamps: Sendable {
    /// Quarter-pixel offsets per axis.
    static let phases = 4

    /// Which layer of a marker a set of stamps paints.
    enum Part: Hashable, Sendable { case fill, outline }

    /// Everything a set of stamps depends on (sizes in points, scales in pixels per point).
    struct Key: Hashable, Sendable {
        var shape: MarkerShape
        var part: Part
        var size: Double
        var outlineWidth: Double
        var scaleX: Double
        var scaleY: Double
    }

    /// The stamps for `key`, rendered once per process and shared: every panel of a
    /// small-multiples figure and every frame of an animation draws the same markers.
    static func shared(_ key: Key) -> MarkerStamps {
        cache.withLock { stamps in
            if let known = stamps[key] { return known }
            if stamps.count >= 256 { stamps.removeAll() }
            let made = MarkerStamps(key)
            stamps[key] = made
            return made
        }
    }

    /// The stamps made so far, shared by the figures drawn on every thread; a stamp is
    /// made under the lock, so two threads never render the same one twice.
    private static let cache = Mutex<[Key: MarkerStamps]>([:])

    /// Renders the stamps of `key` through the same path code as the vector route
    /// (`CairoCanvas.addMarker`, `paintDiscs`, `strokeOutline`).
    init(_ key: Key) {
        let r = key.size / 2, reach = max(abs(key.scaleX), abs(key.scaleY))
        switch (key.shape, key.part) {
        case (.circle, .fill):
            self.init(radius: r * reach, scaleX: key.scaleX, scaleY: key.scaleY) { c in
                CairoCanvas.addMarker(c, shape: .circle, x: 0, y: 0, radius: r)
                CairoCanvas.paintDiscs(c, width: key.size, preserve: false)
            }
        case (.circle, .outline):
            let width = key.size + 2 * key.outlineWidth
            self.init(radius: width / 2 * reach, scaleX: key.scaleX, scaleY: key.scaleY) { c in
                CairoCanvas.addMarker(c, shape: .circle, x: 0, y: 0, radius: r)
                CairoCanvas.paintDiscs(c, width: width, preserve: false)
            }
        case (let shape, let part):
            let extent = 1.2 * r + 2 * key.outlineWidth   // a sharp corner's miter reaches past half the width
            self.init(radius: extent * reach, scaleX: key.scaleX, scaleY: key.scaleY) { c in
                CairoCanvas.addMarker(c, shape: shape, x: 0, y: 0, radius: r)
                if part == .fill { cairo_fill(c) } else { CairoCanvas.strokeOutline(c, width: key.outlineWidth) }
            }
        }
    }


    /// One stamp per offset `(fy * phases + fx)`, each `side × side` coverage bytes.
    private var coverage: [[UInt8]] = []
    /// Width and height of every stamp, pixels.
    let side: Int
    /// Pixels from a stamp's top-left corner to the marker centre at offset zero.
    let origin: Int

    /// Renders `draw` (which adds and paints one marker centred on the user-space origin of
    /// the context it is given, scaled to device pixels) at every offset. `radius` is how
    /// far the marker reaches from its centre, device pixels.
    init(radius: Double, scaleX: Double, scaleY: Double, draw: (OpaquePointer) -> Void) {
        origin = Int(radius.rounded(.up)) + 1
        side = 2 * origin + 2
        for phase in 0..<(Self.phases * Self.phases) {
            let fx = Double(phase % Self.phases) / Double(Self.phases), fy = Double(phase / Self.phases) / Double(Self.phases)
            let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(side), Int32(side))
            let cr = cairo_create(surface)
            cairo_translate(cr, Double(origin) + fx, Double(origin) + fy)
            cairo_scale(cr, scaleX, scaleY)
            draw(cr!)
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            var bytes = [UInt8](repeating: 0, count: side * side)
            if cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) {
                let stride = Int(cairo_image_surface_get_stride(surface))
                for y in 0..<side {
                    for x in 0..<side { bytes[y * side + x] = data[y * stride + x] }
                }
            }
            cairo_surface_destroy(surface)
            coverage.append(bytes)
        }
    }

    /// An 8-bit mask covering `points` (device pixels) clipped to a `width × height`
    /// surface, and where its top-left corner goes; nil when no marker touches the surface.
    func mask(at points: [(x: Double, y: Double)], width: Int, height: Int) -> (surface: OpaquePointer, x: Int, y: Int)? {
        let q = Double(Self.phases)
        // Each point's quantised position: integer pixel and quarter-pixel offset.
        var left = Int.max, top = Int.max, right = Int.min, bottom = Int.min
        var placed: [(x: Int, y: Int, phase: Int)] = []
        placed.reserveCapacity(points.count)
        for p in points {
            guard p.x.isFinite, p.y.isFinite, abs(p.x) < 1e6, abs(p.y) < 1e6 else { continue }
            let qx = Int((p.x * q).rounded()), qy = Int((p.y * q).rounded())
            let px = qx.floorDiv(Self.phases) - origin, py = qy.floorDiv(Self.phases) - origin
            guard px + side > 0, py + side > 0, px < width, py < height else { continue }
            placed.append((px, py, qy.floorMod(Self.phases) * Self.phases + qx.floorMod(Self.phases)))
            left = min(left, px); top = min(top, py); right = max(right, px + side); bottom = max(bottom, py + side)
        }
        guard !placed.isEmpty else { return nil }
        left = max(0, left); top = max(0, top); right = min(width, right); bottom = min(height, bottom)
        guard right > left, bottom > top else { return nil }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(right - left), Int32(bottom - top))!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        for p in placed {
            // The part of the stamp inside the mask.
            let x0 = max(0, left - p.x), x1 = min(side, right - p.x)
            let y0 = max(0, top - p.y), y1 = min(side, bottom - p.y)
            guard x1 > x0, y1 > y0 else { continue }
            coverage[p.phase].withUnsafeBufferPointer { stamp in
                for sy in y0..<y1 {
                    let row = data + (p.y + sy - top) * stride + (p.x - left)
                    let src = sy * side
                    for sx in x0..<x1 where stamp[src + sx] > row[sx] { row[sx] = stamp[src + sx] }
                }
            }
        }
        cairo_surface_mark_dirty(surface)
        return (surface, left, top)
    }
}

private extension Int {
    /// Division rounding towards minus infinity (a marker left of the surface stays left).
    func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
    /// The remainder that goes with `floorDiv`, in `0..<d`.
    func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }
}
