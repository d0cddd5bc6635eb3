import Foundation

// Draws every gallery figure as PNG, SVG and PDF, in the standard and the slide theme,
// the gallery's animations, and one multi-page PDF of all figures' display lists.
let out = URL(fileURLWithPath: CommandLine.arguments[1], isDirectory: true)
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
var pages: [DisplayList] = []
for item in Gallery.items {
    let list = try item.figure.layout()
    pages.append(list)
    for ext in ["png", "svg", "pdf"] { try list.write(to: out.appendingPathComponent(item.name + "." + ext)) }
    var dark = item.figure
    dark.theme = .slidesDark
    try dark.write(to: [out.appendingPathComponent(item.name + ".dark.png"), out.appendingPathComponent(item.name + ".dark.pdf")])
    try Data(item.figure.warnings.joined(separator: "\n").utf8).write(to: out.appendingPathComponent(item.name + ".warnings.txt"))
}
try DisplayList.pdfDocument(pages: pages).write(to: out.appendingPathComponent("all-pages.pdf"))
for item in try Gallery.animations {
    let file = try item.animation.render()
    try file.write(into: out, base: item.name)
}
print("wrote \(Gallery.items.count) figures")
