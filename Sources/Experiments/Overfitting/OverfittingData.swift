import Foundation
import Learning
import Tensor

/// The data of the overfitting lesson: a small Fashion-MNIST training subset (the first
/// `train` images of the training file), the next `validation` images for choosing when to
/// stop, and the first `test` images of the test file for the error reported at that
/// stop. Images are shrunk to 14 x 14 by 2 x 2 averaging and standardised with the
/// training subset's mean and standard deviation, as in the batch-size lesson
/// (`BatchData`). With `noise` > 0 that share of the training labels, and independently
/// the same share of the validation labels, is replaced by a different class drawn
/// uniformly from the other nine (so exactly that share is wrong); the test labels stay
/// clean.
struct OverfittingData: Sendable {
    /// What the data depends on (part of every trial's key).
    struct Spec: Codable, Hashable, Sendable {
        var train: Int
        var validation: Int
        var test: Int
        /// Share of corrupted training and validation labels, in [0, 1).
        var noise: Double
        /// Seed of the label corruption.
        var seed: UInt64
    }

    /// Training examples with the labels the network is trained on.
    let train: DataSplit
    let validation: DataSplit
    let test: DataSplit
    /// Indices of the training examples whose label was replaced, ascending.
    let corrupted: [Int]
    /// The training labels before corruption.
    let trueLabels: [Int]

    static let classes = 10

    static func load(_ spec: Spec) throws -> OverfittingData {
        let all = try FashionMNIST.load(split: .train, limit: spec.train + spec.validation)
        guard all.count == spec.train + spec.validation else {
            throw LearningError.invalidSetting(name: "train + validation",
                                               expected: "at most \(all.count) Fashion-MNIST training images",
                                               found: "\(spec.train + spec.validation)")
        }
        let testImages = try FashionMNIST.load(split: .test, limit: spec.test)
        guard testImages.count == spec.test else {
            throw LearningError.invalidSetting(name: "test", expected: "at most \(testImages.count) Fashion-MNIST test images",
                                               found: "\(spec.test)")
        }
        let pooled = DataSplit(features: BatchData.pool2x2(all.features, side: 28), labels: all.labels)
        let train = pooled.subset(Array(0..<spec.train))
        let validation = pooled.subset(Array(spec.train..<(spec.train + spec.validation)))
        let test = DataSplit(features: BatchData.pool2x2(testImages.features, side: 28), labels: testImages.labels)
        // The same two numbers standardise every split.
        let withValidation = BatchData.standardised(train: train, validation: validation, description: "")
        let withTest = BatchData.standardised(train: train, validation: test, description: "")
        var rng = SeededGenerator(seed: spec.seed).derive(stream: 41)
        let (noisyTrain, corrupted) = try corrupt(withValidation.train, share: spec.noise, rng: &rng)
        let (noisyValidation, _) = try corrupt(withValidation.validation, share: spec.noise, rng: &rng)
        return OverfittingData(train: noisyTrain, validation: noisyValidation, test: withTest.validation,
                               corrupted: corrupted, trueLabels: train.labels)
    }

    /// The split with round(share x count) labels, at indices drawn without replacement,
    /// each moved to one of the other classes at random; also the indices changed.
    static func corrupt(_ split: DataSplit, share: Double, rng: inout SeededGenerator) throws -> (DataSplit, [Int]) {
        let count = Int((share * Double(split.count)).rounded())
        guard count > 0 else { return (split, []) }
        let chosen = try rng.sampleWithoutReplacement(from: split.count, count: count).sorted()
        var labels = split.labels
        for i in chosen { labels[i] = (labels[i] + 1 + rng.integer(below: classes - 1)) % classes }
        return (DataSplit(features: split.features, labels: labels), chosen)
    }

    /// The training examples whose labels are intact.
    var clean: DataSplit {
        let changed = Set(corrupted)
        return train.subset((0..<train.count).filter { !changed.contains($0) })
    }

    /// The corrupted training examples with their wrong labels (accuracy on them is the
    /// share memorised) and with their true labels.
    var corruptedAsTrained: DataSplit { train.subset(corrupted) }
    var corruptedTrue: DataSplit {
        DataSplit(features: train.features.rows(corrupted), labels: corrupted.map { trueLabels[$0] })
    }
}
