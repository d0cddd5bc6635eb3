import Foundation
import Learning
import Tensor

/// The shifted-images lesson's data: the first `train` images of the Fashion-MNIST
/// training file and the first `test` of its test file, at 28 x 28 with pixels in [0, 1]
/// as stored (not standardised, so that a shift brings in the background's own value, 0).
struct ShiftData: Sendable {
    let train: DataSplit
    let test: DataSplit

    static func load(train: Int, test: Int) throws -> ShiftData {
        let a = try FashionMNIST.load(split: .train, limit: train)
        let b = try FashionMNIST.load(split: .test, limit: test)
        guard a.count == train, b.count == test else {
            throw LearningError.invalidSetting(name: "train, test", expected: "at most \(a.count) training and \(b.count) test images",
                                               found: "\(train), \(test)")
        }
        return ShiftData(train: a, test: b)
    }
}
