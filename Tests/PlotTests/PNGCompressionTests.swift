import Foundation
import Testing
@testable import Plot

@Test func everyCompressionDecodesToTheSamePixels() throws {
    let list = try Gallery.items[0].figure.layout()
    let image = try list.image(scale: 1)
    let expected = try #require(decodePNG(image.pngData(compression: .own)))
    for compression in PNGCompression.compared {
        let decoded = try #require(decodePNG(image.pngData(compression: compression)), "\(compression) does not decode")
        #expect(decoded.width == image.width && decoded.height == image.height)
        #expect(decoded.pixels == expected.pixels, "\(compression) changes pixels")
    }
}

@Test func zlibSettingsGiveTheSameBytesEveryTime() throws {
    let image = try Gallery.items[5].figure.layout().image(scale: 1)
    for compression in PNGCompression.compared {
        #expect(image.pngData(compression: compression) == image.pngData(compression: compression))
    }
}

@Test func figuresAreWrittenWithTheStandardCompression() throws {
    let figure = Gallery.items[1].figure
    let list = try figure.layout()
    #expect(try list.pngData(scale: 1) == (try list.image(scale: 1)).pngData(compression: .standard))
}
