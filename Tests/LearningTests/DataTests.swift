import Foundation
import Testing
@testable import Learning
@testable import Tensor

@Test func spiralPointsFollowThePlaygroundFormula() throws {
    let data = try Datasets.spiral(pointsPerClass: 100, turns: 1.75, noise: 0, seed: 0)
    #expect(data.train.count == 200 && data.classCount == 2)
    let i = 40
    let r = 5.0 * Double(i) / 100, t = 1.75 * 2 * Double.pi * Double(i) / 100
    #expect(abs(Double(data.train.features[i, 0]) - r * sin(t)) < 1e-5)
    #expect(abs(Double(data.train.features[i, 1]) - r * cos(t)) < 1e-5)
    #expect(abs(Double(data.train.features[100 + i, 0]) + r * sin(t)) < 1e-5)   // class 1: t + pi
    #expect(data.train.labels[100 + i] == 1)
    let noisy = try Datasets.spiral(pointsPerClass: 100, noise: 0.1, seed: 0)
    let gap = zip(noisy.train.features.storage, data.train.features.storage).map { abs($0 - $1) }.max()!
    #expect(gap <= 0.1 + 1e-6 && gap > 0.05)
    #expect(try Datasets.spiral(pointsPerClass: 100, seed: 3) == Datasets.spiral(pointsPerClass: 100, seed: 3))
}

@Test func otherGeneratorsHaveTheirShapesAndRanges() throws {
    let disk = try Datasets.diskAnnulus(pointsPerClass: 100, innerRadius: 2, annulus: 3...4, seed: 1)
    for r in 0..<200 {
        let radius = Double(hypot(disk.train.features[r, 0], disk.train.features[r, 1]))
        #expect(disk.train.labels[r] == 0 ? radius <= 2 + 1e-5 : (radius >= 3 - 1e-5 && radius <= 4 + 1e-5))
    }
    let blobs = try Datasets.blobs(pointsPerClass: 20, classes: 4, seed: 1)
    #expect(blobs.train.count == 80 && blobs.classCount == 4)
    let saw = try Datasets.sawtooth(points: 50, teeth: 2, seed: 1)
    #expect(saw.train.targets.columns == 1 && saw.classCount == 0)
    #expect(Datasets.sawtoothValue(0.25, teeth: 2, interval: 0...1) == 0)
    for teacher in [Datasets.Teacher.linear, .network(hidden: [8], activation: .relu)] {
        let ts = try Datasets.teacherStudent(inputs: 5, train: 30, test: 40, teacher: teacher, seed: 2)
        #expect(ts.train.count == 30 && ts.test.count == 40 && ts.outputSize == 1)
    }
    #expect(throws: LearningError.self) { try Datasets.spiral(pointsPerClass: 0) }
}

@Test func theIDXReaderReadsPlainAndGzipFilesItWrote() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("idx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes: [UInt8] = (0..<24).map { UInt8($0 * 10) }
    let plain = folder.appendingPathComponent("a.idx").path
    try IDXFile.write(path: plain, dimensions: [2, 3, 4], bytes: bytes, compressed: false)
    let zipped = folder.appendingPathComponent("a.idx.gz").path
    try IDXFile.write(path: zipped, dimensions: [2, 3, 4], bytes: bytes, compressed: true)
    // The compressed file really is gzip (magic 1f 8b) and differs from the plain one.
    let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zipped)))
    #expect(raw.prefix(2) == [0x1f, 0x8b])
    for path in [plain, zipped] {
        let file = try IDXFile.read(path: path)
        #expect(file.dimensions == [2, 3, 4])
        #expect(file.bytes == bytes)
    }
    // Truncated data and a wrong element type are reported.
    let bad = folder.appendingPathComponent("bad.idx").path
    try Data(IDXFile.encode(dimensions: [5], bytes: [1, 2])).write(to: URL(fileURLWithPath: bad))
    #expect(throws: LearningError.self) { try IDXFile.read(path: bad) }
    #expect(throws: LearningError.self) { try IDXFile.parse([0, 0, 0x0D, 1, 0, 0, 0, 0]) }
    #expect(throws: LearningError.self) { try IDXFile.read(path: folder.appendingPathComponent("none").path) }
}

@Test func fashionMNISTSubsetsByClassAndSize() throws {
    guard FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory + "/train-labels-idx1-ubyte.gz") else { return }
    let all = try FashionMNIST.load(split: .train, limit: 10)
    // The published training set starts with labels 9, 0, 0, 3, 0, 2, 7, 2, 5, 5.
    #expect(all.labels == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
    #expect(all.features.columns == 784)
    #expect(all.features.storage.allSatisfy { $0 >= 0 && $0 <= 1 } && all.features.storage.contains { $0 > 0.9 })
    let two = try FashionMNIST.dataset(classes: [9, 0], trainLimit: 50, testLimit: 20, validation: 0.2, seed: 1)
    #expect(two.classCount == 2 && two.classNames == ["Ankle boot", "T-shirt/top"])
    #expect(two.train.count == 40 && two.validation.count == 10 && two.test.count == 20)
    #expect(Set(two.train.labels + two.test.labels) == [0, 1])
}

@Test func aMissingFashionMNISTFolderNamesThePackageToInstall() {
    do {
        _ = try FashionMNIST.load(split: .test, directory: "/nonexistent/fashion")
        Issue.record("expected an error")
    } catch {
        #expect("\(error)".contains("apt-get install dataset-fashion-mnist"))
    }
}

@Test func randomFeaturesInterpolateAboveTheTrainingSizeAndCountFourierPairs() throws {
    var rng = SeededGenerator(seed: 4)
    let x: Matrix<Double> = rng.normalMatrix(rows: 30, columns: 3)
    let y: Matrix<Double> = rng.normalMatrix(rows: 30, columns: 1)
    let relu = try RandomFeatures(kind: .relu(), inputs: 3, features: 100, seed: 1)
    let model = try relu.fit(x, y)
    #expect(try model.meanSquaredError(x, y) < 1e-12)
    let ridge = try relu.fit(x, y, method: .ridge(lambda: 10))
    #expect(ridge.coefficientNorm < model.coefficientNorm)
    let fourier = try RandomFeatures(kind: .fourier(bandwidth: 1), inputs: 3, features: 7, seed: 1)
    let phi = try fourier.transform(x)
    #expect(phi.columns == 7 && fourier.projection.rows == 4)
    // cos^2 + sin^2 = 1 for each pair.
    #expect(abs(phi[0, 0] * phi[0, 0] + phi[0, 1] * phi[0, 1] - 1) < 1e-12)
}

@Test func linearProbesSeparateBlobsButNotTheSpiral() throws {
    let blobs = try Datasets.blobs(pointsPerClass: 50, classes: 3, standardDeviation: 0.3, seed: 1)
    #expect(try LinearProbe.accuracy(features: blobs.train.features, labels: blobs.train.labels) == 1)
    let spiral = try Datasets.spiral(pointsPerClass: 100, seed: 1)
    #expect(try LinearProbe.accuracy(features: spiral.train.features, labels: spiral.train.labels) < 0.8)
}
