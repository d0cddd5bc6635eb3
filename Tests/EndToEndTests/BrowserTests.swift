import Foundation
import Notebook
import Testing

/// The browser tests run one at a time: each starts its own Chromium.
@Suite(.serialized, .enabled(if: Browser.available))
struct BrowserTests {
    @Test func everyLessonsHTMLReportOpensFromFileWithoutErrorsRequestsOrEmptyFigures() throws {
        let workspace = try Workspace()
        let lessons = CommandRunner.root.appendingPathComponent("lessons").path
        let render = try workspace.run("render", "--quick", "--lessons", lessons, "--out", "out", "--cache", "cache", "--quiet")
        #expect([0, 3].contains(render.status), "\(render.stderr)")
        let folder = workspace.file("out")
        let reports = OutputFolder.runs(in: folder).map { $0.url.appendingPathComponent("report.html").path }
        let lessonCount = try FileManager.default.contentsOfDirectory(atPath: lessons).filter { $0.hasSuffix(".md") }.count
        #expect(reports.count == lessonCount)
        let answer = try Browser.run(["reports"] + reports + [folder.appendingPathComponent("index.html").path])
        let results = answer["reports"] as? [[String: Any]] ?? []
        #expect(results.count == lessonCount + 1)
        for result in results {
            let file = result["file"] as? String ?? ""
            #expect((result["errors"] as? [String]) == [], "\(file)")
            #expect((result["requests"] as? [String]) == [], "\(file)")
            let figures = result["figures"] as? [[String: Any]] ?? []
            if !file.hasSuffix("index.html") {
                #expect(!figures.isEmpty, "\(file) shows no figure")
                #expect((result["toc"] as? Int ?? 0) >= 2, "\(file) has no table of contents")
            }
            for figure in figures {
                let natural = figure["natural"] as? Double ?? 0, width = figure["width"] as? Double ?? 0
                let height = figure["height"] as? Double ?? 0
                #expect(natural > 0 && width > 0 && height > 0, "\(file): \(figure)")
            }
        }
    }

