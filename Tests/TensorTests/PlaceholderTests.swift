import Testing
@Test func TensorBuilds() { #expect(Bool(true)) }
