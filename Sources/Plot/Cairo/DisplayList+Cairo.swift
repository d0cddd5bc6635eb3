import Foundation

/// The display list's files, drawn by `CairoCanvas`: the one place that picks the
/// backend for PNG, SVG and PDF (`Figure`, `Animation` and the slides reach Cairo only
/// through these).
extension DisplayList {
    /// Pages drawn one after another into one PDF document, each page the size of its list
    /// (slides: `SlideDeckPDF`). Same pages, same bytes.
    public static func pdfDocument(pages: [DisplayList]) throws -> Data { try CairoCanvas.renderPDF(pages: pages) }

    /// The list drawn as PNG bytes, `scale` pixels per point.
    public func pngData(scale: Double = 2) throws -> Data { try CairoCanvas.render(self, format: .png(scale: scale)) }
    /// The list drawn at `scale` pixels per point as opaque pixels in memory (what the PNG
    /// encoder compresses; `lessonbook bench --only PNG` measures encoders on it).
    /// `markers` chooses how scatter markers are rasterised (`lessonbook bench --only MARKERS`
    /// compares the two).
    public func image(scale: Double = 2, markers: MarkerRasterization = .standard) throws -> PNGImage {
        let raster = try raster(scale: scale, markers: markers)
        var image = PNGImage(width: raster.width, height: raster.height)
        image.pixels = raster.pixels.map { $0 | 0xFF00_0000 }
        return image
    }
    /// The list drawn as SVG bytes with Cairo's ids renumbered (same list, same bytes).
    public func svgData() throws -> Data { try CairoCanvas.render(self, format: .svg) }
    /// The list drawn as PDF bytes.
    public func pdfData() throws -> Data { try CairoCanvas.render(self, format: .pdf) }

    /// The list drawn at `scale` pixels per point as opaque `0x00RRGGBB` pixels (an
    /// animation's frames).
    func raster(scale: Double, markers: MarkerRasterization = .standard) throws -> RasterImage {
        try CairoCanvas.raster(self, scale: scale, markers: markers)
    }
}

extension Theme {
    /// What layout measures this theme's text with: Cairo's metrics of `fontFamily`, the
    /// ones `CairoCanvas` draws with.
    var textMeasurer: any TextMeasuring { CairoTextMeasurer(family: fontFamily) }
}
