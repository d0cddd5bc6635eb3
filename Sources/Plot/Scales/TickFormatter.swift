import Foundation

/// Tick labels without floating noise: the fewest decimals that write every tick exactly
/// enough, a real minus sign, and scientific (2×10⁻⁵) or SI (20k) notation on request or
/// when plain decimals would be long.
enum TickFormatter {
    static let minus = "\u{2212}"

    static func labels(_ values: [Double], format: TickFormat) -> [String] {
        guard !values.isEmpty else { return [] }
        switch format {
        case .plain: return plain(values)
        case .scientific: return values.map { scientific($0, digits: mantissaDigits(values)) }
        case .si: return si(values)
        case .percent: return plain(values.map { $0 * 100 }).map { $0 + "%" }
        case .auto:
            let biggest = values.map(abs).max() ?? 0
            let smallestNonZero = values.map(abs).filter { $0 > 0 }.min() ?? 0
            if biggest >= 1e6 || (biggest < 1e-3 && biggest > 0) || (smallestNonZero > 0 && smallestNonZero < 1e-4) {
                return values.map { scientific($0, digits: mantissaDigits(values)) }
            }
            return plain(values)
        }
    }

    /// The fewest decimals (0...12) that write each value within a millionth of the
    /// smallest gap between values.
    static func decimals(_ values: [Double]) -> Int {
        let sorted = values.sorted()
        var gap = Double.infinity
        for i in 1..<max(sorted.count, 1) where sorted[i] - sorted[i - 1] > 0 { gap = min(gap, sorted[i] - sorted[i - 1]) }
        if !gap.isFinite { gap = max(abs(sorted.first ?? 1), 1e-12) }
        for d in 0...12 {
            if values.allSatisfy({ abs((Double(String(format: "%.\(d)f", $0)) ?? $0) - $0) <= gap * 1e-6 }) { return d }
        }
        return 12
    }

    static func plain(_ values: [Double]) -> [String] {
        let d = decimals(values)
        return values.map { signed(String(format: "%.\(d)f", $0 == 0 ? 0 : $0)) }
    }

    static func signed(_ s: String) -> String {
        if s.hasPrefix("-") {
            let body = s.dropFirst()
            if body.allSatisfy({ $0 == "0" || $0 == "." }) { return String(body) }
            return minus + body
        }
        return s
    }

    static func mantissaDigits(_ values: [Double]) -> Int {
        var best = 0
        for v in values where v != 0 {
            let e = floor(log10(abs(v)))
            let m = v / pow(10, e)
            for d in 0...6 where abs((Double(String(format: "%.\(d)f", m)) ?? m) - m) < 1e-6 { best = max(best, d); break }
        }
        return best
    }

    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]

    static func superscript(_ n: Int) -> String { String(String(n).map { superscripts[$0] ?? $0 }) }

    /// `m×10ⁿ`, or `10ⁿ` when the mantissa is 1.
    static func scientific(_ v: Double, digits: Int) -> String {
        if v == 0 { return "0" }
        var e = Int(floor(log10(abs(v))))
        var m = v / pow(10, Double(e))
        if abs(abs(m) - 10) < 1e-9 { m /= 10; e += 1 }
        var ms = signed(String(format: "%.\(digits)f", m))
        if ms == "1" || ms == "1." { return "10" + superscript(e) }
        if ms == minus + "1" { return minus + "10" + superscript(e) }
        if ms.hasSuffix(".") { ms.removeLast() }
        return ms + "×10" + superscript(e)
    }

    static func si(_ values: [Double]) -> [String] {
        let prefixes: [(Int, String)] = [(12, "T"), (9, "G"), (6, "M"), (3, "k"), (0, ""), (-3, "m"), (-6, "µ"), (-9, "n"), (-12, "p")]
        let biggest = values.map(abs).max() ?? 0
        let power = biggest == 0 ? 0 : Int(floor(log10(biggest) / 3)) * 3
        let chosen = prefixes.first { $0.0 <= max(min(power, 12), -12) } ?? (0, "")
        let scaled = values.map { $0 / pow(10, Double(chosen.0)) }
        return zip(values, plain(scaled)).map { $0.0 == 0 ? "0" : $0.1 + chosen.1 }
    }

    /// One value written on its own (bar labels): whole numbers in full, others with three
    /// significant digits, scientific notation outside 0.001 ..< 10⁶; from 10 000 on,
    /// digits are grouped in threes with commas (50,240).
    static func value(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        if v == v.rounded() && abs(v) < 1e15 { return grouped(signed(String(format: "%.0f", v))) }
        let a = abs(v)
        if a >= 1e-3 && a < 1e6 {
            let d = max(0, 2 - Int(floor(log10(a))))
            return grouped(signed(String(format: "%.\(d)f", v)))
        }
        return scientific(v, digits: 2)
    }

    /// `text` with the digits before its decimal point grouped in threes by commas when
    /// there are five or more of them.
    static func grouped(_ text: String) -> String {
        let sign = text.prefix { !$0.isNumber }
        let digits = text.dropFirst(sign.count).prefix { $0.isNumber }
        guard digits.count >= 5 else { return text }
        let rest = text.dropFirst(sign.count + digits.count)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return sign + out + rest
    }

    /// A log axis label: plain decimals for moderate ranges, powers of the base otherwise.
    static func logLabels(_ values: [Double], base: Double) -> [String] {
        let biggest = values.max() ?? 1, smallest = values.min() ?? 1
        if base == 2 {
            let integers = values.allSatisfy { $0 >= 1 && $0 == $0.rounded() }
            if integers && biggest <= 100_000 { return values.map { plain([$0])[0] } }
            return values.map { v in
                let e = log2(v)
                return e == e.rounded() ? "2" + superscript(Int(e)) : labels([v], format: .auto)[0]
            }
        }
        if smallest >= 1e-3 && biggest <= 1e4 { return values.map { plain([$0])[0] } }
        return values.map { scientific($0, digits: mantissaDigits([$0])) }
    }
}
