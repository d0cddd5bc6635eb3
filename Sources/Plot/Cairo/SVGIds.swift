import Foundation

/// Cairo numbers SVG ids (`glyph3-1`, `surface12`, `clip4`, `image7`, ...) from counters
/// that live as long as the process, so the same figure drawn twice differs in its ids.
/// Renumbering them in order of first appearance makes the bytes depend on the figure only.
enum SVGIds {
    private static let prefixes: [[UInt8]] = ["glyph", "surface", "clip", "image", "pattern", "mask", "source", "linear",
                                              "radial", "filter", "path"].map { Array($0.utf8) }

    /// `bytes` with every id renumbered. The text between ids is copied a span at a time
    /// (an SVG of a dense figure is mostly path data), the ids themselves one by one.
    static func renumber(_ bytes: [UInt8]) -> Data {
        var mapping: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counters: [Int] = Array(repeating: 0, count: prefixes.count)
        var result = Data(capacity: bytes.count + 64)
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            let isDigit = { (i: Int) in i < n && b[i] >= 48 && b[i] <= 57 }
            var copied = 0, i = 0
            while i < n {
                let c = b[i]
                i += 1
                // An id appears after `#` (href="#glyph0-1", url(#clip1)) or after `id="`.
                guard c == UInt8(ascii: "#")
                        || (c == UInt8(ascii: "\"") && i >= 4 && b[i - 4] == UInt8(ascii: "i") && b[i - 3] == UInt8(ascii: "d")
                            && b[i - 2] == UInt8(ascii: "=")) else { continue }
                guard let k = prefixes.firstIndex(where: { p in
                    i + p.count < n && p.indices.allSatisfy { b[i + $0] == p[$0] } && isDigit(i + p.count)
                }) else { continue }
                var j = i + prefixes[k].count
                while isDigit(j) || (j < n && b[j] == UInt8(ascii: "-") && isDigit(j + 1)) { j += 1 }
                let token = bytes[i..<j]
                let replacement: [UInt8]
                if let known = mapping[token] {
                    replacement = known
                } else {
                    counters[k] += 1
                    replacement = prefixes[k] + Array(String(counters[k]).utf8)
                    mapping[token] = replacement
                }
                result.append(UnsafeBufferPointer(rebasing: b[copied..<i]))
                result.append(contentsOf: replacement)
                i = j
                copied = j
            }
            result.append(UnsafeBufferPointer(rebasing: b[copied..<n]))
        }
        return result
    }
}
