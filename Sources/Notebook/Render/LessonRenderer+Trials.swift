import Foundation

extension LessonRenderer {
    /// Runs the sweeps of a planned lesson with `selection` and writes no report: with
    /// `.shard(index:count:)` it computes that shard's trials into the trial cache (the
    /// work of one task of a cluster job array); with `.cachedOnly` it computes nothing
    /// and counts which trials are cached (`lessonbook status`). Cells of kinds without a
    /// sweep are not run. A trial outside the selection ends its cell's run once the cell's
    /// other trials are done; any other failure is an error naming the cell, as in `render`.
    ///
    /// A kind whose later trials depend on the results of earlier ones can only list the
    /// trials it reaches: a shard computes the first stage, and the later stages' trials
    /// appear once the earlier ones are cached.
    public func runTrials(_ plan: LessonPlan, selection: TrialCache.Selection) throws -> TrialSurvey {
        let lesson = plan.lesson
        var cells: [TrialSurvey.Cell] = []
        // The exercises' changed runs are cells too (with the smallest count of an adaptive range).
        let runs = plan.cells + plan.exercises.map { exerciseRun($0, outputs: []) }
        for (index, cellPlan) in runs.enumerated() {
            let experiment = cellPlan.experiment
            guard experiment.hasSweep else {
                cells.append(TrialSurvey.Cell(id: cellPlan.id, kind: experiment.kind, hasSweep: false,
                                              counts: TrialCache.Tally.Counts()))
                continue
            }
            progress.cellStarted(lesson.name, cellPlan.id, index, runs.count)
            let trials = TrialCache(directory: trialDirectory(lesson: lesson, cell: cellPlan),
                                    sharedDirectory: sharedTrialDirectory(lesson: lesson), selection: selection,
                                    code: options.buildIdentity)
            let context = ExperimentContext(seed: cellPlan.seed, jobs: options.jobs, quick: options.quick,
                                            progress: progress.cellProgress, trials: trials,
                                                lessonDirectory: URL(fileURLWithPath: lesson.path).deletingLastPathComponent().path,
                                            inputDigests: cellPlan.inputDigestsByPath)
            do {
                _ = try experiment.run(cellPlan.config, context: context)
            } catch is TrialCache.Skipped {
                // The rest of this cell's trials belong to other shards or are not cached.
            } catch let error as NotebookError {
                throw error
            } catch {
                throw NotebookError(file: lesson.path, line: cellPlan.cell.line, key: cellPlan.id,
                                    message: "the experiment `\(experiment.kind)` failed: \(error)")
            }
            cells.append(TrialSurvey.Cell(id: cellPlan.id, kind: experiment.kind, hasSweep: true,
                                          counts: trials.tally.counts))
        }
        return TrialSurvey(lesson: lesson.name, cells: cells)
    }
}
