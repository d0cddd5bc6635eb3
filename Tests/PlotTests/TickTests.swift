import Foundation
import Testing
@testable import Plot

/// Ranges over many magnitudes, signs and widths.
let tickRanges: [(Double, Double)] = {
    var out: [(Double, Double)] = [(0, 1), (0, 0.3), (-1.3, 2.7), (0.1, 0.7), (1e-9, 3e-9), (123_456, 123_789), (-5e7, 1e8),
                                   (0.001, 0.0013), (99.5, 100.5), (-1, -0.2), (2, 2.000001), (0, 1e-12), (1e-300, 2e-300)]
    var state: UInt64 = 42
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    for _ in 0..<200 {
        let scale = pow(10, Double(Int(next() * 20) - 10))
        let a = (next() * 2 - 1) * scale, b = a + next() * scale * pow(10, Double(Int(next() * 4) - 2))
        if b > a { out.append((a, b)) }
    }
    return out
}()

@Test(arguments: tickRanges)
func linearTicksAreInsideEvenlySpacedAndEnough(lo: Double, hi: Double) {
    let ticks = TickLocator.linear(lo, hi, target: 6)
    #expect(ticks.count >= 2, "range \(lo)...\(hi) gave \(ticks)")
    #expect(ticks.count <= 13)
    let span = hi - lo
    for t in ticks { #expect(t >= lo - span * 1e-9 && t <= hi + span * 1e-9) }
    if ticks.count >= 3 {
        let step = ticks[1] - ticks[0]
        for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(abs((b - a) - step) <= abs(step) * 1e-6) }
    }
}

@Test(arguments: tickRanges)
func tickLabelsHaveNoFloatingNoiseAndAreDistinct(lo: Double, hi: Double) {
    let ticks = TickLocator.linear(lo, hi, target: 6)
    let labels = TickFormatter.labels(ticks, format: .auto)
    #expect(Set(labels).count == labels.count, "labels \(labels) for \(ticks)")
    guard ticks.count >= 2, !labels.contains(where: { $0.contains("×10") }) else { return }
    // No more decimals than the step needs (one extra for steps like 2.5).
    let step = ticks[1] - ticks[0]
    let allowed = max(0, Int(-floor(log10(step)))) + 1
    for label in labels {
        let decimals = label.split(separator: ".").dropFirst().first?.count ?? 0
        #expect(decimals <= allowed, "noisy label \(label) for step \(step)")
        #expect(!label.contains("000000000") && !label.contains("99999"), "noisy label \(label)")
    }
}

@Test func tenthsAreWrittenAsTenths() {
    let labels = TickFormatter.labels(TickLocator.linear(0, 0.3, target: 4), format: .auto)
    #expect(labels.contains("0.3"))
    #expect(labels.allSatisfy { !$0.contains("30000000000000004") })
    #expect(TickFormatter.labels([0.1 + 0.2, 0.6], format: .auto) == ["0.3", "0.6"])
}

@Test func negativeLabelsUseTheMinusSign() {
    #expect(TickFormatter.labels([-1, 0, 1], format: .auto) == ["\u{2212}1", "0", "1"])
}

@Test func notationSwitchesForTinyAndHugeNumbers() {
    #expect(TickFormatter.labels([2e-6, 4e-6], format: .auto) == ["2×10⁻⁶", "4×10⁻⁶"])
    #expect(TickFormatter.labels([1e7, 2e7], format: .auto) == ["10⁷", "2×10⁷"])
    #expect(TickFormatter.labels([0, 1_000_000, 2_500_000], format: .si) == ["0", "1.0M", "2.5M"])
    #expect(TickFormatter.labels([0.25, 0.5], format: .percent) == ["25%", "50%"])
    #expect(TickFormatter.labels([1500, 2000], format: .plain) == ["1500", "2000"])
}

@Test func extendedTicksPreferRoundSteps() {
    #expect(TickLocator.linear(0, 10, target: 6) == [0, 2, 4, 6, 8, 10])
    #expect(TickLocator.linear(0, 100, target: 5) == [0, 25, 50, 75, 100] || TickLocator.linear(0, 100, target: 5) == [0, 20, 40, 60, 80, 100])
}

@Test(arguments: [(0.02, 0.07), (3.0, 5.0), (0.5, 0.9), (1e-4, 1.0), (1.0, 1e9), (100.0, 130.0), (7.0, 7.5)])
func logAxesLabelAtLeastTwoTicks(lo: Double, hi: Double) {
    for base in [10.0, 2.0] {
        let (major, _) = TickLocator.log(lo, hi, base: base, target: 6)
        #expect(major.count >= 2, "base \(base) over \(lo)...\(hi) gave \(major)")
        for v in major { #expect(v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) }
        let labels = base == 10 ? TickFormatter.logLabels(major, base: 10) : TickFormatter.logLabels(major, base: 2)
        #expect(Set(labels).count == labels.count, "\(labels)")
    }
}

@Test func logDecadesHaveMinorTicks() {
    let (major, minor) = TickLocator.log(1e-3, 1, base: 10, target: 6)
    #expect(major == [1e-3, 1e-2, 1e-1, 1])
    #expect(minor.count == 24)
    #expect(TickFormatter.logLabels(major, base: 10) == ["0.001", "0.01", "0.1", "1"])
    #expect(TickFormatter.logLabels([1e-5, 1e-3], base: 10) == ["10⁻⁵", "10⁻³"])
    #expect(TickFormatter.logLabels([8, 64, 512], base: 2) == ["8", "64", "512"])
}

@Test func degenerateRangesDoNotCrash() {
    #expect(TickLocator.linear(3, 3, target: 5) == [3])
    #expect(TickLocator.linear(.nan, 1, target: 5).isEmpty)
    #expect(TickLocator.linear(0, .infinity, target: 5).isEmpty)
    #expect(TickLocator.log(5, 5, base: 10, target: 5).major == [5])
}

@Test func singleValuesAreWrittenPlainly() {
    #expect(TickFormatter.value(1144) == "1144")
    #expect(TickFormatter.value(50240) == "50,240")
    #expect(TickFormatter.value(-1_234_567) == "\u{2212}1,234,567")
    #expect(TickFormatter.value(12345.6) == "12,346")
    #expect(TickFormatter.value(0.8731) == "0.873")
    #expect(TickFormatter.value(12.34) == "12.3")
    #expect(TickFormatter.value(-2.5) == "\u{2212}2.50")
    #expect(TickFormatter.value(2.5e-5) == "2.50×10⁻⁵")
}

@Test func aLog2BatchAxisLabelsItsSmallestBatchAndNoLabelsOverlap() throws {
    // Batch sizes 8 to 1,024 on one panel of a two-panel figure, as the batch-size lesson draws them.
    let x: [Double] = [8, 16, 32, 64, 128, 256, 512, 1024]
    func panel() -> Panel {
        Panel(x: Axis(label: "batch size B", scale: .log2), y: Axis(scale: .log10),
              marks: [.line(LineMark(x: x, y: x.map { 1000 / $0 + 60 }))])
    }
    let list = try Figure(width: 576, height: 260, columns: 2, panels: [panel(), panel()]).layout()
    let labels = list.texts(tagged: "x.tick-label")
    #expect(labels.filter { $0.string == "8" }.count == 2)
    var rows: [Int: [Rect]] = [:]
    for b in labels.map(\.bounds) { rows[Int(b.y.rounded()), default: []].append(b) }
    for row in rows.values {
        let sorted = row.sorted { $0.x < $1.x }
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.x + a.width <= b.x) }
    }
}
