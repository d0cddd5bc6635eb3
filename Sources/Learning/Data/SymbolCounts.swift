import Tensor

/// A seeded classification task on sequences of any length whose answer depends on the
/// whole sequence: each step is one of `symbols` symbols drawn uniformly (symbol 0 is
/// "A", symbol 1 "B", the others distract), and the label says whether the sequence holds
/// more A than B (class 1, "more A") or more B than A (class 0, "more B"). A sequence with
/// as many A as B is drawn again, so every sequence has an answer and the classes are
/// equally likely.
///
/// Lengths are drawn uniformly from `lengths` for the training and validation splits; the
/// test split holds `test` sequences of each length in `testLengths` (or, when that is
/// empty, `test` sequences with lengths drawn like training's). Each row holds `steps`
/// steps as `SequenceShape` lays them out: a step is the symbol one-hot (`symbols`
/// values) and a presence flag, and padding is all zeros. A sequence longer than `steps`
/// is cut to its first `steps` steps (its label stays the whole sequence's); `steps` 0
/// means the longest length of any split, so nothing is cut. The three splits come from
/// separate streams of the seed (the test split one per length), so the test lengths
/// never change the training data.
public struct SymbolCounts: Sendable, Equatable {
    public var symbols: Int
    public var lengths: ClosedRange<Int>
    public var testLengths: [Int]
    public var train: Int
    public var validation: Int
    public var test: Int
    public var steps: Int

    public init(symbols: Int = 3, lengths: ClosedRange<Int> = 1...10, testLengths: [Int] = [], train: Int = 1_000,
                validation: Int = 500, test: Int = 500, steps: Int = 0) {
        self.symbols = symbols
        self.lengths = lengths
        self.testLengths = testLengths
        self.train = train
        self.validation = validation
        self.test = test
        self.steps = steps
    }

    /// The row length in steps: `steps`, or the longest length of any split when it is 0.
    public var rowSteps: Int { steps > 0 ? steps : max(lengths.upperBound, testLengths.max() ?? 0) }

    public static let classNames = ["more B", "more A"]

    /// The data set, and the true length of every test sequence (before any cut), in order.
    public func make(seed: UInt64) throws -> (dataset: Dataset, testLengths: [Int]) {
        guard symbols >= 2, lengths.lowerBound >= 1, testLengths.allSatisfy({ $0 >= 1 }), train > 0, validation >= 0,
              test >= 0, steps >= 0 else {
            throw LearningError.invalidSetting(name: "symbol counts", expected: "at least 2 symbols, lengths of at least 1, a training split and steps >= 0",
                                               found: "\(symbols) symbols, lengths \(lengths), test lengths \(testLengths), \(train)/\(validation)/\(test) sequences, \(steps) steps")
        }
        let shape = SequenceShape(steps: rowSteps, features: symbols)
        let base = SeededGenerator(seed: seed)
        func draw(_ count: Int, stream: UInt64, length: (inout SeededGenerator) -> Int) -> (DataSplit, [Int]) {
            var rng = base.derive(stream: stream)
            var x = Matrix<Float>(rows: count, columns: shape.count)
            var labels = [Int](repeating: 0, count: count)
            var drawn = [Int](repeating: 0, count: count)
            var sequence: [Int] = []
            for i in 0..<count {
                let n = length(&rng)
                var difference = 0
                repeat {
                    sequence = (0..<n).map { _ in rng.integer(below: symbols) }
                    difference = sequence.reduce(0) { $0 + ($1 == 0 ? 1 : $1 == 1 ? -1 : 0) }
                } while difference == 0
                labels[i] = difference > 0 ? 1 : 0
                drawn[i] = n
                for (t, symbol) in sequence.prefix(shape.steps).enumerated() {
                    x[i, t * shape.stride + symbol] = 1
                    x[i, t * shape.stride + symbols] = 1
                }
            }
            return (DataSplit(features: x, labels: labels), drawn)
        }
        let span = lengths.upperBound - lengths.lowerBound + 1
        let trainLength: (inout SeededGenerator) -> Int = { self.lengths.lowerBound + $0.integer(below: span) }
        let (trainSplit, _) = draw(train, stream: 1, length: trainLength)
        let (validationSplit, _) = draw(validation, stream: 2, length: trainLength)
        var testSplit: DataSplit
        var testDrawn: [Int]
        if testLengths.isEmpty {
            (testSplit, testDrawn) = draw(test, stream: 3, length: trainLength)
        } else {
            var features = Matrix<Float>(rows: 0, columns: shape.count)
            var labels: [Int] = []
            testDrawn = []
            for n in testLengths {
                // A stream per length: the sequences of a length do not depend on the others asked for.
                let (part, drawn) = draw(test, stream: 1_000 + UInt64(n), length: { _ in n })
                features = try features.appendingRows(part.features)
                labels += part.labels
                testDrawn += drawn
            }
            testSplit = DataSplit(features: features, labels: labels)
        }
        let dataset = Dataset(name: "symbol-counts", train: trainSplit, validation: validationSplit, test: testSplit,
                              classCount: 2, classNames: Self.classNames, sequence: shape)
        return (dataset, testDrawn)
    }
}
