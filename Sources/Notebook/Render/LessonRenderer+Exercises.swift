import Foundation

extension LessonRenderer {
    /// One exercise's changed run and the verdicts of its claims.
    struct ExerciseOutput {
        var plan: ExercisePlan
        var output: CellOutput
        var prediction: ClaimResult?
        /// Nil in the student edition: the answer's claim is not even evaluated there.
        var answer: ClaimResult?
    }

    /// Runs each exercise's changed cell after the lesson's cells, exactly as a cell runs
    /// (the cell cache, its own trial folder, `--shard`), but without drawing its figures:
    /// the report shows the exercise's numbers, not its figures. A change of a cell with
    /// `seeds: {min, max}` runs with the count of seeds that cell ended with, so the
    /// changed run and the original compare over the same seeds whatever the edition.
    func runExercises(_ plan: LessonPlan, outputs: [CellOutput], cache: CellCache,
                      scratch: inout [URL]) throws -> [CellOutput] {
        var results: [CellOutput] = []
        let total = plan.cells.count + plan.exercises.count
        for (index, exercise) in plan.exercises.enumerated() {
            let run = exerciseRun(exercise, outputs: outputs)
            progress.cellStarted(plan.lesson.name, run.id, plan.cells.count + index, total)
            let start = Date()
            var output = try runCell(run, lesson: plan.lesson, cache: cache, scratch: &scratch, drawingFigures: false).output
            output.seconds = Date().timeIntervalSince(start)
            results.append(output)
            progress.cellFinished(plan.lesson.name, cellRun(output))
        }
        return results
    }

    /// The plan an exercise runs: its changed cell, with the seeds its base cell ended with
    /// when that cell adds seeds (`outputs` empty: the range's smallest count).
    func exerciseRun(_ exercise: ExercisePlan, outputs: [CellOutput]) -> CellPlan {
        var run = exercise.run
        if run.adaptiveSeeds != nil {
            if let base = outputs.first(where: { $0.plan.id == exercise.cell }), let count = base.seedCount {
                run.config["seeds"] = .int(count)
            }
            run.adaptiveSeeds = nil
        }
        return run
    }

    /// Decides each exercise's prediction and, in the instructor edition, its answer's
    /// claim. Bare metric names are the changed run's, `cell.metric` any cell's (the
    /// original run's among them), so "the best rate doubles" reads
    /// `best_rate.b1024 >= 2 * grid.best_rate.b1024`.
    func decideExercises(_ plan: LessonPlan, outputs: [CellOutput],
                         exerciseOutputs: [CellOutput]) throws -> [ExerciseOutput] {
        let all = outputs + exerciseOutputs
        return try zip(plan.exercises, exerciseOutputs).map { exercise, output in
            let prediction = try exercise.prediction.map { claim in
                try evaluate(claim, for: output, all: all, lesson: plan.lesson,
                             key: exercise.predictedOnCommandLine.map { "--predict \($0)" } ?? "\(exercise.id).predict")
            }
            var answer: ClaimResult? = nil
            if options.edition.showsAnswers, let claim = exercise.answer {
                answer = try evaluate(claim, for: output, all: all, lesson: plan.lesson, key: "\(exercise.id).answer.claim")
            }
            return ExerciseOutput(plan: exercise, output: output, prediction: prediction, answer: answer)
        }
    }

    func exerciseRunRecord(_ exercise: ExerciseOutput) -> ExerciseRun {
        let run = cellRun(exercise.output)
        return ExerciseRun(id: exercise.plan.id, cell: exercise.plan.cell, change: exercise.plan.exercise.change.map(\.text),
                           cacheKey: run.cacheKey, cache: run.cache, seconds: run.seconds,
                           computeSeconds: run.computeSeconds, data: run.data, prediction: exercise.prediction,
                           answer: exercise.answer)
    }

    /// What `data/<exercise>.json` and the report show of an exercise: the changed run's
    /// settings, metrics and per-seed values, and the verdicts this edition may show.
    func exerciseRecord(_ exercise: ExerciseOutput) -> ExerciseRecord {
        let output = exercise.output
        let data = CellRecord(cell: exercise.plan.id, kind: output.plan.experiment.kind,
                              version: output.plan.experiment.version, seed: output.plan.seed,
                              config: output.plan.config, metrics: output.stored.metrics, series: [:], tables: [:],
                              figures: [], notes: output.stored.notes,
                              claims: [exercise.prediction, exercise.answer].compactMap { $0 },
                              samples: output.stored.samples)
        return ExerciseRecord(plan: exercise.plan, data: data, prediction: exercise.prediction, answer: exercise.answer)
    }
}
