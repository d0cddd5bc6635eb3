/// The training objective.
public enum Loss: String, Codable, Sendable, CaseIterable {
    /// Softmax over the outputs, then the mean over examples of -log p(label).
    case softmaxCrossEntropy = "cross_entropy"
    /// The mean over examples and outputs of (output - target)^2 (PyTorch's MSELoss).
    case meanSquaredError = "mse"
}
