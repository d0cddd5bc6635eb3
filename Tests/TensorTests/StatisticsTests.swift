import Testing
@testable import Tensor

/// Wilson's interval against values worked out by hand from its formula.
@Test func wilsonIntervalMatchesTheScoreFormula() {
    // 10 of 72: centre (p + z²/2n)/(1 + z²/n) = 0.1572, half-width 0.0800.
    let (lower, upper) = Statistics.wilsonInterval(successes: 10, trials: 72)
    #expect(abs(lower - 0.0772) < 0.0005)
    #expect(abs(upper - 0.2371) < 0.0005)
}

@Test func wilsonIntervalStaysInsideTheUnitIntervalAtTheEnds() {
    let none = Statistics.wilsonInterval(successes: 0, trials: 20)
    #expect(none.lower == 0)
    #expect(abs(none.upper - 0.1611) < 0.0005)
    let all = Statistics.wilsonInterval(successes: 20, trials: 20)
    #expect(abs(all.lower - 0.8389) < 0.0005)
    #expect(all.upper == 1)
    let empty = Statistics.wilsonInterval(successes: 0, trials: 0)
    #expect(empty.lower == 0 && empty.upper == 1)
}
