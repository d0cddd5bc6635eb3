import Foundation
import Testing
@testable import Experiments
import Learning
import Notebook
import Tensor

// MARK: - Exact piece counting and the hand-built networks

@Test(arguments: 1...10)
func tentMapNetworkHasExactlyTwoToTheKPieces(k: Int) throws {
    let network = try Sawtooth.network(compositions: k)
    let f = try PiecewiseLinear(network: network)
    #expect(f.pieces == 1 << k)
    #expect(network.parameterCount == 6 * k + 1)
    // The kinks sit at the multiples of 2^-k and the slopes are +-2^k.
    let step = 1.0 / Double(1 << k)
    #expect(f.knots == (1..<(1 << k)).map { Double($0) * step })
    #expect(f.slopes.allSatisfy { abs($0) == Double(1 << k) })
}

@Test func tentMapNetworkComputesTheSawtooth() throws {
    let network = try Sawtooth.network(compositions: 5)
    let x = (0...200).map { Float($0) / 200 }
    let y = try network.predict(Matrix(column: x))
    for (i, v) in x.enumerated() {
        #expect(abs(Double(y.storage[i]) - Sawtooth.value(Double(v), compositions: 5)) < 1e-5)
    }
}

@Test(arguments: [(2, 3), (3, 2), (3, 3), (5, 2), (8, 2)])
func zigzagNetworkHasNToTheLPieces(width: Int, layers: Int) throws {
    let f = try PiecewiseLinear(network: Sawtooth.zigzag(width: width, layers: layers))
    #expect(f.pieces == Int(pow(Double(width), Double(layers))))
}

@Test func exactFunctionAgreesWithTheForwardPass() throws {
    for seed: UInt64 in 0..<5 {
        let network = try CurveFit.initialNetwork(hidden: [6, 5, 7], seed: seed)
        let f = try PiecewiseLinear(network: network)
        let x = (0...500).map { Float($0) / 500 }
        let y = try network.predict(Matrix(column: x))
        for (i, v) in x.enumerated() {
            #expect(abs(f(Double(v)) - Double(y.storage[i])) < 1e-4 * max(1, abs(f(Double(v)))))
        }
        #expect(f.pieces <= f.regions)
        #expect(Double(f.pieces) <= LinearRegionsExperiment.ceiling([6, 5, 7]))
    }
}

@Test func zigzagRejectsTooFewUnitsOrLayers() {
    #expect(throws: DepthError.self) { try Sawtooth.zigzag(width: 1, layers: 2) }
    #expect(throws: DepthError.self) { try Sawtooth.zigzag(width: 3, layers: 0) }
}

// MARK: - Closed forms

@Test func shallowLowerBoundMatchesTheToothArgument() {
    // 64 teeth, 14 kinks: at least 50 teeth are fitted by a line, each with error 1/12.
    #expect(abs(Sawtooth.shallowErrorLowerBound(compositions: 7, knots: 14) - 50.0 / 64 / 12) < 1e-15)
    #expect(Sawtooth.shallowErrorLowerBound(compositions: 3, knots: 6) == 0)
}

@Test func montufarCountAndCeilingAreClosedForms() {
    #expect(LinearRegionsExperiment.montufarCount([7]) == 8)
    #expect(LinearRegionsExperiment.montufarCount([8, 8]) == 72)
    #expect(LinearRegionsExperiment.montufarCount([8, 8, 8]) == 576)
    #expect(LinearRegionsExperiment.ceiling([8, 8]) == 81)
}

@Test func kinkSearchFitsARepresentableSawtoothExactly() throws {
    let x = (0..<257).map { Double($0) / 256 }
    let target = CurveTarget.sawtooth(compositions: 2)
    let e = try KnotSearch.error(knots: [0.25, 0.5, 0.75], x: x, y: x.map { target($0) })
    #expect(e < 1e-20)
    // With fewer kinks than the sawtooth needs, the best fit cannot be exact.
    let best = try KnotSearch.best(target, kinks: 2, points: 257, restarts: 20, rounds: 8, seed: 1)
    #expect(best.error > 1e-3)
}

@Test func constantPredictorErrorIsTheTargetVariance() {
    let n = 100_000
    for target in [CurveTarget.sawtooth(compositions: 3), .smooth(bumps: 2)] {
        let values = (0..<n).map { target((Double($0) + 0.5) / Double(n)) }
        #expect(abs(Statistics.variance(values) - target.constantError) < 1e-4)
    }
}

