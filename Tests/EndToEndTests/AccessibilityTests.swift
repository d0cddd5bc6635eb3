import Foundation
import Notebook
import Testing

/// axe-core 4.12 (its `axe.min.js`, which scripts/setup.sh reads out of the PyPI wheel
/// `axe-playwright-python`) audits the pages a reader opens, in Chromium through Selenium:
/// a serious or critical violation fails. And the pages work from the keyboard, and hold
/// still for a reader who asks for reduced motion.
@Suite(.serialized, .enabled(if: Browser.available))
struct AccessibilityTests {
    /// The violations of each page that are serious or critical, as `page: rule (nodes)`.
    static func seriousViolations(_ pages: [String]) throws -> [String] {
        let answer = try Browser.run(["axe"] + pages)
        let results = answer["pages"] as? [[String: Any]] ?? []
        #expect(results.count == pages.count)
        var found: [String] = []
        for result in results {
            #expect(result["error"] == nil, "\(result)")
            #expect((result["version"] as? String ?? "").hasPrefix("4."), "\(result)")
            for violation in result["violations"] as? [[String: Any]] ?? [] {
                let impact = violation["impact"] as? String ?? ""
                guard impact == "serious" || impact == "critical" else { continue }
                found.append("\(result["page"] ?? ""): \(violation["id"] ?? "") (\(violation["nodes"] ?? ""))")
            }
        }
        return found
    }

    @Test func everyLessonsReportTheIndexAComparisonAndThePreviewPassTheAxeAudit() throws {
        let workspace = try Workspace()
        let lessons = CommandRunner.root.appendingPathComponent("lessons").path
        let render = try workspace.run("render", "--quick", "--lessons", lessons, "--out", "out", "--cache", "cache", "--quiet")
        #expect([0, 3].contains(render.status), "\(render.stderr)")
        let folder = workspace.file("out")
        var pages = OutputFolder.runs(in: folder).map { $0.url.appendingPathComponent("report.html").path }
        pages.append(folder.appendingPathComponent("index.html").path)

        let comparing = try Workspace()
        try comparing.write(figureLesson)
        let compare = try comparing.run("compare", "demo", "--name", "growth", "--variant", "base",
                                        "--variant", "wider:growth.hidden=[20,20,20]")
        #expect(compare.status == 0, "\(compare.stderr)")
        let comparison = comparing.file("output/compare/growth/report.html")
        let text = try String(contentsOf: comparison, encoding: .utf8)
        #expect(text.contains("<strong>orange</strong> (#E69F00)") && text.contains("<strong>blue</strong> (#0072B2)"))
        pages.append(comparison.path)

        let preview = try PreviewProcess(arguments: ["spiral-untangling", "--quick", "--lessons", lessons, "--out", "out",
                                                     "--cache", "cache"], in: workspace.url)
        defer { _ = preview.interrupt() }
        #expect(preview.address.hasPrefix("http://127.0.0.1:"), "\(preview.printed)")
        if preview.address.hasPrefix("http://127.0.0.1:") { pages.append(preview.address) }

        #expect(try Self.seriousViolations(pages) == [])

        // The preview's settings panel works without a mouse.
        if preview.address.hasPrefix("http://127.0.0.1:") {
            let keys = try Browser.run(["preview-keyboard", preview.address])
            #expect((keys["toggle"] as? [String: Any])?["visible"] as? Bool == true, "\(keys)")
            #expect(keys["opened"] as? Bool == true && keys["expanded"] as? String == "true", "\(keys)")
            #expect((keys["focus_in_panel"] as? [String: Any])?["inSettings"] as? Bool == true, "\(keys)")
            #expect((keys["first_stop"] as? [String: Any])?["tag"] as? String == "summary", "\(keys)")
            #expect(keys["details_open"] as? Bool == true, "\(keys)")
            #expect((keys["field"] as? [String: Any])?["inSettings"] as? Bool == true, "\(keys)")
            #expect(keys["closed"] as? Bool == true, "\(keys)")
            #expect((keys["focus_after"] as? [String: Any])?["id"] as? String == "settings-toggle", "\(keys)")
        }
    }

    /// The contents bar, wide tables and the scrubber are reached with Tab, and every stop
    /// shows where the focus is; the slider answers the arrow keys.
    @Test func theContentsBarTablesAndScrubberWorkFromTheKeyboardWithVisibleFocus() throws {
        let workspace = try Workspace()
        let figures = workspace.file("run/figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        _ = try Browser.run(["make-apng", figures.appendingPathComponent("cell-steps.png").path])
        let wide = "| " + (1...30).map { "column \($0)" }.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: 30)
            + "\n| " + (1...30).map(String.init).joined(separator: " | ") + " |"
        let markdown = "# Steps\n\n## First\n\n![Steps](figures/cell-steps.png)\n\n*Four frames.*\n\n## Second\n\n\(wide)\n\n## Third\n\nText.\n"
        let file = workspace.file("run/report.html")
        try Data(HTMLReport(markdown: markdown, folder: workspace.file("run"), title: "Steps").data()).write(to: file)

        let answer = try Browser.run(["keyboard", file.path])
        let stops = answer["stops"] as? [[String: Any]] ?? []
        #expect(stops.contains { $0["where"] as? String == "toc" }, "\(stops)")
        #expect(stops.contains { $0["tag"] as? String == "table" }, "\(stops)")
        #expect(stops.contains { $0["where"] as? String == "scrubber" && $0["tag"] as? String == "button" }, "\(stops)")
        #expect(stops.contains { $0["where"] as? String == "scrubber" && $0["type"] as? String == "range" }, "\(stops)")
        for stop in stops { #expect(stop["visible"] as? Bool == true, "no visible focus: \(stop)") }
        #expect(answer["slider"] as? [String] == ["0", "1"], "\(answer)")
        #expect(try Self.seriousViolations([file.path]) == [])
    }

    /// With `prefers-reduced-motion: reduce` an animated figure does not play by itself:
    /// the scrubber stays on its first frame, and without the script the picture offers a
    /// still image (the APNG's default image).
    @Test func anAnimatedFigureHoldsStillWhenTheReaderAsksForReducedMotion() throws {
        let workspace = try Workspace()
        let figures = workspace.file("run/figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        _ = try Browser.run(["make-apng", figures.appendingPathComponent("cell-steps.png").path])
        let markdown = "# Steps\n\n![Steps](figures/cell-steps.png)\n\n*Four frames.*\n"
        let page = HTMLReport(markdown: markdown, folder: workspace.file("run"), title: "Steps").html()
        #expect(page.contains("<source media=\"(prefers-reduced-motion: reduce)\" srcset=\"data:image/png;base64,"))
        let file = workspace.file("run/report.html")
        try Data(page.utf8).write(to: file)

        let answer = try Browser.run(["reduced-motion", file.path])
        #expect(answer["matches"] as? Bool == true)
        #expect(answer["ready"] as? Bool == true)
        #expect(answer["counters"] as? [String] == ["1 / 4", "1 / 4"], "\(answer)")
        #expect(answer["button"] as? String == "Play")
        #expect((answer["errors"] as? [String]) == [])
    }
}
