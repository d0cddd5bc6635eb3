@testable import Plot

/// A canvas that keeps every call it gets, in order, and measures text as a fixed width
/// per character (`characterWidth` × size), so a layout test can assert what was drawn,
/// and where, without Cairo or pixels.
final class RecordingCanvas: Canvas {
    enum Call {
        case path(PathItem)
        case markers(MarkersItem)
        case text(TextItem)
        case image(ImageItem)
        case pushClip(Rect)
        case popClip
    }

    static let characterWidth = 0.6
    var fontFamily = "" {
        didSet { families.append(fontFamily) }
    }
    /// Every family the canvas was given, in order.
    private(set) var families: [String] = []
    private(set) var calls: [Call] = []

    func width(_ string: String, size: Double, bold: Bool) -> Double { Double(string.count) * size * Self.characterWidth }
    func drawPath(_ path: PathItem) { calls.append(.path(path)) }
    func drawMarkers(_ markers: MarkersItem) { calls.append(.markers(markers)) }
    func drawText(_ text: TextItem) { calls.append(.text(text)) }
    func drawImage(_ image: ImageItem) { calls.append(.image(image)) }
    func pushClip(_ rect: Rect) { calls.append(.pushClip(rect)) }
    func popClip() { calls.append(.popClip) }

    /// Lays `figure` out measuring with this canvas, draws the list on it and returns the list.
    @discardableResult
    func draw(_ figure: Figure) throws -> DisplayList {
        let list = try FigureLayout(figure: figure, measurer: self).run()
        list.draw(on: self)
        return list
    }

    /// The clip each call was drawn under (nil outside any clip), call by call.
    var clips: [Rect?] {
        var stack: [Rect] = []
        return calls.map { call in
            switch call {
            case .pushClip(let r): stack.append(r); return r
            case .popClip: return stack.popLast()
            default: return stack.last
            }
        }
    }

    /// The tag of a drawing call, nil for a clip.
    static func tag(_ call: Call) -> String? {
        switch call {
        case .path(let p): p.tag
        case .markers(let m): m.tag
        case .text(let t): t.tag
        case .image(let i): i.tag
        case .pushClip, .popClip: nil
        }
    }
}
