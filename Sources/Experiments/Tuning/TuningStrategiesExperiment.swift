import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `tuning-strategies`: grid search, random search, Bayesian optimisation, successive
/// halving, Hyperband, ASHA and the median stopping rule tuning the same MLP on
/// Fashion-MNIST, each with the same budget of training epochs and repeated with several
/// seeds. Every trained (configuration, seed, epochs) is cached and shared by all
/// strategies and repetitions (random search and the schedulers draw the same
/// configurations in the same order for a repetition), and resource-based strategies
/// continue trials from checkpoints. Beside the comparison: grid against random search on
/// an important and an unimportant hyperparameter, Bayesian optimisation on the learning
/// rate alone, and the importance of each hyperparameter.
struct TuningStrategiesExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data: DataParameters = {
            var data = BatchDataSetup.data(train: 3_000, validation: 1_000)
            data.test = 1_000
            return data
        }()
        var space = SearchSpace.standard
        var model = BatchDataSetup.model(hidden: [64])
        var training: TrainingParameters = {
            var training = BatchDataSetup.training(optimizer: .momentum, learningRate: 0.05, epochs: 9, batchSize: 64)
            training.weightDecay = 1e-5
            return training
        }()
        var budget = 81
        var eta = 3
        var repetitions = 5
        var strategies = ["grid", "random", "bayesian", "halving", "hyperband", "asha", "median"]
        var gridDimensions = ["learning_rate", "width"]
        var workers = 4
        var initialPoints = 3
        var target = 0.8
        var important = "learning_rate"
        var unimportant = "weight_decay"
        var demoTrials = 9
        var bayesTrials = 8
        var bayesSnapshots = [3, 6]

        static let dimensionNames = SearchSpace.knownNames.map(ParameterName.snakeCase)

        /// Values of the hyperparameters the space leaves out, in `SearchSpace.knownNames`
        /// order: learning rate, batch size, width, depth, weight decay.
        var fixedValues: [Double] {
            [training.learningRate, Double(training.batchSize), Double(model.hidden.first ?? 1), Double(model.hidden.count),
             training.weightDecay]
        }

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The examples, as in a `train` cell: `source: fashion-mnist` (pooled to 14 x 14 pixels) or `clusters` (ten Gaussian classes in `inputs` dimensions with `spread`); `train` training examples, `validation` examples that every search sees and `test` examples, used once per search to score its pick."),
            .mapping("space", \.space, keys: dimensionNames, values: SearchSpace.distributionWords,
                     "The search space, one distribution per hyperparameter, e.g. `learning_rate: {log_uniform: [1e-4, 1]}`; a value given replaces the whole space.") {
                space, key, checks in
                for problem in space.problems(prefix: key) { checks.append(problem) }
            },
            .record("model", \.model, "The MLP, as in a `train` cell, with the hidden layers the space leaves out: `hidden` of `depth` equal `width`s (ReLU, He-normal weights)."),
            .record("training", \.training, "How every trial trains, as in a `train` cell: SGD with `momentum` (not searched), and the `learning_rate`, `batch_size` and `weight_decay` the space leaves out; and `epochs`, the most epochs of one trial (the strategies that stop early train fewer)."),
            .whole("budget", \.budget, 1..., "Epochs of training each search may spend."),
            .whole("eta", \.eta, 2..., "The reduction factor of successive halving, Hyperband and ASHA."),
            .whole("repetitions", \.repetitions, 1..., "Independent searches per strategy, each with its own sampling and training seed."),
            .choices("strategies", \.strategies, names: Strategy.names, .distinct,
                     "Strategies compared: a sampler (grid, random, bayesian), a scheduler with random sampling (halving, hyperband, asha, median), or sampler+scheduler such as `bayesian+asha`."),
            .choices("gridDimensions", \.gridDimensions, names: dimensionNames, ListShape(distinct: true),
                     "The dimensions grid search puts on its grid (the others stay at their centre)."),
            .whole("workers", \.workers, 1..., "Workers of ASHA (on a simulated clock); the other strategies use one."),
            .whole("initialPoints", \.initialPoints, 1..., "Random points before Bayesian optimisation fits its first model."),
            .number("target", \.target, .between(0, 1), "Validation accuracy that counts as reaching the target in the table."),
            .choice("important", names: dimensionNames, "Grid against random search in two dimensions: the important one."),
            .choice("unimportant", names: dimensionNames, "Grid against random search: the unimportant one."),
            .whole("demoTrials", \.demoTrials, 1..., "Trials of grid and of random search in the two-dimension demonstration."),
            .whole("bayesTrials", \.bayesTrials, 1..., "Trials of Bayesian optimisation on the important dimension alone."),
            .wholes("bayesSnapshots", \.bayesSnapshots, 1..., .nonEmpty,
                    "Numbers of observations after which the model of Bayesian optimisation is drawn."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            BatchDataSetup.check(data, withTest: true, &checks)
            let defaults = Config()
            GroupChecks.fixed(model, defaults.model, group: "model", free: ["hidden"],
                              why: "dense ReLU layers with He-normal weights and biases, no dropout", &checks)
            checks.require(!model.hidden.isEmpty && Set(model.hidden).count == 1, "model.hidden",
                           expected: "one or more layers of one width (the space's `width` and `depth`)", found: "\(model.hidden)")
            GroupChecks.fixed(training, defaults.training, group: "training",
                              free: ["momentum", "learningRate", "batchSize", "weightDecay", "epochs"],
                              why: "SGD with momentum at a constant rate", &checks)
            checks.require(budget >= training.epochs, "budget", expected: "at least training.epochs (\(training.epochs)) epochs",
                           found: "\(budget)")
            let names = space.entries.keys.map(ParameterName.snakeCase)
            let inSpace = "a dimension of the space (\(names.sorted().joined(separator: ", ")))"
            for (i, g) in gridDimensions.enumerated() where Self.dimensionNames.contains(g) && !names.contains(g) {
                checks.append(ConfigProblem(key: "gridDimensions.\(i)", expected: inSpace, found: g))
            }
            checks.require(names.contains(important), "important", expected: inSpace, found: important)
            checks.require(names.contains(unimportant) && unimportant != important, "unimportant",
                           expected: "another dimension of the space", found: unimportant)
            checks.require(bayesTrials > initialPoints, "bayesTrials", expected: "more than initial_points (\(initialPoints))",
                           found: "\(bayesTrials)")
            checks.require(bayesSnapshots.allSatisfy { $0 >= initialPoints && $0 < bayesTrials },
                           "bayesSnapshots", expected: "observation counts from initial_points to bayes_trials - 1",
                           found: "\(bayesSnapshots)")
        }
    }

    static let kind = "tuning-strategies"
    static let version = 1
    static let summary = "Grid, random, Bayesian optimisation, successive halving, Hyperband, ASHA, median stopping: one MLP, one epoch budget."
    static let outputs = ["grid-vs-random", "best-vs-budget", "schedulers", "bayes", "parallel", "importance",
                                 "validation-vs-test", "strategies", "importance-table"]
    static let metrics: [MetricName] = [
        MetricName("<strategy>.median_best", "Median over repetitions of the best validation accuracy found within the budget (`+` in a strategy's name becomes `_`)."),
        MetricName("<strategy>.q1_best", "First quartile of the best validation accuracy."),
        MetricName("<strategy>.q3_best", "Third quartile of the best validation accuracy."),
        MetricName("<strategy>.median_test", "Median test accuracy of the configuration each search picked."),
        MetricName("<strategy>.median_pick_validation", "Median validation accuracy of the pick."),
        MetricName("<strategy>.epochs_to_target", "Median epochs spent until the best validation accuracy reached `target` (infinite if never)."),
        MetricName("<strategy>.reached_target", "Searches that reached `target`."),
        MetricName("<strategy>.median_trials", "Median number of trials started."),
        MetricName("<strategy>.median_stopped", "Median number of trials stopped before `training.epochs`."),
        MetricName("<strategy>.median_spent", "Median epochs spent."),
        MetricName("<strategy>.epochs_to_random_final", "Median epochs until random search's median final best was reached (when random search is compared)."),
        MetricName("<strategy>.reached_random_final", "Searches whose best reached random search's median final best within the budget (when random search is compared)."),
        MetricName("<strategy>.final_best", "Best validation accuracy found within the budget, per search (its mean over the searches).", sampled: true),
        MetricName("picks.count", "Picks (one per search) compared on validation and test."),
        MetricName("picks.mean_validation", "Mean validation accuracy of the picks."),
        MetricName("picks.mean_test", "Mean test accuracy of the picks."),
        MetricName("picks.mean_gap", "Mean validation minus test accuracy of the picks."),
        MetricName("picks.share_optimistic", "Share of picks whose validation accuracy exceeds their test accuracy."),
        MetricName("picks.optimism", "`picks.mean_gap` minus `trials.mean_gap`: the optimism of picking on validation."),
        MetricName("trials.mean_gap", "Mean validation minus test accuracy of every fully trained trial (the split's own gap)."),
        MetricName("importance.<dimension>", "First-order variance share of a hyperparameter of the space."),
        MetricName("importance.trials", "Distinct fully trained trials behind the importance estimate."),
        .setting("budget"),
        MetricName("half_budget", "Half the budget."),
        MetricName("max_epochs", "The `training.epochs` setting: the most epochs of one trial."),
        .setting("repetitions"),
        .setting("target"),
        MetricName("demo.grid_distinct_important", "Distinct values of the important dimension tried by grid search in the demonstration."),
        MetricName("demo.random_distinct_important", "Distinct values of the important dimension tried by random search."),
        MetricName("demo.grid_best", "Best validation accuracy of grid search in the demonstration."),
        MetricName("demo.random_best", "Best validation accuracy of random search in the demonstration."),
        MetricName("bayes.best", "Best validation accuracy of Bayesian optimisation on the important dimension alone."),
        MetricName("bayes.trials", "Its trials."),
        MetricName("bayes.best_learning_rate", "The learning rate of its pick."),
    ]
    static let quickProfile: [String: ConfigValue] = [
        "data": .object(["source": .string("clusters"), "train": .int(600), "validation": .int(300), "test": .int(300)]),
        "budget": .int(27),
        "repetitions": .int(3),
        "demoTrials": .int(4),
        "bayesTrials": .int(5),
        "bayesSnapshots": .array([.int(3), .int(4)]),
    ]

    /// A search space with the other hyperparameters fixed: what one search explores.
    struct Problem: Sendable {
        var dimensions: [Dimension]
        var fixed: [Double]

        /// The five trial values at unit coordinates `u` (one per dimension).
        func values(_ u: [Double]) -> [Double] {
            var v = fixed
            for (d, x) in zip(dimensions, u) {
                v[SearchSpace.knownNames.firstIndex(of: d.name)!] = d.distribution.value(at: x)
            }
            return v
        }

        /// Unit coordinates of the configuration actually trained at `u` (after rounding).
        func round(_ u: [Double]) -> [Double] {
            zip(dimensions, u).map { d, x in d.distribution.unit(of: d.distribution.value(at: x)) }
        }
    }

    /// One unit of parallel work: a search of one strategy and repetition, or a demonstration.
    enum Task: Sendable {
        case search(strategy: Int, repetition: Int)
        case gridDemo, randomDemo, bayesDemo
    }

    struct TaskResult: Sendable {
        var outcome: Search.Outcome
        var snapshots: [BayesianSampler.Snapshot] = []
        var rungs: [Int] = []
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let spec = TuningData.spec(config.data, seed: context.seed)
        let data = try TuningData.load(spec)
        let store = TrialStore(data: data, spec: spec, momentum: config.training.momentum, maxEpochs: config.training.epochs,
                               cache: context.trials)
        let strategies = config.strategies.compactMap(Strategy.init)
        let problems = Problems(config)
        let seeds = (0..<config.repetitions).map { r -> UInt64 in
            var g = SeededGenerator(seed: context.seed).derive(stream: UInt64(r))
            return g.next()
        }

        let tasks: [Task] = [.gridDemo, .randomDemo, .bayesDemo]
            + (0..<config.repetitions).flatMap { r in strategies.indices.map { Task.search(strategy: $0, repetition: r) } }
        let total = 2 * config.demoBudget + config.bayesBudget + tasks.count.advanced(by: -3) * config.budget
        let progress = SearchProgress(total: total, report: context.progress)

        // Whole searches run in parallel through the one sweep runner; each search's trials
        // go through the `TrialStore` (the trial cache), and progress is counted in epochs
        // by `SearchProgress`, finer than the runner's count of searches.
        let results = try SweepRunner.run(count: tasks.count, jobs: context.jobs, label: "search",
                                          progress: { _, _ in }) { index -> TaskResult in
            try Self.runTask(tasks[index], config: config, problems: problems, strategies: strategies, seeds: seeds,
                             store: store, progress: progress)
        }

        var outcomes: [[Search.Outcome]] = Array(repeating: [], count: strategies.count)
        var rungs: [[Int]] = Array(repeating: [], count: strategies.count)
        for (task, result) in zip(tasks, results) {
            if case let .search(s, _) = task {
                outcomes[s].append(result.outcome)
                rungs[s] = result.rungs
            }
        }
        let summary = TuningSummary(config: config, strategies: strategies, outcomes: outcomes, rungs: rungs,
                                    problem: problems.main, grid: results[0].outcome, random: results[1].outcome,
                                    plane: problems.plane, bayes: results[2], line: problems.line, description: data.description)
        return summary.cellResult()
    }

    /// The three problems a cell searches: the whole space (the strategies' searches), the
    /// plane of the important and the unimportant dimension (grid against random), and the
    /// important dimension alone (the Bayesian demonstration).
    struct Problems: Sendable {
        var main: Problem
        var plane: Problem
        var line: Problem

        init(_ config: Config) {
            let dimensions = config.space.dimensions
            func dimension(_ label: String) -> Dimension { dimensions.first { $0.label == label }! }
            main = Problem(dimensions: dimensions, fixed: config.fixedValues)
            plane = Problem(dimensions: [dimension(config.important), dimension(config.unimportant)], fixed: config.fixedValues)
            line = Problem(dimensions: [dimension(config.important)], fixed: config.fixedValues)
        }
    }

    /// Runs one unit of parallel work: a demonstration or one strategy's search.
    static func runTask(_ task: Task, config: Config, problems: Problems, strategies: [Strategy], seeds: [UInt64],
                        store: TrialStore, progress: SearchProgress) throws -> TaskResult {
        let demoBudget = config.demoBudget, bayesBudget = config.bayesBudget
        let plane = problems.plane, line = problems.line
        switch task {
        case .gridDemo, .randomDemo:
            let seed = seeds[0]
            var full = FullTraining(maxEpochs: config.training.epochs)
            let label = task.isGrid ? "grid (2 dimensions)" : "random (2 dimensions)"
            let objective = Self.objective(plane, store: store, seed: seed)
            if task.isGrid {
                var grid = GridSampler(gridded: [true, true],
                                       levels: GridSampler.levels(trials: config.demoTrials, dimensions: 2))
                return TaskResult(outcome: try Search.run(sampler: &grid, scheduler: &full, budget: demoBudget, workers: 1,
                                                          round: plane.round, objective: objective,
                                                          progress: progress.observer(label, budget: demoBudget)))
            }
            var random = RandomSampler(dimensions: 2, seed: seed)
            return TaskResult(outcome: try Search.run(sampler: &random, scheduler: &full, budget: demoBudget, workers: 1,
                                                      round: plane.round, objective: objective,
                                                      progress: progress.observer(label, budget: demoBudget)))
        case .bayesDemo:
            var full = FullTraining(maxEpochs: config.training.epochs)
            var bayes = BayesianSampler(dimensions: 1, seed: seeds[0], initial: config.initialPoints)
            bayes.recording = true
            let outcome = try Search.run(sampler: &bayes, scheduler: &full, budget: bayesBudget, workers: 1,
                                         round: line.round, objective: Self.objective(line, store: store, seed: seeds[0]),
                                         progress: progress.observer("BO (learning rate alone)", budget: bayesBudget))
            return TaskResult(outcome: outcome, snapshots: bayes.snapshots)
        case let .search(s, r):
            let strategy = strategies[s]
            let label = "\(strategy.title), repetition \(r + 1)/\(config.repetitions)"
            return try Self.search(strategy, problem: problems.main, config: config, seed: seeds[r], store: store,
                                   progress: progress.observer(label, budget: config.budget))
        }
    }

    /// The objective of a search over `problem`: the cached curves of its configurations.
    static func objective(_ problem: Problem, store: TrialStore, seed: UInt64) -> Search.Objective {
        { point, epochs in
            let curve = try store.curve(TuningTrial.Setting(problem.values(point)), seed: seed, epochs: epochs)
            return (curve.validation, curve.test)
        }
    }

    static func search(_ strategy: Strategy, problem: Problem, config: Config, seed: UInt64, store: TrialStore,
                       progress: @escaping (Search.Outcome) -> Void) throws -> TaskResult {
        let d = problem.dimensions.count
        let objective = objective(problem, store: store, seed: seed)
        let r = config.training.epochs
        func run<S: Sampler>(_ sampler: S) throws -> TaskResult {
            var sampler = sampler
            func go<P: Scheduler>(_ scheduler: P, workers: Int) throws -> TaskResult {
                var scheduler = scheduler
                let outcome = try Search.run(sampler: &sampler, scheduler: &scheduler, budget: config.budget, workers: workers,
                                             round: problem.round, objective: objective, progress: progress)
                return TaskResult(outcome: outcome, rungs: scheduler.rungs)
            }
            switch strategy.scheduler {
            case .full: return try go(FullTraining(maxEpochs: r), workers: 1)
            case .halving: return try go(SuccessiveHalving(maxEpochs: r, eta: config.eta), workers: 1)
            case .hyperband: return try go(Hyperband(maxEpochs: r, eta: config.eta), workers: 1)
            case .asha: return try go(AsynchronousHalving(maxEpochs: r, eta: config.eta), workers: config.workers)
            case .median: return try go(MedianStopping(maxEpochs: r), workers: 1)
            }
        }
        switch strategy.sampler {
        case .grid:
            let gridded = problem.dimensions.map { config.gridDimensions.contains($0.label) }
            let trials = config.budget / r
            let levels = GridSampler.levels(trials: trials, dimensions: gridded.filter { $0 }.count)
            return try run(GridSampler(gridded: gridded, levels: levels))
        case .random:
            return try run(RandomSampler(dimensions: d, seed: seed))
        case .bayesian:
            return try run(BayesianSampler(dimensions: d, seed: seed, initial: config.initialPoints))
        }
    }
}

extension TuningStrategiesExperiment.Task {
    var isGrid: Bool {
        if case .gridDemo = self { return true }
        return false
    }
}

extension TuningStrategiesExperiment.Config {
    /// Epochs each two-dimensional demonstration (grid, random) may spend.
    var demoBudget: Int { demoTrials * training.epochs }
    /// Epochs the Bayesian demonstration may spend.
    var bayesBudget: Int { bayesTrials * training.epochs }
}
