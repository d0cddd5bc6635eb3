import Foundation
import Learning
import Notebook
import Tensor

/// The examples one training setup learns from: its `DataParameters` turned into train,
/// validation and test splits, standardised on the training split, with label noise
/// applied to the training labels. Depends only on the parameters, the cell's seed and
/// (for a CSV) the file's bytes, never on a trial's seed, so every seed and every point
/// of a sweep that shares the data trains on the same examples.
struct TrainData: Sendable {
    let dataset: Dataset
    /// `two spirals (200 points per class, 1.75 turns)`, for captions.
    let description: String
    /// For a sequence set, the true length of every test sequence (before rows are cut to
    /// `steps`), in the test split's order; empty otherwise.
    var testLengths: [Int] = []

    /// What the data depends on: part of every trial's cache key.
    struct Spec: Codable, Hashable, Sendable {
        var parameters: DataParameters
        var seed: UInt64
        /// SHA-256 of the CSV file, empty for the built-in sets.
        var fileDigest: String
    }

    /// The spec of `parameters` for a cell with `seed`: a CSV file's digest is the one the
    /// planner made (`digests`, by path, from `ExperimentContext.inputDigests`), and the file
    /// is hashed here only when the planner did not (a run outside a render, or a sweep
    /// point that names another file).
    static func spec(_ parameters: DataParameters, seed: UInt64, lessonDirectory: String,
                     digests: [String: String] = [:]) -> Spec {
        var digest = ""
        if parameters.source == .csv {
            if let known = digests[parameters.path] {
                digest = known
            } else if let bytes = FileBytes.read(atPath: resolve(parameters.path, in: lessonDirectory)) {
                digest = SHA256.hex(of: [UInt8](bytes))
            }
        }
        return Spec(parameters: parameters, seed: seed, fileDigest: digest)
    }

    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// Loads the examples (reads Fashion-MNIST or the CSV file).
    static func load(_ spec: Spec, lessonDirectory: String) throws -> TrainData {
        let p = spec.parameters
        let seed = spec.seed
        var data: Dataset
        var testLengths: [Int] = []
        switch p.source {
        case .spiral:
            data = try Datasets.spiral(pointsPerClass: p.points, turns: p.turns, noise: p.noise, seed: seed,
                                       validation: p.validationShare, test: p.testShare)
        case .disk:
            data = try Datasets.diskAnnulus(pointsPerClass: p.points, noise: p.noise, seed: seed,
                                            validation: p.validationShare, test: p.testShare)
        case .blobs:
            data = try Datasets.blobs(pointsPerClass: p.points, classes: p.classes, standardDeviation: p.spread, seed: seed,
                                      validation: p.validationShare, test: p.testShare)
        case .sawtooth:
            data = try Datasets.sawtooth(points: p.points, teeth: p.teeth, noise: p.noise, seed: seed,
                                         validation: p.validationShare, test: p.testShare)
        case .teacher:
            let all = try Datasets.teacherStudent(inputs: p.inputs, train: p.points, test: 0, teacher: .linear,
                                                  noise: p.noise, seed: seed)
            data = try all.resplit(validation: p.validationShare, test: p.testShare, seed: seed ^ 0x5EED)
        case .fashionMNIST:
            let total = p.train + p.validation + p.test
            let all = try FashionMNIST.load(split: .train, limit: total)
            guard all.count == total else {
                throw LearningError.invalidSetting(name: "data.train + data.validation + data.test",
                                                   expected: "at most \(all.count) Fashion-MNIST training images",
                                                   found: "\(total)")
            }
            var features = all.features
            var side = 28
            while side > p.pixels {
                features = BatchData.pool2x2(features, side: side)
                side /= 2
            }
            let pooled = DataSplit(features: features, labels: all.labels)
            data = Dataset(name: "fashion-mnist", train: pooled.subset(Array(0..<p.train)),
                           validation: pooled.subset(Array(p.train..<(p.train + p.validation))),
                           test: pooled.subset(Array((p.train + p.validation)..<total)),
                           classCount: 10, classNames: FashionMNIST.classNames)
        case .clusters:
            let drawn = BatchData.clusters(BatchData.Spec(source: .synthetic, train: p.train, validation: p.validation + p.test,
                                                          inputs: p.inputs, spread: p.spread, seed: seed))
            data = Dataset(name: "clusters", train: drawn.train, validation: drawn.validation.subset(Array(0..<p.validation)),
                           test: drawn.validation.subset(Array(p.validation..<(p.validation + p.test))), classCount: 10)
        case .csv:
            let path = resolve(p.path, in: lessonDirectory)
            let table = try CSVDataSet.read(path: path, shownPath: p.path, target: p.target)
            let split: DataSplit
            if table.isClassification {
                split = DataSplit(features: table.features, labels: table.labels)
            } else {
                var y = Matrix<Float>(rows: table.targets.count, columns: 1)
                for (i, t) in table.targets.enumerated() { y[i, 0] = Float(t) }
                split = DataSplit(features: table.features, targets: y)
            }
            let whole = Dataset(name: "csv", train: split, classCount: table.isClassification ? table.classNames.count : 0,
                                classNames: table.classNames)
            data = try whole.resplit(validation: p.validationShare, test: p.testShare, seed: seed ^ 0x5EED)
        case .symbolCounts:
            (data, testLengths) = try p.symbolCounts.make(seed: seed)
        }
        if p.labelNoise > 0, data.isClassification {
            data.train = corrupt(data.train, share: p.labelNoise, classes: data.classCount, seed: seed)
        }
        if p.standardize && p.source != .symbolCounts {
            data = standardised(data, perColumn: p.source != .fashionMNIST && p.source != .clusters)
        }
        if p.task == .reconstruct { data = reconstruction(of: data) }
        return TrainData(dataset: data, description: p.description, testLengths: testLengths)
    }

