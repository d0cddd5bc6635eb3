/// Cairo's SVG surface embeds each image as `<image ... xlink:href="data:image/png;...">`
/// and leaves its scaling to the viewer, which smooths it: a 28 × 28 digit drawn an inch
/// wide becomes a blur. Cairo 1.16 writes no filter for `CAIRO_FILTER_NEAREST`, so the
/// crisp images get `style="image-rendering:pixelated"` here (an inline style, which the
/// reports' CSP allows and an SVG shown as an `<img>` keeps).
enum SVGImageRendering {
    private static let tag = Array("<image ".utf8)
    private static let attribute = Array("style=\"image-rendering:pixelated\" ".utf8)

    /// `svg` with the attribute on the `<image>` elements whose entry in `crisp` is true.
    /// Cairo writes one `<image>` per image drawn, in drawing order; when the counts
    /// disagree (a Cairo that shares images), `svg` is returned as it was.
    static func pixelated(_ svg: [UInt8], crisp: [Bool]) -> [UInt8] {
        guard crisp.contains(true) else { return svg }
        var starts: [Int] = []
        svg.withUnsafeBufferPointer { b in
            var i = 0
            let last = b.count - tag.count
            while i <= last {
                if b[i] == tag[0] && tag.indices.allSatisfy({ b[i + $0] == tag[$0] }) { starts.append(i + tag.count); i += tag.count } else { i += 1 }
            }
        }
        guard starts.count == crisp.count else { return svg }
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + attribute.count * starts.count)
        var copied = 0
        for (start, isCrisp) in zip(starts, crisp) where isCrisp {
            out.append(contentsOf: svg[copied..<start])
            out.append(contentsOf: attribute)
            copied = start
        }
        out.append(contentsOf: svg[copied...])
        return out
    }
}
