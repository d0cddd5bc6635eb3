import Foundation
import Testing
@testable import Plot

/// A small animation: a curve growing point by point, so its data range changes from
/// frame to frame while the layout must not.
func growingCurve(frames: Int = 6) throws -> Animation {
    let figures = (0..<frames).map { k -> Figure in
        let x = (0...(k + 1)).map(Double.init)
        return Figure(title: "step \(k)", width: 220, height: 160, panel: Panel(
            x: Axis(label: "x"), y: Axis(label: "y"),
            marks: [.line(LineMark(x: x, y: x.map { $0 * $0 }, label: "x²"))]))
    }
    return try Animation(frames: figures, labels: (0..<frames).map { "step \($0)" },
                         delays: (0..<frames).map { 40 + 10 * $0 })
}

/// Runs `scripts/check_apng.py` (chunk structure and CRCs read independently, then
/// Pillow's decoder) on `png` and returns its JSON report.
func checkWithPillow(_ png: Data, extractInto folder: URL? = nil) throws -> [String: Any] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("apng-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("a.png")
    try png.write(to: file)
    let process = Process()
    // Debian's interpreter, where python3-pil (scripts/setup.sh) installs Pillow.
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [root.appendingPathComponent("scripts/check_apng.py").path, file.path]
        + (folder.map { ["--extract", $0.path] } ?? [])
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "check_apng.py: \(stderr)")
    return try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any], "no JSON from check_apng.py: \(stderr)")
}

@Test func anIndependentDecoderReadsEveryFrameWithItsDelay() throws {
    let animation = try growingCurve()
    let file = try animation.render(scale: 1)
    let report = try checkWithPillow(file.png)
    #expect(report["frames"] as? Int == 6)
    #expect(report["pillow_frames"] as? Int == 6)
    #expect(report["delays_ms"] as? [Int] == [40, 50, 60, 70, 80, 90])
    #expect(report["pillow_delays_ms"] as? [Int] == [40, 50, 60, 70, 80, 90])
    #expect(report["default_image"] as? Bool == true)
    #expect(report["width"] as? Int == 220 && report["height"] as? Int == 160)
    #expect(report["plays"] as? Int == 0)
    #expect(file.sidecar == AnimationSidecar(frames: 6, labels: (0..<6).map { "step \($0)" },
                                             delaysMs: [40, 50, 60, 70, 80, 90], width: 220, height: 160))
}

@Test func decodedFramesAreTheFramesDrawnOneByOne() throws {
    let animation = try growingCurve(frames: 4)
    let file = try animation.render(scale: 1)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frames-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try checkWithPillow(file.png, extractInto: dir)
    let shared = try animation.sharedFrames()
    for (k, frame) in shared.enumerated() {
        let still = dir.appendingPathComponent("still-\(k).png")
        try frame.pngData(scale: 1).write(to: still)
        let decoded = try PNGImage(contentsOf: dir.appendingPathComponent("frame-\(k).png"))
        #expect(decoded == (try PNGImage(contentsOf: still)), "frame \(k) differs from its still")
    }
    // A viewer without APNG support shows the finished picture.
    #expect(try PNGImage(contentsOf: dir.appendingPathComponent("default.png"))
            == (try PNGImage(contentsOf: dir.appendingPathComponent("still-3.png"))))
}

@Test func framesAfterTheFirstCoverOnlyWhatChanged() throws {
    // Two frames that differ in one small square: the second frame's region is that square.
    var a = RasterImage(width: 40, height: 30, pixels: [UInt32](repeating: 0xFFFFFF, count: 1200))
    var b = a
    for y in 10..<14 { for x in 20..<23 { b.pixels[y * 40 + x] = 0x0072B2 } }
    #expect(APNGEncoder.changed(from: a, to: b) == APNGEncoder.Region(x: 20, y: 10, width: 3, height: 4))
    #expect(APNGEncoder.changed(from: a, to: a) == APNGEncoder.Region(x: 0, y: 0, width: 1, height: 1))
    a.pixels[0] = 0x000000
    let report = try checkWithPillow(Data(APNGEncoder.encode([a, b, b], delays: [100, 100, 100])))
    #expect(report["regions"] as? [[Int]] == [[0, 0, 40, 30], [0, 0, 23, 14], [0, 0, 1, 1]])
    #expect(report["color_type"] as? Int == 3)   // three colours: indexed
}

