import Foundation
import Learning
import Notebook
import Plot

/// The results of a `train` cell, aggregated over seeds: metrics per point (mean, with
/// the per-seed values as samples), the best point, the tables and the figures.
struct TrainSummary {
    let config: TrainExperiment.Config
    let plan: SweepPlan
    let setups: [TrainExperiment.Config]
    /// Point-major: the seeds of point 0, then of point 1, ...
    let results: [TrainTrial.Result]
    let seeds: Int
    let data: TrainData

    var classification: Bool { data.dataset.isClassification }
    var hasTest: Bool { !data.dataset.test.isEmpty }
    var measures: [TrainMeasure] {
        TrainMeasure.allCases.filter { $0.applies(classification: classification, test: hasTest, target: config.target > 0) }
    }

    /// The trials of point `p`, in seed order.
    func trials(_ p: Int) -> ArraySlice<TrainTrial.Result> { results[(p * seeds)..<((p + 1) * seeds)] }

    /// The per-seed values of a measure at a point.
    func samples(_ measure: TrainMeasure, _ p: Int) -> [Double] { trials(p).map(measure.value) }

    /// The mean over seeds (NaN when any seed is NaN: a diverged run has no final loss).
    func mean(_ measure: TrainMeasure, _ p: Int) -> Double {
        let values = samples(measure, p)
        return values.reduce(0, +) / Double(max(values.count, 1))
    }

    /// The test lengths of point `p` (`data.test_lengths` of a sequence set), empty otherwise.
    func testLengths(_ p: Int) -> [Int] {
        setups[p].data.source == .symbolCounts ? setups[p].data.testLengths : []
    }

    /// The per-seed test accuracies at each test length of point `p`, length by length.
    func accuracyByLength(_ p: Int) -> [[Double]] {
        testLengths(p).indices.map { k in
            trials(p).map { k < $0.testAccuracyByLength.count ? $0.testAccuracyByLength[k] : .nan }
        }
    }

    /// The metric prefix of a point (`funnel.`), empty without a sweep.
    func prefix(_ p: Int) -> String { plan.points[p].name.isEmpty ? "" : plan.points[p].name + "." }

    /// How a point reads in legends and tables.
    func label(_ p: Int) -> String {
        let point = plan.points[p]
        guard !plan.axes.isEmpty else { return "the setup" }
        if plan.axes.count == 1 { return SweepPlan.label(plan.axes[0], point.indices[0]) }
        let labels = Set(zip(plan.axes, point.indices).map { SweepPlan.label($0, $1) })
        if config.zip, labels.count == 1, let only = labels.first { return only }
        return zip(plan.axes, point.indices).map { axis, i in
            "\(TrainFigures.words(axis.path)) \(SweepPlan.label(axis, i))"
        }.joined(separator: ", ")
    }

    /// The point's values alone (`funnel, 0.01`), for crowded axes.
    func shortLabel(_ p: Int) -> String {
        guard !plan.axes.isEmpty else { return "the setup" }
        return zip(plan.axes, plan.points[p].indices).map { SweepPlan.label($0, $1) }.joined(separator: ", ")
    }

    /// The best point by `best_by`, among points whose mean is a number.
    var bestPoint: Int? { best(among: Array(plan.points.indices)) }

    /// The best of some points by `best_by`, among those whose mean is a number.
    func best(among points: [Int]) -> Int? {
        guard let measure = TrainMeasure(rawValue: config.bestBy) else { return nil }
        let candidates = points.filter { mean(measure, $0).isFinite }
        return candidates.max { a, b in
            let (x, y) = (mean(measure, a), mean(measure, b))
            return measure.higherIsBetter ? x < y : x > y
        }
    }