    @Test func anAnimatedFigureIsCompositedFrameByFrameUnderItsScrubber() throws {
        let workspace = try Workspace()
        let figures = workspace.file("run/figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        _ = try Browser.run(["make-apng", figures.appendingPathComponent("cell-steps.png").path])
        let markdown = "# Steps\n\n![Steps](figures/cell-steps.png)\n\n*Four frames.*\n"
        let page = HTMLReport(markdown: markdown, folder: workspace.file("run"), title: "Steps").html()
        let file = workspace.file("run/report.html")
        try Data(page.utf8).write(to: file)

        let answer = try Browser.run(["animation", file.path, "2,2", "10,10", "25,15", "35,25"])
        #expect(answer["ready"] as? Bool == true)
        #expect((answer["errors"] as? [String]) == [])
        let frames = answer["frames"] as? [[String: Any]] ?? []
        #expect(frames.count == 4)
        guard frames.count == 4 else { return }
        func pixels(_ frame: Int) -> [[Int]] { (frames[frame]["pixels"] as? [[Int]]) ?? [] }
        func close(_ a: [Int], _ b: [Int]) -> Bool { a.count == 4 && zip(a, b).allSatisfy { abs($0 - $1) <= 3 } }
        let red = [255, 0, 0, 255], blue = [0, 0, 255, 255], clear = [0, 0, 0, 0]
        // Frame 0 fills the canvas; frame 1 blends a blue square over it at offset (5, 5).
        #expect(pixels(0).allSatisfy { close($0, red) })
        #expect(close(pixels(1)[1], blue) && close(pixels(1)[0], red))
        // Frame 1 was disposed to background: its square is transparent under frame 2, whose
        // half-transparent green is blended over the red.
        #expect(close(pixels(2)[1], clear))
        #expect(close(pixels(2)[2], [127, 128, 0, 255]))
        // Frame 2 was disposed to previous (red again); frame 3 replaces the corner (source blend).
        #expect(close(pixels(3)[2], red) && close(pixels(3)[0], clear) && close(pixels(3)[3], red))
        #expect(frames[2]["counter"] as? String == "3 / 4")
        #expect(frames[2]["label"] as? String == "green over red")
        #expect(frames[0]["width"] as? Int == 40 && frames[0]["height"] as? Int == 30)
        #expect((answer["play"] as? [String]) == ["Pause", "Play"])
    }

    @Test func aPreviewReloadsOnEditShowsABrokenSaveAndServesOnlyItsFolder() throws {
        let workspace = try Workspace()
        let source = CommandRunner.root.appendingPathComponent("lessons/01-width-vs-depth.md")
        let lesson = workspace.file("lessons/01-width-vs-depth.md")
        try FileManager.default.copyItem(at: source, to: lesson)
        try FileManager.default.createDirectory(at: workspace.file("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.file("out/outside").path, withDestinationPath: "/etc")

        let preview = try PreviewProcess(arguments: ["width-vs-depth", "--quick", "--out", "out", "--cache", "cache"], in: workspace.url)
        #expect(preview.address.hasPrefix("http://127.0.0.1:"), "\(preview.printed)")
        guard preview.address.hasPrefix("http://127.0.0.1:") else { _ = preview.interrupt(); return }

        let answer = try Browser.run(["preview", preview.address, lesson.path])
        #expect(answer["loaded"] as? Bool == true)
        let seconds = answer["edit_seconds"] as? Double
        #expect(seconds != nil, "the page did not show the edit within 5 s")
        #expect(answer["reloaded"] as? Bool == true)
        #expect((answer["scroll_y"] as? Double ?? 0) >= 250, "the reload lost the scroll position")
        let overlay = answer["overlay"] as? String ?? ""
        #expect(overlay.contains("01-width-vs-depth.md:") && overlay.contains("not_a_key"), "\(overlay)")
        #expect(answer["report_kept"] as? Bool == true)
        #expect(answer["cleared"] as? Bool == true)
        #expect((answer["errors"] as? [String]) == [])

        let escapes = ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                       "/width-vs-depth/..%2f..%2fetc/passwd", "//etc/passwd", "/outside/passwd", "/outside/"]
        let statuses = try Browser.run(["escapes", preview.address] + escapes + ["/width-vs-depth/report.html"])["statuses"] as? [String: Int] ?? [:]
        for path in escapes { #expect(statuses[path] == 404, "\(path): \(statuses[path] ?? 0)") }
        #expect(statuses["/width-vs-depth/report.html"] == 200)

        // The page at / carries its own policy: its script by hash, its server, the report's frame.
        let page = try Browser.run(["request", preview.address, "GET", "/"])["body"] as? String ?? ""
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"), "\(page.prefix(400))")
        #expect(page.contains("connect-src 'self'; frame-src 'self'"))

        // The settings panel: each cell's parameters, and one cell rendered with a new value.
        let cells = try Browser.run(["request", preview.address, "GET", "/__preview/cells"])
        let panels = cells["body"] as? [[String: Any]] ?? []
        #expect(panels.contains { $0["cell"] as? String == "counts" })
        // Its controls come from the kind's parameter table: docs, types and bounds.
        let counts = panels.first { $0["cell"] as? String == "counts" }?["controls"] as? [[String: Any]] ?? []
        let outputs = counts.first { $0["name"] as? String == "outputs" } ?? [:]
        #expect(outputs["type"] as? String == "integer" && outputs["minimum"] as? Double == 1, "\(outputs)")
        #expect(outputs["doc"] as? String == "Number of outputs.")
        #expect(outputs["allowed"] as? String == "a positive whole number")
        let applied = try Browser.run(["request", preview.address, "POST", "/__preview/apply",
                                       #"{"cell": "counts", "values": {"hidden": "[20, 20, 20]"}}"#])
        let result = applied["body"] as? [String: Any] ?? [:]
        #expect(result["ok"] as? Bool == true, "\(result)")
        #expect(result["command"] as? String == "lessonbook render width-vs-depth --quick --set 'counts.hidden=[20, 20, 20]'")
        #expect(FileManager.default.fileExists(atPath: workspace.file("out/.scratch/width-vs-depth/report.html").path))
        let refused = try Browser.run(["request", preview.address, "POST", "/__preview/apply",
                                       #"{"cell": "counts", "values": {"outputs": "0"}}"#])
        let refusal = refused["body"] as? [String: Any] ?? [:]
        #expect(refusal["ok"] as? Bool == false)
        #expect((refusal["message"] as? String ?? "").contains("counts.outputs"), "\(refusal)")

        #expect(preview.interrupt() == 0)
        #expect(preview.printed.contains("Preview stopped."))
    }
}

@Test func reportChoosesMarkdownHTMLOrBoth() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    #expect(try workspace.run("render", "--out", "md", "--cache", "cache", "--report", "md").status == 0)
    #expect(FileManager.default.fileExists(atPath: workspace.file("md/demo/report.md").path))
    #expect(!FileManager.default.fileExists(atPath: workspace.file("md/demo/report.html").path))
    #expect(!FileManager.default.fileExists(atPath: workspace.file("md/index.html").path))

    #expect(try workspace.run("render", "--out", "html", "--cache", "cache", "--report", "html").status == 0)
    #expect(!FileManager.default.fileExists(atPath: workspace.file("html/demo/report.md").path))
    #expect(FileManager.default.fileExists(atPath: workspace.file("html/index.html").path))
    let first = try Data(contentsOf: workspace.file("html/demo/report.html"))

    #expect(try workspace.run("render", "--out", "both", "--cache", "cache").status == 0)
    let second = try Data(contentsOf: workspace.file("both/demo/report.html"))
    #expect(first == second)
    let index = try String(contentsOf: workspace.file("both/index.html"), encoding: .utf8)
    #expect(index.contains("href=\"demo/report.html\""))

    let bad = try workspace.run("render", "--out", "bad", "--report", "pdf")
    #expect(bad.status != 0 && bad.stderr.contains("--report"))
}
