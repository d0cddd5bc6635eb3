import Foundation
import Learning
import Notebook

/// The `data` group of a training setup: which examples a network learns from, and how
/// they are split and scaled. Shared by every kind that trains a network on a data set
/// the engine knows (today `train`), so that a data set is declared, documented and
/// checked in one place.
///
///     data:
///       source: fashion-mnist
///       pixels: 14
///       train: 5000
struct DataParameters: Codable, Sendable, Equatable, Hashable, DeclaredParameters {
    /// Where the examples come from.
    enum Source: String, ConfigChoice, Hashable {
        case spiral, disk, blobs, sawtooth, teacher
        case fashionMNIST = "fashion-mnist"
        case clusters
        case csv
        case symbolCounts = "symbol-counts"
    }

    /// What a network learns to output from the examples.
    enum Task: String, ConfigChoice, Hashable {
        /// The set's own labels (classification) or targets (regression).
        case predict
        /// The inputs themselves, through mean squared error: an autoencoder.
        case reconstruct
    }

    var source = Source.spiral
    var task = Task.predict
    var points = 200
    var noise = 0.1
    var turns = 1.75
    var classes = 3
    var spread = 1.0
    var teeth = 3
    var inputs = 20
    var validationShare = 0.25
    var testShare = 0.25
    var pixels = 14
    var train = 5_000
    var validation = 1_000
    var test = 1_000
    var labelNoise = 0.0
    var path = ""
    var target = ""
    var standardize = true
    var symbols = 3
    var lengths = [1, 10]
    var testLengths: [Int] = []
    var steps = 0

    init() {}

    static let parameters: [Parameter<DataParameters>] = [
        .choice("source", \.source, "The data set: `spiral` (two interleaved spirals, the TensorFlow Playground's formula), `disk` (a disk inside a ring), `blobs` (Gaussian classes on a circle), `sawtooth` (Telgarsky's 1-D sawtooth, regression), `teacher` (a noisy linear teacher, regression), `fashion-mnist` (the Fashion-MNIST training file), `clusters` (ten overlapping Gaussian classes, centres drawn from N(0, I), the batch-size lesson's quick data), `csv` (a CSV file of your own) or `symbol-counts` (sequences of any length: are there more A than B?)."),
        .choice("task", \.task, "What the network outputs: `predict` (the set's labels or targets) or `reconstruct` (its own inputs, after `standardize`, trained on mean squared error: an autoencoder; the output layer is as wide as the input, and the losses are mean squared errors per input value)."),
        .whole("points", \.points, 1...1_000_000, "Synthetic sets: points per class (spiral, disk, blobs) or in all (sawtooth, teacher), before the validation and test shares are split off."),
        .number("noise", \.noise, .nonNegative, "Synthetic sets: uniform jitter in [-noise, noise] on each coordinate (spiral, disk), or the standard deviation of normal noise on the target (sawtooth, teacher)."),
        .number("turns", \.turns, .positive, "Spiral: turns of each arm (1.75 is the Playground's)."),
        .whole("classes", \.classes, 2...20, "Blobs: number of classes, centres evenly spaced on a circle of radius 3."),
        .number("spread", \.spread, .positive, "Blobs and clusters: standard deviation of each class around its centre."),
        .whole("teeth", \.teeth, 1...64, "Sawtooth: ramps from -1 to 1 over [-1, 1]."),
        .whole("inputs", \.inputs, 1...10_000, "Teacher: input width; inputs are N(0, I/inputs), the target <beta, x> with beta ~ N(0, I). Clusters: input width."),
        .number("validationShare", \.validationShare, ValueRange(lower: 0, upper: 1, upperInclusive: false), "Synthetic sets and CSV: share of all examples held out for validation (a seeded shuffle picks them)."),
        .number("testShare", \.testShare, ValueRange(lower: 0, upper: 1, upperInclusive: false), "Synthetic sets and CSV: share of all examples held out for testing."),
        .whole("pixels", \.pixels, 7...28, "Fashion-MNIST: image side, 28 (as stored), 14 (2 x 2 average pooling) or 7 (4 x 4)."),
        .whole("train", \.train, 1...59_000, "Fashion-MNIST: training images (the first of the training file). Clusters: training examples. Symbol counts: training sequences."),
        .whole("validation", \.validation, 1...59_000, "Fashion-MNIST: validation images, the ones after the training images. Clusters: validation examples. Symbol counts: validation sequences (lengths drawn like training's)."),
        .whole("test", \.test, 0...59_000, "Fashion-MNIST: test images, the ones after the validation images (0: none). Clusters: test examples. Symbol counts: test sequences of each of `test_lengths` (or, without them, drawn like training's)."),
        .number("labelNoise", \.labelNoise, .fraction, "Classification: share of training labels replaced by another class drawn uniformly (validation and test labels stay clean)."),
        .text("path", "CSV: the file, relative to the lesson's folder. The first row names the columns; every other column but `target` is a numeric feature."),
        .text("target", "CSV: the column to predict. Whole numbers or names make a classification (classes in order of first appearance of each name, or by value for numbers); any other numbers make a regression."),
        .flag("standardize", \.standardize, "Scale the features to mean 0 and standard deviation 1 on the training split (per column for tabular data, one mean and deviation for all pixels of images and for all inputs of clusters); regression targets likewise. The validation and test splits use the training split's numbers. Symbol counts are never scaled (their values are one-hot symbols and presence flags)."),
        .whole("symbols", \.symbols, 2...26, "Symbol counts: the alphabet; symbol 0 is A, symbol 1 is B, the others distract. Each step is one symbol drawn uniformly, and the label says whether the sequence holds more A than B (a sequence with as many of each is drawn again)."),
        .wholes("lengths", \.lengths, 1...10_000, .pair, "Symbol counts: the shortest and longest length of the training and validation sequences, drawn uniformly between them."),
        .wholes("testLengths", \.testLengths, 1...10_000, ListShape(distinct: true, ascending: true), "Symbol counts: the lengths the test split holds, `test` sequences of each, smallest first (`[10, 20, 40]`); each gets a measure `test_accuracy.length_<n>`. Empty: test sequences drawn like training's."),
        .whole("steps", \.steps, 0...10_000, "Symbol counts: the steps every example's row holds, for a network with a fixed input size (an MLP): a shorter sequence is padded with zero steps, a longer one cut to its first `steps` steps (its label stays the whole sequence's). 0: as many as the longest sequence of any split, so nothing is cut. A step is the symbol one-hot and a presence flag (1 for a step of the sequence, 0 for padding), so a row holds steps * (symbols + 1) values."),
    ]