// MARK: - The experiment kinds in quick mode

func quickRun(_ kind: AnyExperiment, seed: UInt64 = 1, jobs: Int = 2,
              set: [String: ConfigValue] = [:]) throws -> CellResult {
    var values = kind.defaults
    for (key, value) in kind.quickProfile { values[key] = value }
    for (key, value) in set { values[key] = value }
    let checked = try kind.check(values)
    #expect(checked.problems.isEmpty)
    return try kind.run(values, context: ExperimentContext(seed: seed, jobs: jobs, quick: true))
}

@Test func sawtoothClaimsHoldInQuickMode() throws {
    let result = try quickRun(AnyExperiment(SawtoothExperiment.self))
    let m = result.metrics
    #expect(m["pieces_mismatches"] == 0)
    for k in 1...7 { #expect(m["k\(k).deep_pieces"] == Double(1 << k)) }
    #expect(m["k7.deep_error"] == 0)
    #expect((m["k7.shallow_error"] ?? 0) > 0.05)
    #expect((m["k7.best_shallow_error"] ?? 0) > 0.05)
    #expect((m["k7.lower_bound"] ?? 0) > 0.05)
    // Neither training nor the kink search may beat the proven bound.
    for k in 1...7 {
        let bound = m["k\(k).lower_bound"] ?? .nan
        #expect((m["k\(k).shallow_error"] ?? 0) >= bound - 1e-3)
        #expect((m["k\(k).knot_search_error"] ?? 0) >= bound - 1e-3)
    }
    #expect((m["max_shallow_pieces_over_bound"] ?? 1) <= 0)
    #expect(result.figures.map(\.name) == ["fits", "errors"])
}

@Test func depthVersusWidthReportsEveryShapeInQuickMode() throws {
    let result = try quickRun(AnyExperiment(DepthWidthExperiment.self))
    let m = result.metrics
    for target in ["sawtooth", "smooth"] {
        for family in ["deep", "shallow"] {
            let rate = m["\(target).\(family).failure_rate"] ?? .nan
            #expect(rate >= 0 && rate <= 1)
            for depth in [2, 4] {
                let best = m["\(target).\(family).L\(depth).best_error"] ?? .nan
                let median = m["\(target).\(family).L\(depth).median_error"] ?? .nan
                #expect(best <= median)
            }
        }
        // Equal budgets: the shallow network is within one unit (3 parameters) of the deep one.
        for depth in [2, 4] {
            let deep = m["\(target).deep.L\(depth).parameters"] ?? .nan
            let shallow = m["\(target).shallow.L\(depth).parameters"] ?? .nan
            #expect(abs(deep - shallow) <= 3)
        }
    }
    #expect(result.figures.map(\.name) == ["errors"])
}

@Test func linearRegionsStayWithinTheBoundsInQuickMode() throws {
    let result = try quickRun(AnyExperiment(LinearRegionsExperiment.self))
    let m = result.metrics
    #expect((m["one_layer.max_excess"] ?? 1) <= 0)
    #expect(m["hand_built.mismatches"] == 0)
    #expect((m["deep.max_fraction_of_bound"] ?? 1) < 1)
    #expect(m["depth.L2.hand_built"] == 64)
}

@Test func resultsDoNotDependOnTheNumberOfJobs() throws {
    let kind = AnyExperiment(DepthWidthExperiment.self)
    let small: [String: ConfigValue] = ["depths": .array([.int(2)]), "seeds": .int(3), "epochs": .int(20)]
    let one = try quickRun(kind, jobs: 1, set: small)
    let two = try quickRun(kind, jobs: 2, set: small)
    #expect(one.metrics == two.metrics)
}

@Test func outOfRangeSettingsAreReported() throws {
    var config = SawtoothExperiment.Config()
    config.compositions = []
    config.restarts = 0
    #expect(Set(config.validate().map(\.key)) == ["compositions", "drawn", "restarts"])
    var widths = DepthWidthExperiment.Config()
    widths.depths = [0]
    widths.failureLevel = 2
    #expect(Set(widths.validate().map(\.key)) == ["depths", "failureLevel"])
    var regions = LinearRegionsExperiment.Config()
    regions.widths = []
    #expect(regions.validate().map(\.key) == ["widths"])
}

// MARK: - The lesson

