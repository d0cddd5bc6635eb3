import Testing
@Test func PlotBuilds() { #expect(Bool(true)) }