    func cellResult() -> CellResult {
        var metrics: [String: Double] = [
            "sweep.points": Double(plan.points.count),
            "sweep.seeds": Double(seeds),
            "sweep.trials": Double(results.count),
        ]
        var samples: [String: [Double]] = [:]
        var series: [String: Series] = [:]
        for p in plan.points.indices {
            for measure in measures {
                metrics[prefix(p) + measure.rawValue] = mean(measure, p)
                if seeds > 1, measure != .parameters { samples[prefix(p) + measure.rawValue] = self.samples(measure, p) }
            }
            for (k, n) in testLengths(p).enumerated() {
                let values = trials(p).map { k < $0.testAccuracyByLength.count ? $0.testAccuracyByLength[k] : .nan }
                metrics[prefix(p) + "test_accuracy.length_\(n)"] = values.reduce(0, +) / Double(max(values.count, 1))
                if seeds > 1 { samples[prefix(p) + "test_accuracy.length_\(n)"] = values }
            }
            let curve = TrainFigures.band(trials(p).map(\.validationLoss))
            series[prefix(p) + "validation_loss"] = Series(x: curve.mean.indices.map(Double.init), y: curve.mean,
                                                           xLabel: "epoch", yLabel: "validation loss")
        }
        var notes: [String] = []
        func record(_ best: Int, as name: String) {
            metrics[name + ".index"] = Double(best)
            for measure in measures {
                metrics[name + "." + measure.rawValue] = mean(measure, best)
                if seeds > 1, measure != .parameters { samples[name + "." + measure.rawValue] = self.samples(measure, best) }
            }
            for (axis, i) in zip(plan.axes, plan.points[best].indices) {
                if let number = axis.values[i].number { metrics[name + "." + axis.path] = number }
            }
        }
        if let best = bestPoint, !plan.axes.isEmpty {
            record(best, as: "best_point")
            notes.append("Best point by \(config.bestBy) (mean over \(seeds) seed\(seeds == 1 ? "" : "s")): \(label(best)).")
        }
        if let a = plan.axes.firstIndex(where: { $0.path == config.bestWithin }) {
            let axis = plan.axes[a]
            var within: [String] = []
            for v in axis.values.indices {
                let group = plan.points.indices.filter { plan.points[$0].indices[a] == v }
                guard let best = best(among: group) else { continue }
                record(best, as: axis.names[v] + ".best_point")
                within.append("\(SweepPlan.label(axis, v)): \(label(best))")
            }
            notes.append("Best point for each \(TrainFigures.words(axis.path)) by \(config.bestBy): " + within.joined(separator: "; ") + ".")
        }
        let divergedPoints = plan.points.indices.filter { mean(.diverged, $0) > 0 }
        if !divergedPoints.isEmpty {
            notes.append("Diverged (share of seeds): " + divergedPoints.map {
                "\(label($0)) \(Int(mean(.diverged, $0) * Double(seeds)))/\(seeds)"
            }.joined(separator: ", ") + ".")
        }
        let figures = config.plots.map { TrainFigures.figure($0, summary: self) }
        return CellResult(metrics: metrics, series: series, tables: ["points": pointTable(), "trials": trialTable()],
                          figures: figures, notes: notes, samples: samples)
    }

    /// The measures the point table shows, as mean and standard deviation over seeds.
    var tableMeasures: [TrainMeasure] {
        var shown: [TrainMeasure] = classification ? [.finalValidationAccuracy] : [.finalValidationLoss]
        if hasTest { shown.append(classification ? .finalTestAccuracy : .finalTestLoss) }
        shown.append(.bestEpoch)
        if config.target > 0 { shown.append(.epochsToTarget) }
        shown.append(.diverged)
        return shown
    }

    func pointTable() -> Table {
        var columns = plan.axes.map(\.path)
        if columns.isEmpty { columns = ["setup"] }
        columns.append("parameters")
        for measure in tableMeasures { columns += ["\(measure.rawValue) mean", "\(measure.rawValue) sd"] }
        let lengths = config.data.source == .symbolCounts ? config.data.testLengths : []
        columns += lengths.map { "test_accuracy.length_\($0) mean" }
        let rows: [[TableValue]] = plan.points.indices.map { p in
            var row: [TableValue] = plan.axes.isEmpty ? [.text("\(config.model.description)")]
                : zip(plan.axes, plan.points[p].indices).map { axis, i in
                    axis.values[i].number.map { TableValue.number($0) } ?? .text(SweepPlan.label(axis, i))
                }
            row.append(.number(mean(.parameters, p)))
            for measure in tableMeasures {
                let values = samples(measure, p)
                row.append(.number(rounded(mean(measure, p))))
                row.append(.number(rounded(Self.standardDeviation(values))))
            }
            let own = testLengths(p), accuracies = accuracyByLength(p)
            for n in lengths {
                let values = own.firstIndex(of: n).map { accuracies[$0] } ?? []
                row.append(.number(values.isEmpty ? .nan : rounded(values.reduce(0, +) / Double(values.count))))
            }
            return row
        }
        return Table(caption: "Every point of the sweep: mean and sample standard deviation over \(seeds) seed\(seeds == 1 ? "" : "s") (\(data.description)).",
                     columns: columns, rows: rows)
    }

    func trialTable() -> Table {
        var columns = plan.axes.map(\.path)
        if columns.isEmpty { columns = ["setup"] }
        columns.append("seed")
        columns += measures.map(\.rawValue)
        var rows: [[TableValue]] = []
        for p in plan.points.indices {
            for (s, trial) in trials(p).enumerated() {
                var row: [TableValue] = plan.axes.isEmpty ? [.text("\(config.model.description)")]
                    : zip(plan.axes, plan.points[p].indices).map { axis, i in
                        axis.values[i].number.map { TableValue.number($0) } ?? .text(SweepPlan.label(axis, i))
                    }
                row.append(.number(Double(s)))
                row += measures.map { .number(rounded($0.value(trial))) }
                rows.append(row)
            }
        }
        return Table(caption: "Every trial: one row per point and seed (seed is the index of the repetition).",
                     columns: columns, rows: rows)
    }

    /// Six significant digits: enough to read, and stable across builds.
    func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        return Double(String(format: "%.6g", x)) ?? x
    }

    /// Sample standard deviation (n - 1); 0 for one value, NaN when a value is NaN.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }
}