    /// Checks that involve several fields: the pixel sizes Fashion-MNIST can be pooled to,
    /// the image budget of its training file, shares that leave training examples, and a
    /// CSV's path and target column.
    func checkRelations(prefix: String, _ checks: inout ConfigChecks) {
        switch source {
        case .fashionMNIST:
            checks.require([28, 14, 7].contains(pixels), prefix + "pixels", expected: "28, 14 or 7", found: "\(pixels)")
            checks.require(train + validation + test <= 60_000, prefix + "train",
                           expected: "train + validation + test of at most 60000 images (the training file)",
                           found: "\(train + validation + test)")
        case .clusters:
            break
        case .symbolCounts:
            if lengths.count == 2 {
                checks.require(lengths[0] <= lengths[1], prefix + "lengths", expected: "the shortest length first, then the longest",
                               found: "\(lengths)")
            }
            checks.require(task == .predict, prefix + "task", expected: "predict for symbol counts (the label is the answer)",
                           found: task.rawValue)
            checks.require(test > 0 || testLengths.isEmpty, prefix + "test", expected: "at least one test sequence per test length",
                           found: "\(test)")
            checks.require(symbolCounts.rowSteps * (symbols + 1) * (train + validation + test * max(testLengths.count, 1)) <= 200_000_000,
                           prefix + "steps", expected: "at most 200,000,000 values in all (steps * (symbols + 1) per sequence)",
                           found: "\(symbolCounts.rowSteps) steps of \(symbols + 1) values")
        case .csv:
            checks.require(!path.isEmpty, prefix + "path", expected: "the path of a CSV file (source is csv)", found: "nothing")
            checks.require(!target.isEmpty, prefix + "target", expected: "the name of the column to predict (source is csv)",
                           found: "nothing")
            fallthrough
        default:
            checks.require(validationShare + testShare < 0.9, prefix + "validation_share",
                           expected: "validation_share + test_share below 0.9", found: "\(validationShare + testShare)")
            checks.require(validationShare > 0, prefix + "validation_share",
                           expected: "a share above 0 (the validation split picks the best epoch)", found: "\(validationShare)")
        }
        if task == .reconstruct {
            checks.require(labelNoise == 0, prefix + "label_noise", expected: "0 when the task is reconstruct (no labels are learnt)",
                           found: "\(labelNoise)")
        }
        if source == .sawtooth || source == .teacher {
            checks.require(labelNoise == 0, prefix + "label_noise", expected: "0 for a regression set", found: "\(labelNoise)")
        }
    }

    /// The symbol-count task these parameters describe (for `source: symbol-counts`).
    var symbolCounts: SymbolCounts {
        let low = lengths.first ?? 1, high = max(lengths.last ?? low, low)
        return SymbolCounts(symbols: symbols, lengths: low...high, testLengths: testLengths, train: train,
                            validation: validation, test: test, steps: steps)
    }

    /// How a row holds a sequence, for a sequence set (nil for every other source).
    var sequenceShape: SequenceShape? {
        source == .symbolCounts ? SequenceShape(steps: symbolCounts.rowSteps, features: symbols) : nil
    }

    /// Whether the set's targets are numbers to regress on (known without reading a CSV).
    var isRegressionSource: Bool { source == .sawtooth || source == .teacher || task == .reconstruct }

    /// A short description for captions and tables.
    var description: String {
        task == .reconstruct ? setDescription + ", reconstructing its inputs" : setDescription
    }

    private var setDescription: String {
        switch source {
        case .spiral: return "two spirals (\(points) points per class, \(formatted(turns)) turns)"
        case .disk: return "a disk in a ring (\(points) points per class)"
        case .blobs: return "\(classes) Gaussian blobs (\(points) points per class)"
        case .sawtooth: return "a sawtooth with \(teeth) teeth (\(points) points)"
        case .teacher: return "a noisy linear teacher (\(inputs) inputs, \(points) points)"
        case .clusters: return "ten Gaussian clusters in \(inputs) dimensions (\(train) training examples)"
        case .fashionMNIST: return "Fashion-MNIST at \(pixels) × \(pixels) pixels (\(train) training images)"
        case .csv: return "\((path as NSString).lastPathComponent), predicting `\(target)`"
        case .symbolCounts:
            let l = symbolCounts.lengths
            return "sequences of \(symbols) symbols, more A than B? (\(train) training sequences of lengths \(l.lowerBound) to \(l.upperBound)\(steps > 0 ? ", rows of \(steps) steps" : ""))"
        }
    }

    private func formatted(_ x: Double) -> String { String(format: "%g", x) }
}