    /// The same inputs with themselves as regression targets and no labels, so that the
    /// trainer fits (and evaluates) mean squared error between output and input.
    static func reconstruction(of data: Dataset) -> Dataset {
        func inputsAsTargets(_ split: DataSplit) -> DataSplit { DataSplit(features: split.features, targets: split.features) }
        return Dataset(name: data.name, train: inputsAsTargets(data.train), validation: inputsAsTargets(data.validation),
                       test: inputsAsTargets(data.test), classCount: 0)
    }

    /// The training split with `share` of its labels (rounded, chosen by a seeded shuffle)
    /// replaced by another class drawn uniformly.
    static func corrupt(_ split: DataSplit, share: Double, classes: Int, seed: UInt64) -> DataSplit {
        var rng = SeededGenerator(seed: seed).derive(stream: 77)
        let count = Int((share * Double(split.count)).rounded())
        let chosen = rng.permutation(split.count).prefix(count)
        var labels = split.labels
        for i in chosen {
            let shift = 1 + rng.integer(below: classes - 1)
            labels[i] = (labels[i] + shift) % classes
        }
        return DataSplit(features: split.features, labels: labels, targets: split.targets)
    }

    /// Standardises features (per column, or one mean and deviation for all columns) and
    /// regression targets with the training split's numbers (population deviations).
    static func standardised(_ data: Dataset, perColumn: Bool) -> Dataset {
        let x = data.train.features
        let columns = x.columns
        var mean = [Double](repeating: 0, count: columns), scale = [Double](repeating: 1, count: columns)
        if perColumn {
            for j in 0..<columns {
                var s = 0.0
                for i in 0..<x.rows { s += Double(x[i, j]) }
                let m = s / Double(max(x.rows, 1))
                var v = 0.0
                for i in 0..<x.rows { v += (Double(x[i, j]) - m) * (Double(x[i, j]) - m) }
                let sd = (v / Double(max(x.rows, 1))).squareRoot()
                mean[j] = m
                scale[j] = sd > 1e-12 ? 1 / sd : 1
            }
        } else {
            let values = x.storage
            let n = Double(max(values.count, 1))
            let m = values.reduce(0.0) { $0 + Double($1) } / n
            let v = values.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / n
            mean = [Double](repeating: m, count: columns)
            scale = [Double](repeating: v > 1e-24 ? 1 / v.squareRoot() : 1, count: columns)
        }
        var targetMean = 0.0, targetScale = 1.0
        if !data.isClassification, data.train.targets.columns == 1, data.train.count > 0 {
            let y = (0..<data.train.count).map { Double(data.train.targets[$0, 0]) }
            targetMean = y.reduce(0, +) / Double(y.count)
            let v = y.reduce(0.0) { $0 + ($1 - targetMean) * ($1 - targetMean) } / Double(y.count)
            targetScale = v > 1e-24 ? 1 / v.squareRoot() : 1
        }
        func apply(_ split: DataSplit) -> DataSplit {
            var f = split.features
            for i in 0..<f.rows {
                for j in 0..<columns { f[i, j] = Float((Double(f[i, j]) - mean[j]) * scale[j]) }
            }
            var t = split.targets
            if t.columns == 1 {
                for i in 0..<t.rows { t[i, 0] = Float((Double(t[i, 0]) - targetMean) * targetScale) }
            }
            return DataSplit(features: f, labels: split.labels, targets: t)
        }
        var out = data
        out.train = apply(data.train)
        out.validation = apply(data.validation)
        out.test = apply(data.test)
        return out
    }
}
