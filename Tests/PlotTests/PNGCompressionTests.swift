import Foundation
import Testing
@testable import Plot

@Test func everyCompressionDecodesToTheSamePixels() throws {
    let list = try Gallery.items[0].figure.layout()
    let image = try list.image(scale: 1)
    let expected = try #require(decodePNG(image.pngData(compression: .own)))
    for compression in PNGCompression.compared {
        for filter in [PNGRowFilter.none, .subOrUp] {
            let decoded = try #require(decodePNG(image.pngData(filter: filter, compression: compression)),
                                       "\(compression)/\(filter) does not decode")
            #expect(decoded.width == image.width && decoded.height == image.height)
            #expect(decoded.pixels == expected.pixels, "\(compression)/\(filter) changes pixels")
        }
    }
}

@Test func bothRowFiltersKeepTranslucentPixels() throws {
    var image = PNGImage(width: 7, height: 5)
    for y in 0..<5 {
        for x in 0..<7 { image[x, y] = UInt32(40 * y + 10) << 24 | UInt32(x * 30) << 16 | UInt32(y * 50) << 8 | 0x80 }
    }
    let none = try #require(decodePNG(image.pngData(filter: .none)))
    let subOrUp = try #require(decodePNG(image.pngData(filter: .subOrUp)))
    #expect(none.pixels == subOrUp.pixels)
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
