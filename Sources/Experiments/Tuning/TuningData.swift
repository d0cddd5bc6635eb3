import Foundation
import Learning

/// The data of the tuning lesson: the batch-size lesson's pipeline (a Fashion-MNIST
/// subset pooled to 14 x 14 and standardised with the training split's statistics, or
/// synthetic classes for quick runs), whose held-out part is cut in two: a validation
/// split that every search sees, and a test split used once per search, to score its pick.
struct TuningData: Sendable {
    let train: DataSplit
    let validation: DataSplit
    let test: DataSplit
    let description: String

    /// What the data depends on (part of every trial's key).
    struct Spec: Codable, Hashable, Sendable {
        var source: BatchData.Spec
        var validation: Int
        var test: Int
    }

    /// The spec of a data group (`BatchDataSetup`), its held-out part the validation and
    /// test examples together.
    static func spec(_ data: DataParameters, seed: UInt64) -> Spec {
        var held = data
        held.validation = data.validation + data.test
        return Spec(source: BatchDataSetup.spec(held, seed: seed), validation: data.validation, test: data.test)
    }

    static func load(_ spec: Spec) throws -> TuningData {
        let data = try BatchData.load(spec.source)
        let held = data.validation
        let validation = held.subset(Array(0..<spec.validation))
        let test = held.subset(Array(spec.validation..<(spec.validation + spec.test)))
        return TuningData(train: data.train, validation: validation, test: test, description: data.description)
    }
}
