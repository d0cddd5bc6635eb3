import Foundation
import Plot
import Testing
@testable import Notebook

@Test func identicalImagesHaveNoChangedPixels() {
    var image = PNGImage(width: 4, height: 3)
    image[1, 2] = 0xFF00_0000
    let difference = PixelDifference(baseline: image, other: image)
    #expect(difference?.changedPixels == 0)
    #expect(difference?.identical == true)
    #expect(difference?.totalPixels == 12)
}

@Test func changedPixelsAreCountedAndColouredByWhichSideHasInk() throws {
    let base = PNGImage(width: 4, height: 2)
    var other = base
    other[0, 0] = 0xFF00_0000                         // ink appears: blue
    other[1, 0] = 0xFFFF_FFFE                         // barely different: black
    var inked = base
    inked[2, 1] = 0xFF00_0000
    let difference = try #require(PixelDifference(baseline: base, other: other))
    #expect(difference.changedPixels == 2)
    #expect(difference.changedShare == 0.25)
    #expect(difference.image[0, 0] == 0xFF00_72B2)
    #expect(difference.image[1, 0] == 0xFF00_0000)
    // Unchanged white stays white; unchanged black is faded to light grey.
    #expect(difference.image[3, 1] == 0xFFFF_FFFF)
    let gone = try #require(PixelDifference(baseline: inked, other: base))
    #expect(gone.image[2, 1] == 0xFFE6_9F00)
    let faded = try #require(PixelDifference(baseline: inked, other: inked))
    #expect(faded.image[2, 1] == 0xFFD9_D9D9)
}

@Test func imagesOfDifferentSizesAreNotComparedPixelByPixel() {
    #expect(PixelDifference(baseline: PNGImage(width: 2, height: 2), other: PNGImage(width: 3, height: 2)) == nil)
}

@Test func aPNGImageReadsBackWhatItWrote() throws {
    let folder = TemporaryFolder()
    var image = PNGImage(width: 5, height: 4, fill: 0xFF11_2233)
    image[4, 3] = 0xFFFF_0000
    image[0, 0] = 0x0000_0000
    let url = folder.url.appendingPathComponent("image.png")
    try image.write(to: url)
    let back = try PNGImage(contentsOf: url)
    #expect(back == image)
    try image.write(to: folder.url.appendingPathComponent("again.png"))
    #expect(try Data(contentsOf: url) == Data(contentsOf: folder.url.appendingPathComponent("again.png")))
    // Half-transparent pixels survive too (premultiplied 0x40 at alpha 0x80 is 0x80 straight).
    image[2, 1] = 0x8040_2010
    try image.write(to: url)
    #expect(try PNGImage(contentsOf: url) == image)
}

@Test func anOpaquePNGImageIsWrittenAsRGB() throws {
    let folder = TemporaryFolder()
    let url = folder.url.appendingPathComponent("opaque.png")
    try PNGImage(width: 3, height: 2, fill: 0xFF12_3456).write(to: url)
    let bytes = [UInt8](try Data(contentsOf: url))
    #expect(bytes[25] == 2)    // IHDR colour type: 2 is RGB, 6 RGBA
    #expect(try PNGImage(contentsOf: url).pixels == [UInt32](repeating: 0xFF12_3456, count: 6))
}

@Test func unreadablePNGFilesAreNamed() throws {
    let folder = TemporaryFolder()
    let missing = folder.url.appendingPathComponent("missing.png")
    #expect(throws: PlotError.self) { try PNGImage(contentsOf: missing) }
    let broken = folder.url.appendingPathComponent("broken.png")
    try Data("not a png".utf8).write(to: broken)
    do {
        _ = try PNGImage(contentsOf: broken)
        Issue.record("expected an error")
    } catch let PlotError.image(path, message) {
        #expect(path == broken.path)
        #expect(message.contains("cannot read it as a PNG image"))
    }
}
