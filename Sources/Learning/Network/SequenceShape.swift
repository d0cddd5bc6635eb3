/// How one row of a batch holds a sequence of any length, for a recurrent layer: `steps`
/// slots of `features` values, each followed by one presence flag (1 for a step of the
/// sequence, 0 for padding), the sequence's steps first and the padding after them:
///
///     [x₁ (features values), 1, x₂, 1, ..., x_n, 1, 0 ... 0, 0, ..., 0 ... 0, 0]
///
/// A batch is therefore padded to one width, and each example says its own length with
/// its flags (a length mask); a recurrent layer reads an example up to its first flag
/// below 0.5 and ignores the rest. A sequence longer than `steps` has to be cut before it
/// reaches the network (the data set says how). A network without a recurrent layer reads
/// the same row as a plain vector of `count` values, flags included.
public struct SequenceShape: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Slots per row: the longest sequence a row can hold.
    public let steps: Int
    /// Values per step, without the presence flag.
    public let features: Int

    public init(steps: Int, features: Int) {
        self.steps = steps
        self.features = features
    }

    /// Values per step slot: the features and the presence flag.
    public var stride: Int { features + 1 }

    /// Values in one row: steps * (features + 1).
    public var count: Int { steps * stride }

    public var description: String { "\(steps) steps of \(features) features" }
}