@Test func manyColoursAreWrittenAsRGBA() throws {
    let frame = RasterImage(width: 32, height: 32, pixels: (0..<1024).map { UInt32($0) * 0x010203 & 0xFFFFFF })
    let report = try checkWithPillow(Data(APNGEncoder.encode([frame, frame], delays: [10, 10])))
    #expect(report["color_type"] as? Int == 6)
}

@Test func regionsStayInsideTheImage() throws {
    let file = try growingCurve().render(scale: 1.5)
    let report = try checkWithPillow(file.png)
    let width = try #require(report["width"] as? Int), height = try #require(report["height"] as? Int)
    for region in try #require(report["regions"] as? [[Int]]) {
        #expect(region[0] >= 0 && region[1] >= 0 && region[2] >= 1 && region[3] >= 1)
        #expect(region[0] + region[2] <= width && region[1] + region[3] <= height)
    }
    #expect(width == file.sidecar.width && height == file.sidecar.height)
}

@Test func theSameAnimationGivesTheSameBytes() throws {
    let first = try growingCurve().render(scale: 1)
    let second = try growingCurve().render(scale: 1)
    #expect(first.png == second.png)
    #expect(try first.sidecar.json() == second.sidecar.json())
}

@Test func framesShareAxesTicksAndLegend() throws {
    let frames = try growingCurve().sharedFrames()
    let lists = try frames.map { try $0.layout() }
    let ticks = lists.map { $0.texts(tagged: "y.tick-label").map(\.string) }
    #expect(Set(ticks.map { $0.joined(separator: ",") }).count == 1)
    let legends = lists.map { $0.paths(tagged: "legend").first.map { "\($0.elements)" } ?? "" }
    #expect(Set(legends).count == 1)
    // Without sharing, the first frame's axis would end far below the last frame's data.
    #expect(frames[0].panels[0].y.limits == frames[5].panels[0].y.limits)
    #expect((frames[0].panels[0].y.limits?.upperBound ?? 0) >= 36)
}

@Test func badAnimationsAreRefusedWithAReason() throws {
    let frame = Figure(width: 100, height: 100, panel: Panel())
    #expect(throws: PlotError.invalidAnimation("an animation needs at least one frame")) {
        try Animation(frames: [], labels: [])
    }
    #expect(throws: PlotError.self) { try Animation(frames: [frame], labels: ["a", "b"]) }
    #expect(throws: PlotError.self) { try Animation(frames: [frame], labels: ["a"], delays: [0]) }
    let other = Figure(width: 120, height: 100, panel: Panel())
    #expect(throws: PlotError.self) { try Animation(frames: [frame, other], labels: ["a", "b"]) }
}

@Test func galleryAnimationsStayWithinTheirBudget() throws {
    for item in try Gallery.animations {
        let file = try item.animation.render(scale: 1)
        #expect(file.png.count < 3_000_000, "\(item.name): \(file.png.count) bytes")
        #expect(file.sidecar.frames == item.animation.frames.count)
    }
}

@Test(arguments: [3, 400])
func differencedFramesDecodeToTheOriginals(colours: Int) throws {
    // Three frames: a stripe pattern, then a block moved over it, then the block moved on.
    func frame(_ shift: Int) -> RasterImage {
        var image = RasterImage(width: 48, height: 36, pixels: (0..<(48 * 36)).map { UInt32($0 % colours) * 0x000101 })
        for y in 8..<20 { for x in (4 + shift)..<(16 + shift) { image.pixels[y * 48 + x] = 0xD55E00 } }
        return image
    }
    let frames = [frame(0), frame(10), frame(20)]
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = try checkWithPillow(Data(APNGEncoder.encode(frames, delays: [50, 50, 50])), extractInto: dir)
    #expect(report["color_type"] as? Int == (colours <= 256 ? 3 : 6))
    for (k, original) in frames.enumerated() {
        let decoded = try PNGImage(contentsOf: dir.appendingPathComponent("frame-\(k).png"))
        let wrong = zip(decoded.pixels, original.pixels).filter { $0 != $1 | 0xFF00_0000 }.count
        #expect(decoded.pixels.count == original.pixels.count && wrong == 0, "frame \(k) with \(colours) colours: \(wrong) pixels differ")
    }
}
