import Foundation
import Testing
import Plot
@testable import Notebook

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figure-writer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Test func figureFilesAreTheSameBytesWhateverTheJobs() throws {
    let figures = Gallery.items.prefix(4).map { (name: $0.name, figure: $0.figure) }
    var folders: [URL] = []
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    for jobs in [1, 3] {
        let folder = try temporaryFolder()
        folders.append(folder)
        let files = try FigureWriter.write(figures, formats: ["png", "svg"], scale: 1, into: folder, jobs: jobs)
        #expect(files == figures.map { ["\($0.name).png", "\($0.name).svg"] })
    }
    for figure in figures {
        let direct = try figure.figure.layout()
        for format in ["png", "svg"] {
            let file = "\(figure.name).\(format)"
            let one = try Data(contentsOf: folders[0].appendingPathComponent(file))
            #expect(one == (try Data(contentsOf: folders[1].appendingPathComponent(file))), "\(file) depends on --jobs")
            #expect(one == (format == "png" ? try direct.pngData(scale: 1) : try direct.svgData()), "\(file) differs from one figure drawn alone")
        }
    }
}

@Test func aFigureThatCannotBeDrawnIsNamedWithItsFormat() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let figures = Gallery.items.prefix(2).map { (name: $0.name, figure: $0.figure) }
    do {
        try FigureWriter.write(figures, formats: ["png", "gif"], scale: 1, into: folder, jobs: 2)
        Issue.record("an unknown format was written")
    } catch let failure as FigureWriter.Failure {
        #expect(failure.figure == 0 && failure.format == "gif")
        #expect("\(failure)".contains(".gif"))
    }
}

@Test func fileBytesWritesReplacesAndNamesWhyItCannot() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("f.bin")
    let big = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    try FileBytes.write(big, to: file)
    #expect(FileBytes.read(file) == big)
    try FileBytes.write(Data("short".utf8), to: file)
    #expect(FileBytes.read(file) == Data("short".utf8))
    do {
        try FileBytes.write(big, to: folder.appendingPathComponent("missing/f.bin"))
        Issue.record("a file was written into a missing folder")
    } catch let failure as FileBytes.WriteFailure {
        #expect("\(failure)" == "No such file or directory")
    }
}

@Test func aFigureThatCannotBeWrittenNamesItsPath() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let figures = Gallery.items.prefix(1).map { (name: $0.name, figure: $0.figure) }
    do {
        try FigureWriter.write(figures, formats: ["svg"], scale: 1, into: folder.appendingPathComponent("gone"))
        Issue.record("a figure was written into a missing folder")
    } catch let failure as FigureWriter.Failure {
        #expect(failure.figure == 0 && failure.format == "svg")
        #expect("\(failure)".contains("gone/\(figures[0].name).svg") && "\(failure)".contains("No such file or directory"), "\(failure)")
    }
}
