import Foundation
import Testing
import Notebook

/// The counting lesson with a formula: its prose line 9 gains `$p = m n + n$`.
private let mathLesson = countingLesson.replacingOccurrences(
    of: "The base has {{counts.base.with_bias:d}} parameters.",
    with: "The base has {{counts.base.with_bias:d}} parameters: $p = \\sum_\\ell (m_\\ell n_\\ell + n_\\ell)$.")

@Test func renderTypesetsFormulasAndABadFormulaIsRefusedByRenderAndCheckWithItsLine() throws {
    let workspace = try Workspace()
    try workspace.write(mathLesson)
    let good = try workspace.run("render", "demo", "--quiet")
    #expect(good.status == 0, "\(good.stderr)")
    let html = try Data(contentsOf: workspace.file("output/demo/report.html"))
    let page = String(decoding: html, as: UTF8.self)
    #expect(page.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><mi>p</mi>"))
    #expect(!page.contains("<script"))
    let markdown = try String(contentsOf: workspace.file("output/demo/report.md"), encoding: .utf8)
    #expect(markdown.contains("$p = \\sum_\\ell (m_\\ell n_\\ell + n_\\ell)$"))

    try workspace.write(mathLesson.replacingOccurrences(of: "(m_\\ell n_\\ell + n_\\ell)$", with: "\\frac{m_\\ell}{$"))
    let check = try workspace.run("check")
    #expect(check.status == 1)
    #expect(check.stderr.contains("lessons/01-demo.md:9: $p = \\sum_\\ell \\frac{m_\\ell}{$: the formula does not parse: KaTeX parse error:"), "\(check.stderr)")
    let render = try workspace.run("render", "demo", "--quiet")
    #expect(render.status == 1)
    #expect(render.stderr.contains("lessons/01-demo.md:9:"), "\(render.stderr)")
    // The previous report stays whole.
    #expect(try Data(contentsOf: workspace.file("output/demo/report.html")) == html)
}

@Test func withoutNodeALessonWithFormulasSaysHowToInstallIt() throws {
    let workspace = try Workspace()
    try workspace.write(mathLesson)
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = "/nonexistent"
    let check = try CommandRunner.run(["check"], in: workspace.url, environment: environment)
    #expect(check.status == 1)
    #expect(check.stderr.contains("lessons/01-demo.md:9: $p = \\sum_\\ell (m_\\ell n_\\ell + n_\\ell)$: cannot typeset mathematics: Node.js (`node`) is not on the PATH; install them with `apt-get install katex nodejs`"), "\(check.stderr)")
    // A lesson without formulas needs neither.
    try workspace.write(countingLesson)
    #expect(try CommandRunner.run(["check"], in: workspace.url, environment: environment).status == 0)
}
