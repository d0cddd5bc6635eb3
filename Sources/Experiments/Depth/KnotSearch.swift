import Foundation
import Tensor

/// The best continuous piecewise-linear fit with a given number of kinks found by a
/// search over kink positions: for fixed kinks t_1..t_m the best function
/// a + b x + sum_i c_i relu(x - t_i) is a linear least-squares problem (solved exactly);
/// the kinks are searched by random restarts and coordinate moves. Such a function is
/// exactly what a one-hidden-layer ReLU network of m units computes on [0, 1], so the
/// result bounds from above what training a shallow network of m units can reach.
enum KnotSearch {
    struct Result: Sendable {
        var knots: [Double]
        var error: Double

        /// The fit's values at 0, at every kink and at 1 (its exact graph on [0, 1]).
        func graph(_ target: CurveTarget, points: Int) throws -> (x: [Double], y: [Double]) {
            let x = (0..<points).map { Double($0) / Double(points - 1) }
            let c = try KnotSearch.coefficients(knots: knots, x: x, y: x.map { target($0) })
            let at = ([0.0] + knots.sorted() + [1.0])
            return (at, at.map { v in c[0] + c[1] * v + zip(knots, c.dropFirst(2)).reduce(0) { $0 + $1.1 * max(0, v - $1.0) } })
        }
    }

    /// The design matrix of a fit with kinks `knots`: rows (1, x, relu(x - t_1), ...).
    static func design(knots: [Double], x: [Double]) -> Matrix<Double> {
        let columns = knots.count + 2
        var a = Matrix<Double>(rows: x.count, columns: columns)
        for (r, v) in x.enumerated() {
            a.storage[r * columns] = 1
            a.storage[r * columns + 1] = v
            for (i, t) in knots.enumerated() { a.storage[r * columns + 2 + i] = max(0, v - t) }
        }
        return a
    }

    /// The least-squares coefficients (a, b, c_1..c_m) for kinks `knots`.
    static func coefficients(knots: [Double], x: [Double], y: [Double]) throws -> [Double] {
        try LeastSquares.minimumNorm(design(knots: knots, x: x), y)
    }

    /// Mean squared error on `x` of the least-squares fit with kinks `knots`.
    static func error(knots: [Double], x: [Double], y: [Double]) throws -> Double {
        let columns = knots.count + 2
        let a = design(knots: knots, x: x)
        let c = try LeastSquares.minimumNorm(a, y)
        var total = 0.0
        for (r, v) in y.enumerated() {
            var fit = 0.0
            for j in 0..<columns { fit += a.storage[r * columns + j] * c[j] }
            total += (fit - v) * (fit - v)
        }
        return total / Double(y.count)
    }

    /// Searches `m` kinks in (0, 1) for `target` sampled at `points` evenly spaced points.
    static func best(_ target: CurveTarget, kinks m: Int, points: Int, restarts: Int, rounds: Int,
                     seed: UInt64) throws -> Result {
        let x = (0..<points).map { Double($0) / Double(points - 1) }
        let y = x.map { target($0) }
        guard m > 0 else { return Result(knots: [], error: try error(knots: [], x: x, y: y)) }
        var rng = SeededGenerator(seed: seed)
        var best = Result(knots: (1...m).map { Double($0) / Double(m + 1) }, error: .infinity)
        best.error = try error(knots: best.knots, x: x, y: y)
        for _ in 0..<restarts {
            let knots = (0..<m).map { _ in rng.uniform() }.sorted()
            let e = try error(knots: knots, x: x, y: y)
            if e < best.error { best = Result(knots: knots, error: e) }
        }
        var step = 0.5 / Double(m + 1)
        for _ in 0..<rounds {
            for i in 0..<m {
                for direction in [-1.0, 1.0] {
                    var knots = best.knots
                    knots[i] = min(1, max(0, knots[i] + direction * step))
                    let e = try error(knots: knots, x: x, y: y)
                    if e < best.error { best = Result(knots: knots, error: e) }
                }
            }
            step *= 0.7
        }
        return best
    }
}
