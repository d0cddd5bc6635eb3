import Tensor

/// Examples of one split: a feature matrix (one example per row) with class labels
/// (classification) or target rows (regression).
public struct DataSplit: Sendable, Equatable {
    /// `count x inputs`.
    public var features: Matrix<Float>
    /// One class index per row (empty for regression).
    public var labels: [Int]
    /// `count x outputs` regression targets (0 columns for classification).
    public var targets: Matrix<Float>

    public init(features: Matrix<Float>, labels: [Int] = [], targets: Matrix<Float>? = nil) {
        self.features = features
        self.labels = labels
        self.targets = targets ?? Matrix(rows: features.rows, columns: 0)
    }

    /// Number of examples.
    public var count: Int { features.rows }
    /// Whether the split has no examples.
    public var isEmpty: Bool { features.rows == 0 }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> DataSplit {
        DataSplit(features: features.rows(indices),
                  labels: labels.isEmpty ? [] : indices.map { labels[$0] },
                  targets: targets.columns == 0 ? Matrix(rows: indices.count, columns: 0) : targets.rows(indices))
    }
}

/// A data set with train, validation and test splits.
public struct Dataset: Sendable, Equatable {
    /// A short name for reports (`spiral`, `fashion-mnist`).
    public var name: String
    public var train: DataSplit
    public var validation: DataSplit
    public var test: DataSplit
    /// Number of classes, or 0 for a regression set.
    public var classCount: Int
    /// A name per class (empty for regression).
    public var classNames: [String]
    /// How each row holds a sequence, for a set of padded sequences (nil otherwise): a
    /// recurrent layer reads the rows with it.
    public var sequence: SequenceShape?

    public init(name: String, train: DataSplit, validation: DataSplit? = nil, test: DataSplit? = nil,
                classCount: Int, classNames: [String] = [], sequence: SequenceShape? = nil) {
        self.name = name
        self.train = train
        let empty = DataSplit(features: Matrix(rows: 0, columns: train.features.columns),
                              targets: Matrix(rows: 0, columns: train.targets.columns))
        self.validation = validation ?? empty
        self.test = test ?? empty
        self.classCount = classCount
        self.classNames = classNames.isEmpty && classCount > 0 ? (0..<classCount).map { "class \($0)" } : classNames
        self.sequence = sequence
    }

    /// Whether the targets are class labels.
    public var isClassification: Bool { classCount > 0 }
    /// Width of the inputs.
    public var inputSize: Int { train.features.columns }
    /// Width a network's output needs: the class count, or the target width.
    public var outputSize: Int { isClassification ? classCount : train.targets.columns }

    /// The same examples redistributed by a seeded shuffle: fractions of all examples
    /// (train, validation and test pooled) go to validation and test, the rest to train.
    public func resplit(validation: Double, test: Double, seed: UInt64) throws -> Dataset {
        guard validation >= 0, test >= 0, validation + test < 1 else {
            throw LearningError.invalidSetting(name: "split fractions",
                                               expected: "validation >= 0, test >= 0 and validation + test < 1",
                                               found: "validation \(validation), test \(test)")
        }
        var all = self.train
        for extra in [self.validation, self.test] where !extra.isEmpty {
            all = DataSplit(features: try all.features.appendingRows(extra.features),
                            labels: all.labels + extra.labels,
                            targets: all.targets.columns == 0 ? Matrix(rows: all.count + extra.count, columns: 0)
                                : try all.targets.appendingRows(extra.targets))
        }
        var rng = SeededGenerator(seed: seed)
        let order = rng.permutation(all.count)
        let nValidation = Int((validation * Double(all.count)).rounded())
        let nTest = Int((test * Double(all.count)).rounded())
        let nTrain = all.count - nValidation - nTest
        var out = self
        out.train = all.subset(Array(order[0..<nTrain]))
        out.validation = all.subset(Array(order[nTrain..<(nTrain + nValidation)]))
        out.test = all.subset(Array(order[(nTrain + nValidation)...]))
        return out
    }
}
