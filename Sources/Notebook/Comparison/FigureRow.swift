import Foundation
import Plot

/// One figure of a compared cell: each run's file and how it differs from the first run
/// showing it (the reference).
public struct FigureRow: Sendable {
    /// The id of the cell the figure belongs to.
    public var cell: String
    /// The figure's `show:` name.
    public var name: String
    /// The figure's title in the reference run (the name when it has none).
    public var title: String
    /// The figure's caption in the reference run.
    public var caption: String
    /// Per run: the image file relative to its run folder (PNG where there is one), or nil.
    public var files: [String?]
    /// The first run showing the figure; differences are measured against it.
    public var reference: Int
    /// Per run: how it differs from the reference (nil for the reference and runs without it).
    public var changes: [FigureChange?]

    init(cell: String, name: String, records: [FigureRecord?], runs: [ComparedRun]) throws {
        self.cell = cell
        self.name = name
        let reference = records.firstIndex { $0 != nil } ?? 0
        self.reference = reference
        title = records[reference]?.title ?? name
        caption = records[reference]?.caption ?? ""
        let files = records.map { record in
            record.flatMap { $0.files.first { $0.hasSuffix(".png") } ?? $0.files.first }
        }
        self.files = files
        var images: [PNGImage?] = []
        for (index, file) in files.enumerated() {
            guard let file else { images.append(nil); continue }
            let url = runs[index].file(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw NotebookError(file: runs[index].shownPath(file), message:
                    "the figure file listed in data/\(cell).json is missing; expected the run's figures (render the lesson again)")
            }
            if file.hasSuffix(".png") {
                do {
                    images.append(try PNGImage(contentsOf: url))
                } catch {
                    throw NotebookError(file: runs[index].shownPath(file), message: "cannot read the figure: it is not a readable PNG image; expected the run's figures (render the lesson again)")
                }
            } else {
                images.append(nil)
            }
        }
        changes = files.indices.map { index -> FigureChange? in
            guard index != reference, let file = files[index], let referenceFile = files[reference] else { return nil }
            if let image = images[index], let base = images[reference] {
                guard let difference = PixelDifference(baseline: base, other: image) else {
                    return .sizeDiffers(base: (base.width, base.height), other: (image.width, image.height))
                }
                return difference.identical ? .identical : .changed(difference)
            }
            // No pixels to compare (SVG or PDF only): compare the bytes.
            let same = FileManager.default.contentsEqual(atPath: runs[index].file(file).path,
                                                         andPath: runs[reference].file(referenceFile).path)
            return same ? .identical : .bytesDiffer
        }
    }

    /// True when every run showing the figure shows it pixel for pixel the same.
    public var identical: Bool {
        changes.allSatisfy { change in
            if case .identical? = change { return true }
            return change == nil
        }
    }
}

/// How a figure differs from the reference run's.
public enum FigureChange: Sendable {
    /// Pixel for pixel (or byte for byte) the same.
    case identical
    /// Same size, some pixels changed.
    case changed(PixelDifference)
    /// Sizes in pixels differ, so there is no pixel comparison.
    case sizeDiffers(base: (width: Int, height: Int), other: (width: Int, height: Int))
    /// Not PNG (SVG or PDF only) and the files are not byte-identical.
    case bytesDiffer
}
