import Tensor

/// The workspaces of a recurrent layer for a largest batch of `capacity` sequences of up
/// to `steps` steps, allocated once with the engine (nothing is allocated per step). The
/// states and inputs are stored time-major (all examples' step t, then step t + 1), so
/// that each step's recurrence is one product over the batch and the weight gradients
/// are one product over every step at once.
final class RecurrentBuffers<S: MatrixScalar> {
    /// The batch's steps gathered without their flags, `steps x capacity x features`
    /// time-major; the backward pass reuses it for the gradient with respect to them.
    let inputs: UnsafeMutablePointer<S>
    /// h_0 = 0, then h_1 ... h_steps: `(steps + 1) x capacity x units`, time-major.
    let states: UnsafeMutablePointer<S>
    /// The gradient with respect to each step's pre-activation, `steps x capacity x units`.
    let stepGradients: UnsafeMutablePointer<S>
    /// The gradient with respect to the current state and the one before it, `capacity x units` each.
    let stateGradient: UnsafeMutablePointer<S>
    let previousStateGradient: UnsafeMutablePointer<S>
    /// Each example's length in the last forward pass.
    let lengths: UnsafeMutablePointer<Int>
    /// The longest length in the last forward pass: the steps it ran.
    var longest = 0

    init(_ layer: Recurrent, capacity: Int) {
        let steps = layer.input.steps, units = layer.units
        func make(_ n: Int) -> UnsafeMutablePointer<S> {
            let p = UnsafeMutablePointer<S>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            return p
        }
        inputs = make(steps * capacity * layer.input.features)
        states = make((steps + 1) * capacity * units)
        stepGradients = make(steps * capacity * units)
        stateGradient = make(capacity * units)
        previousStateGradient = make(capacity * units)
        lengths = UnsafeMutablePointer<Int>.allocate(capacity: max(capacity, 1))
        lengths.initialize(repeating: 0, count: max(capacity, 1))
    }

    deinit {
        for p in [inputs, states, stepGradients, stateGradient, previousStateGradient] { p.deallocate() }
        lengths.deallocate()
    }
}
