import Foundation

/// How an inline reference prints its number: the part after the colon in
/// `{{cell.metric:.3f}}`. Supported: `.Nf` (N decimals), `.N%` (percent with N decimals),
/// `d` (whole number), `,` (thousands separators; combines: `,d`, `,.2f`), `.Ne`
/// (scientific). No format prints whole numbers as they are and others to 4 significant digits.
public struct NumberFormat: Sendable, Equatable {
    enum Style: Sendable, Equatable { case automatic, fixed, percent, integer, scientific }
    var style: Style = .automatic
    var precision: Int? = nil
    var grouping = false

    /// Parses a format; nil if it is not one of the supported forms.
    public init?(_ spec: String) {
        var rest = Substring(spec.trimmingCharacters(in: .whitespaces))
        if rest.first == "," { grouping = true; rest = rest.dropFirst() }
        if rest.first == "." {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: \.isNumber)
            guard !digits.isEmpty, let value = Int(digits), value <= 12 else { return nil }
            precision = value
            rest = rest.dropFirst(digits.count)
            style = .fixed
        }
        switch rest {
        case "": break
        case "f": style = .fixed
        case "%": style = .percent
        case "e": style = .scientific
        case "d": guard precision == nil else { return nil }; style = .integer
        default: return nil
        }
    }

    /// The default format.
    public static let automatic = NumberFormat("")!

    /// Below this magnitude a nonzero number is round-off: the digits of a training loss of
    /// 3e-23 or an error of 1e-16 come from the order of floating-point operations, which
    /// differs between machines and BLAS builds, so they print as `< 1e-12` (or `> -1e-12`).
    public static let roundOff = 1e-12

    /// The text for a number at round-off level, or nil for a number that is not.
    public static func roundOffText(_ value: Double) -> String? {
        guard value != 0, value.isFinite, abs(value) < roundOff else { return nil }
        return value > 0 ? "< 1e-12" : "> -1e-12"
    }

    /// Formats `value`; NaN prints as `NaN` (a diverged run is a result, not a blank), and
    /// a number at round-off level as `< 1e-12` whatever the format.
    public func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        if let tiny = Self.roundOffText(value) { return tiny }
        switch style {
        case .automatic:
            if value.rounded() == value, abs(value) < 1e15 {
                let text = String(Int64(value))
                return grouping ? Self.group(text) : text
            }
            let text = String(format: "%.4g", value)
            return grouping ? Self.group(text) : text
        case .fixed:
            let text = String(format: "%.\(precision ?? 6)f", value)
            return grouping ? Self.group(text) : text
        case .percent:
            let text = String(format: "%.\(precision ?? 0)f", value * 100)
            return (grouping ? Self.group(text) : text) + "%"
        case .integer:
            let text = String(format: "%.0f", value.rounded())
            return grouping ? Self.group(text) : text
        case .scientific:
            return String(format: "%.\(precision ?? 3)e", value)
        }
    }

    /// Inserts thousands separators into the integer part of a formatted number.
    static func group(_ text: String) -> String {
        guard !text.contains("e") else { return text }
        var sign = "", body = Substring(text)
        if body.first == "-" { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = Array(parts[0])
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A value as a claim's result shows it: six significant digits, round-off as `< 1e-12`.
    public static func claimValue(_ value: Double) -> String {
        if let tiny = roundOffText(value) { return tiny }
        guard value.isFinite, value != 0 else { return shortest(value) }
        return shortest(Double(String(format: "%.6g", value)) ?? value)
    }

    /// The shortest text that reads back as `value`: `3`, `0.1`, `1e-08`.
    public static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
