import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `train`: an experiment written as data. One training setup in three shared groups
/// (`data`, `model`, `training`), repeated over `seeds`, optionally swept over any of its
/// parameters (`sweep:`), with the figures the cell asks for (`plots:`). Every (point,
/// seed) is one cached trial, so adding a point or a seed trains only what is new, and
/// shards of a cluster run split the trials like any other sweep.
///
///     ```{experiment}
///     id: shapes
///     run: train
///     with:
///       data: {source: spiral}
///       model: {hidden: [16, 16]}
///       training: {optimizer: adam, learning_rate: 0.01, epochs: 200}
///       seeds: 5
///       sweep:
///         model.hidden: {funnel: [32, 16, 8], constant: [16, 16, 16]}
///       plots:
///         - {name: accuracy, type: bars, measure: final.validation_accuracy}
///     expect:
///       - funnel.final.validation_accuracy > 0.8
///     ```
struct TrainExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = DataParameters()
        var model = ModelParameters()
        var training = TrainingParameters()
        var seeds = 3
        var sweep: [String: ConfigValue] = [:]
        var zip = false
        var maxTrials = 400
        var target = 0.0
        var bestBy = "final.validation_loss"
        var bestWithin = ""
        var plots: [PlotRequest] = []

        init() {}

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The examples: a built-in data set or a CSV file of your own, and how it is split and scaled."),
            .record("model", \.model, "The network: hidden widths and activation, or an explicit list of layers."),
            .record("training", \.training, "Optimiser, learning rate and schedule, batch size, epochs, weight decay, early stopping."),
            .whole("seeds", \.seeds, 1...1000, "Repetitions of every point; each sets the initial weights, the example order and the dropout masks."),
            .mapping("sweep", \.sweep, keys: ["data.*", "model.*", "training.*"], values: "a list of values, a mapping of names to values, or a range {log: [low, high], points: N} / {linear: [low, high], points: N}",
                     "Parameters to vary, by path (`training.learning_rate`); several paths form a grid of every combination unless `zip` is true.") { _, _, _ in },
            .flag("zip", \.zip, "Pair the swept paths' values up (the i-th of each) instead of taking every combination."),
            .whole("maxTrials", \.maxTrials, 1...100_000, "The most trials (points times seeds) the cell may run; a larger sweep is refused, saying how many it has."),
            .number("target", \.target, .nonNegative, "Epochs to target: the validation accuracy to reach (regression: the validation loss to fall to); 0 for none."),
            .text("bestBy", "The measure that picks the best point (`best_point.*` metrics): higher is better for accuracies and `reached_target`, lower for everything else."),
            .text("bestWithin", "A swept parameter: pick a best point for each of its values as well (`optimizer_adam.best_point.*` for `training.optimizer`), so each optimiser is judged at its own best rate; empty for none."),
            .records("plots", \.plots, .anyLength, "Figures to draw, each a mapping: name, type (measure, curves, heatmap, bars, dots, regions, lengths), measure, x, y, lines, log_x, log_y, title."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            data.checkRelations(prefix: "data.", &checks)
            if case .failure(let problem) = model.layerSpecs() {
                checks.append(ConfigProblem(key: "model.\(problem.key)", expected: problem.expected, found: problem.found))
            } else if let problem = model.dataProblem(data) {
                checks.append(ConfigProblem(key: "model.\(problem.key)", expected: problem.expected, found: problem.found))
            }
            let plan: SweepPlan
            switch sweepPlan() {
            case .failure(let problem):
                checks.append(problem)
                return
            case .success(let made): plan = made
            }
            // Each swept value must be a valid value of its parameter.
            let base = encoded
            for axis in plan.axes {
                let segments = ParameterName.camelCasePath(axis.path).split(separator: ".").map(String.init)
                for (index, value) in axis.values.enumerated() {
                    let single = SweepPlan.Axis(path: axis.path, names: [axis.names[index]], values: [value])
                    let point = SweepPlan.point([0], axes: [single], base: base)
                    guard let config = Self.decode(point.settings) else {
                        checks.append(ConfigProblem(key: "sweep.\(axis.path)",
                                                    expected: "values of the type of \(axis.path) (default \(ConfigValue.object(base).value(at: segments)?.shortDescription ?? "?"))",
                                                    found: value.shortDescription))
                        return
                    }
                    var inner = ConfigChecks()
                    DataParameters.checkParameters(of: config.data, prefix: "data.", into: &inner)
                    ModelParameters.checkParameters(of: config.model, prefix: "model.", into: &inner)
                    TrainingParameters.checkParameters(of: config.training, prefix: "training.", into: &inner)
                    config.data.checkRelations(prefix: "data.", &inner)
                    if case .failure(let problem) = config.model.layerSpecs() {
                        inner.append(ConfigProblem(key: "model.\(problem.key)", expected: problem.expected, found: problem.found))
                    } else if let problem = config.model.dataProblem(config.data) {
                        inner.append(ConfigProblem(key: "model.\(problem.key)", expected: problem.expected, found: problem.found))
                    }
                    if let problem = inner.problems.first {
                        checks.append(ConfigProblem(key: "sweep.\(axis.path)", expected: "\(ParameterName.snakeCasePath(problem.key)): \(problem.expected)",
                                                    found: value.shortDescription))
                        return
                    }
                }
            }
            let trials = plan.points.count * seeds
            checks.require(trials <= maxTrials, "sweep",
                           expected: "at most max_trials (\(maxTrials)) trials; raise max_trials to \(trials) to allow this sweep",
                           found: "\(plan.points.count) points × \(seeds) seeds = \(trials) trials")
            let measures = TrainMeasure.allCases.map(\.rawValue)
            checks.require(measures.contains(bestBy), "best_by", expected: "one of \(measures.joined(separator: ", "))", found: bestBy)
            if !bestWithin.isEmpty {
                let swept = plan.axes.map(\.path)
                checks.require(swept.contains(bestWithin), "best_within",
                               expected: "a swept parameter (\(swept.isEmpty ? "the cell sweeps none" : swept.joined(separator: ", ")))", found: bestWithin)
            }
            var names = Set<String>()
            for (index, plot) in plots.enumerated() {
                let key = "plots.\(index)"
                checks.require(!plot.name.isEmpty, "\(key).name", expected: "a name for the figure (letters, digits and underscores)", found: "nothing")
                checks.require(names.insert(plot.name).inserted, "\(key).name", expected: "a name no other plot of the cell has", found: plot.name)
                checks.require(!["points", "trials"].contains(plot.name), "\(key).name",
                               expected: "a name other than points and trials (the cell's tables)", found: plot.name)
                let swept = plan.axes.map(\.path)
                func path(_ field: String, _ value: String, required: Bool) {
                    if value.isEmpty {
                        checks.require(!required, "\(key).\(field)", expected: "a swept parameter (\(swept.isEmpty ? "the cell sweeps none" : swept.joined(separator: ", ")))", found: "nothing")
                        return
                    }
                    checks.require(swept.contains(value), "\(key).\(field)",
                                   expected: "a swept parameter (\(swept.isEmpty ? "the cell sweeps none" : swept.joined(separator: ", ")))", found: value)
                }
                switch plot.type {
                case .measure:
                    checks.require(measures.contains(plot.measure), "\(key).measure", expected: "one of \(measures.joined(separator: ", "))", found: plot.measure.isEmpty ? "nothing" : plot.measure)
                    path("x", plot.x, required: true)
                    path("lines", plot.lines, required: false)
                    if !zip, !plot.x.isEmpty {
                        let covered = Set([plot.x, plot.lines].filter { !$0.isEmpty })
                        let rest = swept.filter { !covered.contains($0) }
                        checks.require(rest.isEmpty, "\(key).lines", expected: "every swept parameter on x or lines (\(rest.joined(separator: ", ")) is on neither)", found: plot.lines.isEmpty ? "nothing" : plot.lines)
                    }
                    if plot.logX, let axis = plan.axes.first(where: { $0.path == plot.x }) {
                        checks.require(axis.values.allSatisfy { ($0.number ?? 0) > 0 }, "\(key).log_x",
                                       expected: "positive numbers on a log axis", found: axis.values.map(\.shortDescription).joined(separator: ", "))
                    }
                case .curves:
                    let curves = TrainMeasure.Curve.allCases.map(\.rawValue)
                    checks.require(curves.contains(plot.measure), "\(key).measure", expected: "one of \(curves.joined(separator: ", "))", found: plot.measure.isEmpty ? "nothing" : plot.measure)
                case .heatmap:
                    checks.require(measures.contains(plot.measure), "\(key).measure", expected: "one of \(measures.joined(separator: ", "))", found: plot.measure.isEmpty ? "nothing" : plot.measure)
                    path("x", plot.x, required: true)
                    path("y", plot.y, required: true)
                    checks.require(zip == false, "\(key).type", expected: "a grid sweep for a heatmap (zip: false)", found: "zip: true")
                case .bars, .dots:
                    checks.require(measures.contains(plot.measure), "\(key).measure", expected: "one of \(measures.joined(separator: ", "))", found: plot.measure.isEmpty ? "nothing" : plot.measure)
                case .lengths:
                    checks.require(data.source == .symbolCounts && !data.testLengths.isEmpty, "\(key).type",
                                   expected: "a sequence set with test lengths (data.source: symbol-counts, data.test_lengths: [...]) for accuracy against length",
                                   found: data.source == .symbolCounts ? "no data.test_lengths" : data.source.rawValue)
                case .regions:
                    let twoD: [DataParameters.Source] = [.spiral, .disk, .blobs]
                    checks.require(twoD.contains(data.source) || data.source == .csv, "\(key).type",
                                   expected: "2-D data (spiral, disk, blobs or a CSV with two feature columns) for decision regions",
                                   found: data.source.rawValue)
                }
            }
        }

        /// The configuration as the typed decoder sees it (Swift-side names).
        var encoded: [String: ConfigValue] {
            guard let data = try? JSONEncoder().encode(self),
                  let value = try? JSONDecoder().decode([String: ConfigValue].self, from: data) else { return [:] }
            return value
        }

        /// The sweep's points over this configuration.
        func sweepPlan() -> Result<SweepPlan, ConfigProblem> {
            SweepPlan.make(sweep, zip: zip, base: encoded)
        }

        static func decode(_ values: [String: ConfigValue]) -> Config? {
            guard let data = try? JSONEncoder().encode(ConfigValue.object(values)) else { return nil }
            return try? JSONDecoder().decode(Config.self, from: data)
        }
    }

    static let kind = "train"
    static let version = 1
    static let summary = "A training setup written as data (data, model, training), over seeds, swept over any parameters, with the figures the cell asks for."
    static let outputs = ["points", "trials"]
    static let metrics: [MetricName] = TrainMeasure.allCases.map {
        MetricName("[<point...>.]\($0.rawValue)", $0.doc, sampled: $0 != .parameters)
    } + [
        MetricName("[<point...>.]test_accuracy.length_<n>", "On sequences with `data.test_lengths`: the test accuracy on the test sequences of length n (after the rows are cut to `data.steps`).", sampled: true),
        MetricName("best_point.<measure...>", "The measure at the best point by `best_by`.", sampled: true),
        MetricName("best_point.<path...>", "The value of a numeric swept parameter at the best point (`best_point.training.learning_rate`)."),
        MetricName("best_point.index", "Index of the best point in the sweep's order (0 first)."),
        MetricName("<value...>.best_point.<measure...>", "With `best_within`: the measure at the best point among those with this value of that parameter (`optimizer_adam.best_point.final.test_accuracy`); also `<value>.best_point.<path>` and `<value>.best_point.index`.", sampled: true),
        MetricName("sweep.points", "Points of the sweep (1 without one)."),
        MetricName("sweep.seeds", "Seeds per point."),
        MetricName("sweep.trials", "Trials run: points times seeds."),
    ]
    static let quickProfile: [String: ConfigValue] = [:]
    static let guide = """
        Metric names. Without a sweep a measure is named as it is (`final.validation_accuracy`).
        With one, each point's measures carry the point's name first: a named value's name
        (`funnel.final.validation_accuracy` for `model.hidden: {funnel: [...], ...}`), or the
        parameter's last name and the value (`learning_rate_0.001.best_epoch`,
        `hidden_64_32.parameters`, `optimizer_adam.final.test_loss`; a minus sign is spelt
        `minus`, an exponent `e_minus4`). Several swept paths join their names with dots,
        in alphabetical order of the paths (`funnel.learning_rate_0.01.final.test_accuracy`).
        Every measure is the mean over seeds, and its per-seed values are kept as samples
        (see "Claims with uncertainty" in the README). The `points` table lists every point
        with mean and standard deviation, `trials` every trial; both are written as CSV.

        Example (renders as written):

          ```{experiment}
          id: shapes
          run: train
          with:
            data: {source: spiral}
            model: {hidden: [16, 16, 16]}
            training: {optimizer: adam, learning_rate: 0.01, epochs: 150}
            seeds: 3
            sweep:
              model.hidden: {funnel: [32, 16, 8], constant: [16, 16, 16]}
            plots:
              - {name: accuracy, type: bars, measure: final.validation_accuracy}
              - {name: curves, type: curves, measure: validation_loss, log_y: true}
          show: [accuracy, curves, points]
          expect:
            - funnel.final.validation_accuracy > 0.8
          ```
        """

    init() {}

    static func outputs(of config: Config) -> [String] {
        outputs + config.plots.map(\.name)
    }

    static func inputFiles(of config: Config) -> [InputFile] {
        config.data.source == .csv && !config.data.path.isEmpty ? [InputFile(key: "data.path", path: config.data.path)] : []
    }

    static func checkInputs(of config: Config, lessonDirectory: String) throws {
        guard config.data.source == .csv else { return }
        let table = try CSVDataSet.read(path: TrainData.resolve(config.data.path, in: lessonDirectory),
                                        shownPath: config.data.path, target: config.data.target)
        if config.plots.contains(where: { $0.type == .regions }) && table.featureNames.count != 2 {
            throw InputFileError(path: config.data.path, line: 1,
                                 message: "\(table.featureNames.count) feature columns; a regions plot needs exactly 2")
        }
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        guard case .success(let plan) = config.sweepPlan() else {
            throw LearningError.invalidSetting(name: "sweep", expected: "a valid sweep", found: "\(config.sweep)")
        }
        let setups = try plan.points.map { point -> Config in
            guard let made = Config.decode(point.settings) else {
                throw LearningError.invalidSetting(name: "sweep point \(point.name)", expected: "a valid setup", found: "\(point.settings)")
            }
            return made
        }
        // One spec (and one read of a CSV file) per distinct data group, not per point.
        var specOf: [DataParameters: TrainData.Spec] = [:]
        var loaded: [TrainData.Spec: TrainData] = [:]
        var specs: [TrainData.Spec] = []
        for setup in setups {
            if specOf[setup.data] == nil {
                let spec = TrainData.spec(setup.data, seed: context.seed, lessonDirectory: context.lessonDirectory,
                                          digests: context.inputDigests)
                specOf[setup.data] = spec
                loaded[spec] = try TrainData.load(spec, lessonDirectory: context.lessonDirectory)
            }
            specs.append(specOf[setup.data]!)
        }
        let seeds = TrainTrial.seeds(from: context.seed, count: config.seeds)
        var keys: [TrainTrial.Key] = []
        for (setup, spec) in zip(setups, specs) {
            for seed in seeds {
                keys.append(TrainTrial.Key(data: spec, model: setup.model, training: setup.training,
                                           target: config.target, seed: seed))
            }
        }
        let results = try Self.runAll(keys, data: loaded, context: context)
        let first = loaded[specs[0]]!
        let summary = TrainSummary(config: config, plan: plan, setups: setups, results: results, seeds: seeds.count,
                                   data: first)
        return summary.cellResult()
    }

    /// Runs every trial through the trial cache, in parallel, the costliest first.
    static func runAll(_ keys: [TrainTrial.Key], data: [TrainData.Spec: TrainData],
                       context: ExperimentContext) throws -> [TrainTrial.Result] {
        func cost(_ k: TrainTrial.Key) -> Int {
            let set = data[k.data]!.dataset
            var width = set.inputSize, weights = 0
            for h in k.model.hidden + [max(set.outputSize, 1)] { weights += width * h; width = h }
            return weights * k.training.epochs * max(set.train.count, 1)
        }
        let order = keys.indices.sorted { (cost(keys[$0]), -$0) > (cost(keys[$1]), -$1) }
        let cache = context.trials
        return try SweepRunner.run(count: keys.count, jobs: context.jobs, label: "trial", progress: context.progress,
                                   order: order) { i in
            try cache.value(sharedBy: "train-trial", version: TrainTrial.version, trial: keys[i]) {
                try TrainTrial.run(keys[i], data: data[keys[i].data]!)
            }
        }
    }
}
