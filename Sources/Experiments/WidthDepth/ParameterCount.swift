/// Closed-form parameter counts of fully connected networks.
enum ParameterCount {
    /// Weights (and biases) of a dense network `inputs -> hidden... -> outputs`:
    /// the sum over consecutive layers of fanIn * fanOut (+ fanOut).
    static func dense(_ inputs: Int, _ hidden: [Int], _ outputs: Int, bias: Bool) -> Int {
        let sizes = [inputs] + hidden + [outputs]
        return zip(sizes, sizes.dropFirst()).reduce(0) { total, layer in
            total + layer.0 * layer.1 + (bias ? layer.1 : 0)
        }
    }
}
