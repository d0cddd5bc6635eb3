import Foundation
import Tensor

/// The synthetic data sets of the lessons. Each draws from a seeded generator, so a seed
/// gives the same points everywhere. All points go to `train` unless `validation` or
/// `test` fractions are asked for (a seeded shuffle then splits them).
public enum Datasets {
    /// The two interleaved spirals of the TensorFlow Playground. For class c in {0, 1}
    /// and i in 0..<n: r = 5 i / n, t = turns * 2 pi * i / n + c pi, point
    /// (r sin t, r cos t) plus uniform noise in [-noise, noise] on each coordinate.
    /// `turns` = 1.75 is the Playground's formula.
    public static func spiral(pointsPerClass: Int = 200, turns: Double = 1.75, noise: Double = 0.1,
                              seed: UInt64 = 0, validation: Double = 0, test: Double = 0) throws -> Dataset {
        try positive(pointsPerClass, "spiral pointsPerClass")
        try nonNegative(noise, "spiral noise")
        let n = pointsPerClass
        let train = twoClasses(pointsPerClass: n, seed: seed) { c, i, rng in
            let r = 5 * Double(i) / Double(n)
            let t = turns * 2 * Double.pi * Double(i) / Double(n) + Double(c) * Double.pi
            return (r * sin(t) + rng.uniform(in: -noise...noise), r * cos(t) + rng.uniform(in: -noise...noise))
        }
        return try finish(Dataset(name: "spiral", train: train, classCount: 2),
                          validation: validation, test: test, seed: seed)
    }

    /// A disk inside an annulus (the Playground's "circle"): class 0 uniform in the disk
    /// of radius `innerRadius`, class 1 uniform in the ring `annulus`, plus uniform noise.
    public static func diskAnnulus(pointsPerClass: Int = 200, innerRadius: Double = 2.5,
                                   annulus: ClosedRange<Double> = 3.5...5, noise: Double = 0,
                                   seed: UInt64 = 0, validation: Double = 0, test: Double = 0) throws -> Dataset {
        try positive(pointsPerClass, "diskAnnulus pointsPerClass")
        guard innerRadius > 0, annulus.lowerBound >= 0 else {
            throw LearningError.invalidSetting(name: "diskAnnulus radii", expected: "positive radii",
                                               found: "inner \(innerRadius), annulus \(annulus)")
        }
        let train = twoClasses(pointsPerClass: pointsPerClass, seed: seed) { c, _, rng in
            // Uniform over the area: radius from the square root of a uniform draw.
            let (lo, hi) = c == 0 ? (0.0, innerRadius) : (annulus.lowerBound, annulus.upperBound)
            let r = (lo * lo + (hi * hi - lo * lo) * rng.uniform()).squareRoot()
            let angle = 2 * Double.pi * rng.uniform()
            return (r * sin(angle) + (noise > 0 ? rng.uniform(in: -noise...noise) : 0),
                    r * cos(angle) + (noise > 0 ? rng.uniform(in: -noise...noise) : 0))
        }
        return try finish(Dataset(name: "disk-annulus", train: train, classCount: 2),
                          validation: validation, test: test, seed: seed)
    }

    /// Two classes of `pointsPerClass` points in the plane, class 0 first: `point(c, i, rng)`
    /// gives point i of class c, drawing from one generator seeded with `seed`, in that
    /// order, so a seed gives the same points wherever the set is made.
    static func twoClasses(pointsPerClass n: Int, seed: UInt64,
                           point: (Int, Int, inout SeededGenerator) -> (Double, Double)) -> DataSplit {
        var rng = SeededGenerator(seed: seed)
        var x = Matrix<Float>(rows: 2 * n, columns: 2)
        var labels = [Int](repeating: 0, count: 2 * n)
        for c in 0..<2 {
            for i in 0..<n {
                let (px, py) = point(c, i, &rng)
                x[c * n + i, 0] = Float(px)
                x[c * n + i, 1] = Float(py)
                labels[c * n + i] = c
            }
        }
        return DataSplit(features: x, labels: labels)
    }

    /// Gaussian blobs: one class per centre, isotropic normal noise of the given
    /// standard deviation. Without centres, `classes` centres evenly spaced on a circle
    /// of radius 3 in the plane.
    public static func blobs(pointsPerClass: Int = 100, classes: Int = 3, centers: [[Double]]? = nil,
                             standardDeviation: Double = 1, seed: UInt64 = 0,
                             validation: Double = 0, test: Double = 0) throws -> Dataset {
        try positive(pointsPerClass, "blobs pointsPerClass")
        let cs = centers ?? (0..<max(classes, 0)).map { k in
            let a = 2 * Double.pi * Double(k) / Double(max(classes, 1))
            return [3 * cos(a), 3 * sin(a)]
        }
        guard let d = cs.first?.count, d > 0, cs.allSatisfy({ $0.count == d }) else {
            throw LearningError.invalidSetting(name: "blobs centers", expected: "at least one centre, all of one dimension",
                                               found: "\(cs.count) centres")
        }
        var rng = SeededGenerator(seed: seed)
        var x = Matrix<Float>(rows: cs.count * pointsPerClass, columns: d)
        var labels: [Int] = []
        for (k, centre) in cs.enumerated() {
            for i in 0..<pointsPerClass {
                for j in 0..<d {
                    x[k * pointsPerClass + i, j] = Float(centre[j] + rng.normal(standardDeviation: standardDeviation))
                }
                labels.append(k)
            }
        }
        return try finish(Dataset(name: "blobs", train: DataSplit(features: x, labels: labels), classCount: cs.count),
                          validation: validation, test: test, seed: seed)
    }

