import Foundation
import Notebook
import Plot
import Testing

/// A small `train` lesson with two figures, one `<!-- slide -->` paragraph and one
/// `<!-- notes -->` paragraph: its deck has a title slide, the text slide, two figure
/// slides and a closing slide.
let slidesLesson = """
---
title: Funnel or constant width?
summary: Two network shapes on the two spirals, three seeds each.
seed: 1
---

# Two shapes

<!-- slide -->
A funnel narrows layer by layer; a constant width keeps every layer the same.

```{experiment}
id: shapes
run: train
with:
  data: {source: spiral, points: 120}
  model: {hidden: [8, 8], activation: tanh}
  training: {optimizer: adam, learning_rate: 0.02, batch_size: 32, epochs: 40}
  seeds: 3
  sweep:
    model.hidden: {funnel: [16, 8], constant: [8, 8]}
  plots:
    - {name: accuracy, type: dots, measure: final.test_accuracy}
    - {name: curves, type: curves, measure: validation_loss, log_y: true}
show: [accuracy, curves]
expect:
  - funnel.parameters > constant.parameters
```

<!-- notes -->
Ask the room which shape they expect to win before showing the curves.
"""

/// Runs `/usr/bin/<tool> arguments` and returns its standard output.
func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/\(name)")
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite(.serialized)
struct SlidesTests {
    @Test func slidesAreA16By9PDFWithAPagePerSlideAndTheirPagesShowFigures() throws {
        let workspace = try Workspace()
        try workspace.write(slidesLesson)
        let render = try workspace.run("render", "demo", "--report", "md,html,slides", "--quiet")
        #expect(render.status == 0, "\(render.stderr)")
        let pdf = workspace.file("output/demo/slides.pdf")
        let info = try tool("pdfinfo", [pdf.path])
        #expect(info.status == 0)
        // Title, the marked paragraph, two figures, closing.
        let fields = Dictionary(info.out.split(separator: "\n").compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { first, _ in first })
        #expect(fields["Pages"] == "5", "\(info.out)")
        #expect(fields["Page size"] == "960 x 540 pts", "\(info.out)")
        // Every page rendered at 1920 x 1080: the figure slides carry the figure's colours.
        let pages = workspace.file("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let rendered = try tool("pdftoppm", ["-png", "-r", "144", pdf.path, pages.appendingPathComponent("page").path])
        #expect(rendered.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: pages.path).filter { $0.hasSuffix(".png") }.sorted()
        #expect(files.count == 5)
        for (index, file) in files.enumerated() {
            let image = try PNGImageFile(pages.appendingPathComponent(file))
            #expect(image.width == 1920 && image.height == 1080, "\(file): \(image.width) x \(image.height)")
            // The figure slides (pages 3 and 4) show the palette's blue or orange somewhere.
            if index == 2 || index == 3 { #expect(image.hasSaturatedPixels, "\(file) shows no figure") }
        }
        // The report itself lists no slide figure and stays as without slides.
        let data = try String(contentsOf: workspace.file("output/demo/data/shapes.json"), encoding: .utf8)
        #expect(!data.contains(".slides."))
        let plain = try workspace.run("render", "demo", "--out", "plain", "--quiet")
        #expect(plain.status == 0)
        for name in ["report.md", "report.html", "data/shapes.json", "figures/shapes-accuracy.png", "figures/shapes-curves.svg"] {
            #expect(try Data(contentsOf: workspace.file("plain/demo/\(name)")) == Data(contentsOf: workspace.file("output/demo/\(name)")), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.file("plain/demo/slides.pdf").path))
    }

    @Test func aFigurePackHasEveryFigureInThreeFormatsUnderStableNamesWithAListing() throws {
        let workspace = try Workspace()
        try workspace.write(slidesLesson)
        let first = try workspace.run("figures", "demo", "--pack", "pack", "--quiet")
        #expect(first.status == 0, "\(first.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.file("pack").path).sorted()
        #expect(names == ["demo-figures.csv", "demo-shapes-accuracy.pdf", "demo-shapes-accuracy.png", "demo-shapes-accuracy.svg",
                          "demo-shapes-curves.pdf", "demo-shapes-curves.png", "demo-shapes-curves.svg"])
        let png = try PNGImageFile(workspace.file("pack/demo-shapes-curves.png"))
        #expect(png.width == 1920)
        let csv = try String(contentsOf: workspace.file("pack/demo-figures.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "file,lesson,cell,figure,format,caption,alt,kind,seed,settings,claims")
        #expect(lines.count == 7)
        #expect(csv.contains("demo-shapes-curves.svg,demo,shapes,curves,svg,"))
        #expect(csv.contains("✓ funnel.parameters > constant.parameters (holds"))
        #expect(csv.contains("training.learning_rate") || csv.contains("training="), "\(csv)")
        // The same names and bytes the next time; the report in output/ was not written.
        let again = try workspace.run("figures", "demo", "--pack", "pack2", "--quiet")
        #expect(again.status == 0)
        for name in names {
            #expect(try Data(contentsOf: workspace.file("pack/\(name)")) == Data(contentsOf: workspace.file("pack2/\(name)")), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.file("output/demo").path))
    }

    @Test(.enabled(if: Browser.available))
    func theHTMLDeckMovesForwardAndBackKeepsItsPlaceOnReloadAndShowsNotes() throws {
        let workspace = try Workspace()
        try workspace.write(slidesLesson)
        let render = try workspace.run("render", "demo", "--report", "slides", "--theme", "slides-dark", "--quiet")
        #expect(render.status == 0, "\(render.stderr)")
        let page = try String(contentsOf: workspace.file("output/demo/slides.html"), encoding: .utf8)
        #expect(page.contains("Content-Security-Policy"))
        #expect(!page.contains("http://") && !page.contains("https://"))
        let answer = try Browser.run(["slides", workspace.file("output/demo/slides.html").path, workspace.file("shot.png").path])
        #expect((answer["errors"] as? [String]) == [], "\(answer)")
        #expect((answer["requests"] as? [String]) == [], "\(answer)")
        let steps = answer["steps"] as? [[String: Any]] ?? []
        let hashes = steps.map { "\($0["step"] ?? ""):\($0["hash"] ?? "")" }
        #expect(hashes == ["open:#1", "right:#2", "space:#3", "left:#2", "page-down:#3", "reload:#3", "presenter:#3/notes",
                           "page-up:#2/notes", "end:#5/notes", "beyond-end:#5/notes", "home:#1/notes", "before-start:#1/notes"])
        for step in steps {
            #expect((step["shown"] as? [String])?.count == 1, "\(step)")
        }
        let presenter = steps.first { $0["step"] as? String == "page-up" } ?? [:]
        #expect(presenter["notesVisible"] as? Bool == true)
        #expect((presenter["notesText"] as? String ?? "").contains("funnel narrows") == false)
        let opened = steps.first { $0["step"] as? String == "open" } ?? [:]
        #expect(opened["notesVisible"] as? Bool == false)
        // The notes of the figure slide after the notes marker: the author's line.
        #expect(page.contains("Ask the room which shape they expect to win"))
    }
}

/// A PNG file's size and whether it has strongly coloured pixels (a figure's palette).
struct PNGImageFile {
    var width: Int
    var height: Int
    var hasSaturatedPixels: Bool

    init(_ url: URL) throws {
        let image = try PNGImage(contentsOf: url)
        width = image.width
        height = image.height
        hasSaturatedPixels = image.pixels.contains { pixel in
            let r = Int((pixel >> 16) & 0xFF), g = Int((pixel >> 8) & 0xFF), b = Int(pixel & 0xFF)
            return max(r, g, b) - min(r, g, b) > 120
        }
    }
}
