import ArgumentParser
import Foundation
import Plot

/// `lessonbook gallery`: writes one figure per plotter feature, as PNG and SVG, and an
/// index.md that shows them with a sentence each; animated examples are APNGs with their
/// frames sidecar (`<name>.frames.json`).
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Draw one example figure per plotting feature (PNG and SVG) with an index.md.")

    @Option(name: .long, help: "Folder to write the gallery into.")
    var out: String = "output/gallery"

    @Option(name: .long, help: "File formats to write each figure in, comma-separated (png, svg, pdf); index.md links PNG and SVG.")
    var formats: String = "png,svg"

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var index = "# Plot gallery\n\nOne figure per feature of the plotter, drawn by `lessonbook gallery` from synthetic data. Each figure is also written as SVG beside the PNG.\n\n"
        let extensions = formats.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for ext in extensions where !["png", "svg", "pdf"].contains(ext) {
            throw ValidationError("--formats: unknown format '\(ext)': expected png, svg or pdf, comma-separated")
        }
        for item in Gallery.items {
            for ext in extensions { try item.figure.write(to: folder.appendingPathComponent(item.name + "." + ext)) }
            index += "## \(item.name)\n\n\(item.summary)\n\n![\(item.figure.title ?? item.name)](\(item.name).png) ([SVG](\(item.name).svg))\n\n"
            for warning in item.figure.warnings { index += "> warning: \(warning)\n" }
            if !item.figure.warnings.isEmpty { index += "\n" }
        }
        let animations = try Gallery.animations
        for item in animations {
            let file = try item.animation.render()
            try file.write(into: folder, base: item.name)
            index += "## \(item.name)\n\n\(item.summary) \(file.sidecar.frames) frames, \(file.png.count / 1024) KB.\n\n![\(item.animation.title ?? item.name)](\(item.name).png) ([frames](\(item.name).frames.json))\n\n"
        }
        try index.write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        print("wrote \(Gallery.items.count) figures and \(animations.count) animations to \(folder.path)")
    }
}
