/// Parameter counts in closed form, for tables that compare model sizes without
/// building the models.
public enum ParameterCount {
    /// A dense layer: inputs * outputs weights, plus outputs biases.
    public static func dense(inputs: Int, outputs: Int, bias: Bool = true) -> Int {
        inputs * outputs + (bias ? outputs : 0)
    }

    /// An MLP `input -> hidden... -> output`: the sum over consecutive widths.
    public static func mlp(input: Int, hidden: [Int], output: Int, bias: Bool = true) -> Int {
        let widths = [input] + hidden + [output]
        return zip(widths, widths.dropFirst()).reduce(0) { $0 + dense(inputs: $1.0, outputs: $1.1, bias: bias) }
    }
}
