import Foundation
import Learning
import Tensor

/// A classification task posed as regression on one-hot targets, ready for random
/// features: Double inputs (one example per row), the training labels at each label-noise
/// level, and the clean test labels.
struct RegressionTask: Sendable {
    /// A short description for captions (`1,000 Fashion-MNIST images`).
    var name: String
    var trainInputs: Matrix<Double>
    var testInputs: Matrix<Double>
    /// Clean training labels.
    var trainLabels: [Int]
    var testLabels: [Int]
    var classCount: Int

    var trainCount: Int { trainInputs.rows }

    /// One-hot targets for `labels`.
    func oneHot(_ labels: [Int]) -> Matrix<Double> {
        var m = Matrix<Double>(rows: labels.count, columns: classCount)
        for (i, label) in labels.enumerated() { m.storage[i * classCount + label] = 1 }
        return m
    }

    /// The training labels with a fraction `noise` of them (chosen at random) replaced by
    /// a class drawn uniformly (which may be the true class again), as in Belkin et al.
    func noisyLabels(_ noise: Double, seed: UInt64) -> [Int] {
        guard noise > 0 else { return trainLabels }
        var rng = SeededGenerator(seed: seed)
        return trainLabels.map { label in
            rng.uniform() < noise ? rng.integer(below: classCount) : label
        }
    }

    /// `train` images drawn from the first 10,000 of Fashion-MNIST's training file and
    /// `test` from its test file, both without replacement by `seed`. Pixels are scaled to
    /// [0, 1], the training subset's mean image is subtracted from both sets, and both are
    /// divided by one number so the training images have mean squared norm 1.
    static func fashionMNIST(directory: String, train: Int, test: Int, seed: UInt64) throws -> RegressionTask {
        let pool = 10_000
        guard train <= pool, test <= 10_000 else {
            throw LearningError.invalidSetting(name: "train/test", expected: "at most 10,000 images each",
                                               found: "train \(train), test \(test)")
        }
        let trainFile = try FashionMNIST.load(split: .train, limit: pool, directory: directory)
        let testFile = try FashionMNIST.load(split: .test, limit: 10_000, directory: directory)
        guard trainFile.count >= train, testFile.count >= test else {
            throw LearningError.dataFile(path: directory, problem:
                "holds \(trainFile.count) training and \(testFile.count) test images; \(train) and \(test) were asked for")
        }
        var rng = SeededGenerator(seed: seed)
        let trainRows = try rng.sampleWithoutReplacement(from: trainFile.count, count: train)
        let testRows = try rng.sampleWithoutReplacement(from: testFile.count, count: test)
        let d = FashionMNIST.pixels
        // The reader scales bytes to Float in [0, 1]; the solver works in Double.
        func matrix(_ split: DataSplit, _ rows: [Int]) -> Matrix<Double> {
            var m = Matrix<Double>(rows: rows.count, columns: d)
            for (i, r) in rows.enumerated() {
                for j in 0..<d { m.storage[i * d + j] = Double(split.features.storage[r * d + j]) }
            }
            return m
        }
        var xTrain = matrix(trainFile, trainRows)
        var xTest = matrix(testFile, testRows)
        standardise(&xTrain, &xTest)
        return RegressionTask(name: "\(DoubleDescentText.grouped(train)) Fashion-MNIST training images",
                              trainInputs: xTrain, testInputs: xTest,
                              trainLabels: trainRows.map { trainFile.labels[$0] },
                              testLabels: testRows.map { testFile.labels[$0] },
                              classCount: 10)
    }

    /// Teacher-student classification: inputs x ~ N(0, I_d / d), and a random linear
    /// teacher with one output per class (weights N(0, 1)) whose largest output is the label.
    static func teacherStudent(inputs d: Int, classes: Int, train: Int, test: Int, seed: UInt64) -> RegressionTask {
        var rng = SeededGenerator(seed: seed)
        let teacher = rng.normalMatrix(rows: classes, columns: d, as: Double.self)
        let x = rng.normalMatrix(rows: train + test, columns: d, standardDeviation: 1 / Double(d).squareRoot(),
                                 as: Double.self)
        let scores = x * teacher.transposed
        let labels = scores.argmaxRows
        return RegressionTask(name: "\(DoubleDescentText.grouped(train)) teacher-student points in \(d) dimensions",
                              trainInputs: x.rows(0..<train), testInputs: x.rows(train..<(train + test)),
                              trainLabels: Array(labels[0..<train]), testLabels: Array(labels[train...]),
                              classCount: classes)
    }

    /// Centres both sets on the training mean and scales them so the training rows have
    /// mean squared norm 1.
    static func standardise(_ train: inout Matrix<Double>, _ test: inout Matrix<Double>) {
        let d = train.columns
        let mean = train.columnSums.map { $0 / Double(max(train.rows, 1)) }
        for i in 0..<train.rows { for j in 0..<d { train.storage[i * d + j] -= mean[j] } }
        for i in 0..<test.rows { for j in 0..<d { test.storage[i * d + j] -= mean[j] } }
        let meanSquare = train.storage.reduce(0) { $0 + $1 * $1 } / Double(max(train.rows, 1))
        let scale = meanSquare > 0 ? 1 / meanSquare.squareRoot() : 1
        for i in 0..<train.storage.count { train.storage[i] *= scale }
        for i in 0..<test.storage.count { test.storage[i] *= scale }
    }
}
