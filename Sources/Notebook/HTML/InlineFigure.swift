import Foundation

/// One figure file of a report, read for inlining: the smaller of its PNG and SVG as a data
/// URI, its display size (a PNG holds 2 pixels per point, so it is shown at half its pixel
/// size), and for an animated PNG the text of its `.frames.json` sidecar.
struct InlineFigure {
    /// `data:image/png;base64,` or `data:image/svg+xml;base64,`.
    var uriPrefix: String
    /// The file's bytes, base64-encoded only when the page is written.
    var payload: Data
    /// The whole data URI (for tests and small pages).
    var dataURI: String { uriPrefix + payload.base64EncodedString() }
    /// Display width and height in CSS pixels, when known.
    var size: (width: Int, height: Int)?
    /// The sidecar `{"frames": N, "labels": [...], "delays_ms": [...], "width": W, "height": H}`.
    var animation: String?

    /// Nil when `source` is not a PNG or SVG file inside `folder`.
    init?(source: String, folder: URL) {
        guard !source.contains(":"), !source.hasPrefix("/"), !source.contains("..") else { return nil }
        let url = folder.appendingPathComponent(source)
        let ext = url.pathExtension.lowercased()
        guard ext == "png" || ext == "svg" else { return nil }
        let base = url.deletingPathExtension()
        let pngURL = base.appendingPathExtension("png")
        let svgURL = base.appendingPathExtension("svg")
        // Only the file that is inlined is read whole: the other one's size comes from the
        // file system and the PNG's display size from its first 24 bytes.
        let pngBytes = Self.fileSize(pngURL), svgBytes = Self.fileSize(svgURL)
        let pngHead = pngBytes == nil ? nil : Self.head(of: pngURL, bytes: 24)
        let sidecar = base.appendingPathExtension("frames.json")
        if pngBytes != nil, let frames = FileBytes.read(sidecar), let png = FileBytes.read(pngURL) {
            animation = String(decoding: frames, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            uriPrefix = "data:image/png;base64,"; payload = png
            size = Self.pngSize(png)
            return
        }
        animation = nil
        switch (pngBytes, svgBytes) {
        case (let p?, let v?) where v < p:
            guard let svg = FileBytes.read(svgURL) else { return nil }
            uriPrefix = "data:image/svg+xml;base64,"; payload = svg
            size = pngHead.flatMap(Self.pngSize) ?? Self.svgSize(svg)
        case (_?, _):
            guard let png = FileBytes.read(pngURL) else { return nil }
            uriPrefix = "data:image/png;base64,"; payload = png
            size = Self.pngSize(png)
        case (nil, _?):
            guard let svg = FileBytes.read(svgURL) else { return nil }
            uriPrefix = "data:image/svg+xml;base64,"; payload = svg
            size = Self.svgSize(svg)
        case (nil, nil):
            return nil
        }
    }

    /// For an animated PNG, a still PNG: the same file without the animation's chunks
    /// (`acTL`, `fcTL`, `fdAT`), which leaves its default image (Lessonbook's animations
    /// make it the last frame).
    var stillFrame: InlineFigure? {
        guard animation != nil, payload.count > 8 else { return nil }
        let bytes = [UInt8](payload)
        var out = Data(bytes[0..<8])
        var position = 8
        while position + 12 <= bytes.count {
            let length = bytes[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            let end = position + 12 + length
            guard end <= bytes.count else { return nil }
            let kind = String(decoding: bytes[position + 4..<position + 8], as: UTF8.self)
            if !["acTL", "fcTL", "fdAT"].contains(kind) { out.append(contentsOf: bytes[position..<end]) }
            position = end
        }
        var still = self
        still.payload = out
        still.animation = nil
        return still
    }

    /// The size in bytes of a regular file, or nil when there is none.
    static func fileSize(_ url: URL) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }

    /// The first `bytes` bytes of a file.
    static func head(of url: URL, bytes: Int) -> Data? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        return try? handle.read(upToCount: bytes)
    }

    var sizeAttributes: String {
        guard let size else { return "" }
        return " width=\"\(size.width)\" height=\"\(size.height)\""
    }

    /// Half the pixel size from the IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        guard data.count >= 24 else { return nil }
        let bytes = [UInt8](data.prefix(24))
        func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let width = word(16), height = word(20)
        guard width > 0, height > 0 else { return nil }
        return (max(1, (width + 1) / 2), max(1, (height + 1) / 2))
    }

    /// The `width="432pt" height="288pt"` of a Cairo SVG, one CSS pixel per point.
    static func svgSize(_ data: Data) -> (width: Int, height: Int)? {
        let head = String(decoding: data.prefix(600), as: UTF8.self)
        func number(_ name: String) -> Int? {
            guard let range = head.range(of: "\(name)=\"") else { return nil }
            let digits = head[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            return Double(digits).map { Int($0.rounded()) }
        }
        guard let width = number(" width"), let height = number(" height"), width > 0, height > 0 else { return nil }
        return (width, height)
    }
}