    /// A 1-D sawtooth for regression: x uniform on `interval`, target
    /// y = 2 frac(teeth (x - a) / (b - a)) - 1 (ramps from -1 to 1, `teeth` times), plus
    /// normal noise of standard deviation `noise`.
    public static func sawtooth(points: Int = 200, teeth: Int = 3, interval: ClosedRange<Double> = -1...1,
                                noise: Double = 0, seed: UInt64 = 0,
                                validation: Double = 0, test: Double = 0) throws -> Dataset {
        try positive(points, "sawtooth points")
        try positive(teeth, "sawtooth teeth")
        var rng = SeededGenerator(seed: seed)
        var x = Matrix<Float>(rows: points, columns: 1)
        var y = Matrix<Float>(rows: points, columns: 1)
        for i in 0..<points {
            let v = rng.uniform(in: interval)
            x[i, 0] = Float(v)
            y[i, 0] = Float(sawtoothValue(v, teeth: teeth, interval: interval) + (noise > 0 ? rng.normal(standardDeviation: noise) : 0))
        }
        return try finish(Dataset(name: "sawtooth", train: DataSplit(features: x, targets: y), classCount: 0),
                          validation: validation, test: test, seed: seed)
    }

    /// The noiseless sawtooth at one point (for drawing the true function).
    public static func sawtoothValue(_ x: Double, teeth: Int, interval: ClosedRange<Double> = -1...1) -> Double {
        let u = Double(teeth) * (x - interval.lowerBound) / (interval.upperBound - interval.lowerBound)
        return 2 * (u - u.rounded(.down)) - 1
    }

    /// The teacher of a teacher-student regression problem.
    public enum Teacher: Equatable, Sendable {
        /// y = <beta, x> with beta ~ N(0, I).
        case linear
        /// y = a random network's output: `hidden` widths, the given activation, He-normal
        /// weights, one output.
        case network(hidden: [Int], activation: Activation)
    }

    /// Teacher-student regression: inputs x ~ N(0, I_d / d), targets from the teacher
    /// plus normal noise of standard deviation `noise`. Separate draws for train and test.
    public static func teacherStudent(inputs d: Int = 20, train: Int = 200, test: Int = 1000,
                                      teacher: Teacher = .linear, noise: Double = 0.5,
                                      seed: UInt64 = 0) throws -> Dataset {
        try positive(d, "teacherStudent inputs")
        try positive(train, "teacherStudent train")
        guard test >= 0 else { throw LearningError.invalidSetting(name: "teacherStudent test", expected: "0 or more", found: "\(test)") }
        var rng = SeededGenerator(seed: seed)
        let x = rng.normalMatrix(rows: train + test, columns: d, standardDeviation: 1 / Double(d).squareRoot(), as: Float.self)
        var y = Matrix<Float>(rows: train + test, columns: 1)
        switch teacher {
        case .linear:
            let beta = (0..<d).map { _ in rng.normal() }
            for i in 0..<(train + test) {
                var s = 0.0
                for j in 0..<d { s += beta[j] * Double(x[i, j]) }
                y[i, 0] = Float(s)
            }
        case let .network(hidden, activation):
            let net = try Network(input: d, hidden: hidden, output: 1, activation: activation,
                                  initializer: .heNormal, seed: rng.next())
            y = try net.predict(x)
        }
        if noise > 0 { for i in 0..<y.count { y.storage[i] += Float(rng.normal(standardDeviation: noise)) } }
        return Dataset(name: "teacher-student",
                       train: DataSplit(features: x.rows(0..<train), targets: y.rows(0..<train)),
                       test: DataSplit(features: x.rows(train..<(train + test)), targets: y.rows(train..<(train + test))),
                       classCount: 0)
    }

    static func finish(_ data: Dataset, validation: Double, test: Double, seed: UInt64) throws -> Dataset {
        if validation == 0 && test == 0 { return data }
        return try data.resplit(validation: validation, test: test, seed: seed ^ 0x5EED)
    }

    static func positive(_ value: Int, _ name: String) throws {
        guard value > 0 else {
            throw LearningError.invalidSetting(name: name, expected: "a positive whole number", found: "\(value)")
        }
    }

    static func nonNegative(_ value: Double, _ name: String) throws {
        guard value >= 0, value.isFinite else {
            throw LearningError.invalidSetting(name: name, expected: "a finite number >= 0", found: "\(value)")
        }
    }
}
