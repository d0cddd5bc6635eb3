import Foundation

/// The numbers a parameter (or each item of a list parameter) accepts: an optional lower
/// and upper bound, each inclusive or not. Checks and the words of messages, listings and
/// the JSON Schema all come from this one value, so they cannot disagree.
///
/// Parameters usually give one of the named ranges or a Swift range literal:
///
///     .number("dropout", \.dropout, .from(0, to: 0.9), "Fraction of units dropped."),
///     .whole("epochs", \.epochs, 1..., "Passes over the training points."),
public struct ValueRange: Sendable, Equatable {
    /// The lower bound, or nil for none.
    public var lower: Double?
    /// Whether a value equal to `lower` is accepted.
    public var lowerInclusive: Bool
    /// The upper bound, or nil for none.
    public var upper: Double?
    /// Whether a value equal to `upper` is accepted.
    public var upperInclusive: Bool

    /// A range from its bounds; the defaults accept any finite number. Prefer the named ranges below.
    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Any finite number.
    public static let any = ValueRange()
    /// Above zero.
    public static let positive = ValueRange(lower: 0, lowerInclusive: false)
    /// Zero or more.
    public static let nonNegative = ValueRange(lower: 0)
    /// A fraction from 0 to 1.
    public static let fraction = ValueRange(lower: 0, upper: 1)
    /// `x` or more.
    public static func atLeast(_ x: Double) -> ValueRange { ValueRange(lower: x) }
    /// More than `x`.
    public static func above(_ x: Double) -> ValueRange { ValueRange(lower: x, lowerInclusive: false) }
    /// From `a` to `b`, both included.
    public static func from(_ a: Double, to b: Double) -> ValueRange { ValueRange(lower: a, upper: b) }
    /// More than `a`, up to and including `b`.
    public static func above(_ a: Double, upTo b: Double) -> ValueRange {
        ValueRange(lower: a, lowerInclusive: false, upper: b)
    }
    /// Strictly between `a` and `b`.
    public static func between(_ a: Double, _ b: Double) -> ValueRange {
        ValueRange(lower: a, lowerInclusive: false, upper: b, upperInclusive: false)
    }

    /// Whole numbers from `range.lowerBound` up.
    public init(_ range: PartialRangeFrom<Int>) { self.init(lower: Double(range.lowerBound)) }
    /// Whole numbers in `range`.
    public init(_ range: ClosedRange<Int>) { self.init(lower: Double(range.lowerBound), upper: Double(range.upperBound)) }

    /// Whether `x` is finite and inside the bounds.
    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }

    /// The range in words: `a positive whole number`, `numbers from 0 to 1` (plural for
    /// the items of a list).
    public func words(whole: Bool, plural: Bool = false) -> String {
        let noun = (whole ? "whole number" : "number") + (plural ? "s" : "")
        let article = plural ? "" : "a "
        func text(_ x: Double) -> String { Self.format(x) }
        // A whole number above a bound is one at least the next whole number.
        var lower = lower, lowerInclusive = lowerInclusive
        if whole, let bound = lower, !lowerInclusive, bound == bound.rounded() { lower = bound + 1; lowerInclusive = true }
        switch (lower, upper) {
        case (nil, nil): return article + noun
        case (let a?, nil):
            if whole && a == 1 || !whole && a == 0 && !lowerInclusive { return article + "positive " + noun }
            return article + noun + (lowerInclusive ? " of at least \(text(a))" : " above \(text(a))")
        case (nil, let b?):
            return article + noun + (upperInclusive ? " of at most \(text(b))" : " below \(text(b))")
        case (let a?, let b?):
            if lowerInclusive && upperInclusive { return article + noun + " from \(text(a)) to \(text(b))" }
            return article + noun + " in \(lowerInclusive ? "[" : "(")\(text(a)), \(text(b))\(upperInclusive ? "]" : ")")"
        }
    }

    /// JSON Schema keywords for the bounds.
    var schema: [String: ConfigValue] {
        var keywords: [String: ConfigValue] = [:]
        if let lower { keywords[lowerInclusive ? "minimum" : "exclusiveMinimum"] = Self.value(lower) }
        if let upper { keywords[upperInclusive ? "maximum" : "exclusiveMaximum"] = Self.value(upper) }
        return keywords
    }

    static func value(_ x: Double) -> ConfigValue {
        x == x.rounded() && abs(x) < 1e15 ? .int(Int(x)) : .double(x)
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
