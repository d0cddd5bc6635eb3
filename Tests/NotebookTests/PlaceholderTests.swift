import Testing
@Test func NotebookBuilds() { #expect(Bool(true)) }
