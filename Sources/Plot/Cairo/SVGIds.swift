import Foundation

/// Cairo numbers SVG ids (`glyph3-1`, `surface12`, `clip4`, `image7`, ...) from counters
/// that live as long as the process, so the same figure drawn twice differs in its ids.
/// Renumbering them in order of first appearance makes the bytes depend on the figure only.
enum SVGIds {
    static func renumber(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var result = [UInt8]()
        result.reserveCapacity(bytes.count)
        var mapping: [[UInt8]: [UInt8]] = [:]
        var counters: [[UInt8]: Int] = [:]
        let prefixes: [[UInt8]] = ["glyph", "surface", "clip", "image", "pattern", "mask", "source", "linear", "radial", "filter", "path"]
            .map { Array($0.utf8) }
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            // An id appears after `id="` or after `#` (href="#glyph0-1", url(#clip1)).
            let afterHash = b == UInt8(ascii: "#")
            let afterId = b == UInt8(ascii: "\"") && i >= 3 && bytes[i - 3] == UInt8(ascii: "i") && bytes[i - 2] == UInt8(ascii: "d") && bytes[i - 1] == UInt8(ascii: "=")
            if afterHash || afterId {
                result.append(b)
                i += 1
                var matched = false
                for prefix in prefixes where i + prefix.count < n && bytes[i..<(i + prefix.count)].elementsEqual(prefix) && isDigit(bytes[i + prefix.count]) {
                    var j = i + prefix.count
                    while j < n && (isDigit(bytes[j]) || (bytes[j] == UInt8(ascii: "-") && j + 1 < n && isDigit(bytes[j + 1]))) { j += 1 }
                    let token = Array(bytes[i..<j])
                    let replacement: [UInt8]
                    if let known = mapping[token] {
                        replacement = known
                    } else {
                        let next = counters[prefix, default: 0] + 1
                        counters[prefix] = next
                        replacement = prefix + Array(String(next).utf8)
                        mapping[token] = replacement
                    }
                    result += replacement
                    i = j
                    matched = true
                    break
                }
                if !matched { continue }
                continue
            }
            result.append(b)
            i += 1
        }
        return Data(result)
    }
}
