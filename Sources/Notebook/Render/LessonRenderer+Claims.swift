import Foundation

extension LessonRenderer {
    /// Evaluates one claim of `output` against its cell's metrics and those of `all`; a claim
    /// that cannot be decided as written (`Claim.Refusal`) becomes an error naming the line.
    /// `key` names the claim's place in messages (the cell's `expect` unless given).
    func evaluate(_ claim: Claim, for output: CellOutput, all: [CellOutput], lesson: Lesson,
                  key: String? = nil) throws -> ClaimResult {
        let key = key ?? "\(output.plan.id).expect"
        do {
            return try claim.evaluate { path in try metric(path, for: output, all: all, claim: claim, lesson: lesson, key: key) }
        } catch let refusal as Claim.Refusal {
            throw NotebookError(file: lesson.path, line: claim.line, key: key,
                                message: "the claim `\(claim.text)`: \(refusal.message)")
        }
    }

    /// A metric path in a claim: the cell's own metric, or `othercell.metric` when
    /// unambiguous. A bare name the kind measured per seed stands for its per-seed values
    /// (so the claim is decided on an interval); a derived name (`m.mean`, `m.ci_low`) or
    /// any other metric is a number.
    func metric(_ path: String, for output: CellOutput, all: [CellOutput], claim: Claim, lesson: Lesson,
                key: String) throws -> MetricValue {
        func value(_ name: String, in cell: CellOutput) -> MetricValue? {
            if let samples = cell.stored.samples?[name] { return .samples(samples, cell: cell.plan.id) }
            return cell.metrics[name].map(MetricValue.number)
        }
        let own = value(path, in: output)
        var other: MetricValue? = nil
        if let dot = path.firstIndex(of: "."),
           let cell = all.first(where: { $0.plan.id == path[..<dot] }) {
            other = value(String(path[path.index(after: dot)...]), in: cell)
        }
        switch (own, other) {
        case (let value?, nil): return value
        case (nil, let value?): return value
        case (_?, _?):
            throw NotebookError(file: lesson.path, line: claim.line, key: key, message:
                "`\(path)` is ambiguous: it is a metric of this cell and of cell `\(path.prefix(while: { $0 != "." }))`; expected one meaning (rename the metric or the cell)")
        case (nil, nil):
            let known = output.metrics.keys.sorted()
            var message = "unknown metric `\(path)` in the claim `\(claim.text)`"
            if let near = Suggestion.nearest(to: path, among: known) { message += "; did you mean `\(near)`?" }
            message += (message.hasSuffix("?") ? "" : ".") + " Expected one of this cell's metrics (\(known.joined(separator: ", "))) or `othercell.metric`"
            throw NotebookError(file: lesson.path, line: claim.line, key: key, message: message)
        }
    }

    /// Runs a cell with `seeds: {min, max}` at each count of `adaptiveSeeds.schedule` in
    /// turn, until none of its claims is undecided or the schedule ends. Each count is an
    /// ordinary run of the cell (served from the cell cache when it ran before), and the
    /// kind's trial cache keeps every seed, so a larger count trains only the seeds added.
    /// A claim that cannot be evaluated yet (it names a later cell) does not ask for seeds.
    /// The counts are run without drawing figures; only the count the cell ends with draws
    /// them, from the result already computed.
    func runAddingSeeds(_ cellPlan: CellPlan, _ adaptiveSeeds: AdaptiveSeeds, earlier: [CellOutput], lesson: Lesson,
                        cache: CellCache, scratch: inout [URL]) throws -> CellOutput {
        var plan = cellPlan
        plan.config["seeds"] = .int(adaptiveSeeds.min)
        var (output, computed) = try runCell(plan, lesson: lesson, cache: cache, scratch: &scratch,
                                             drawingFigures: false)
        for count in adaptiveSeeds.schedule.dropFirst() {
            let run = output
            let undecided = plan.claims.contains { claim in
                (try? evaluate(claim, for: run, all: earlier + [run], lesson: lesson))?.verdict == .undecided
            }
            guard undecided else { break }
            plan.config["seeds"] = .int(count)
            (output, computed) = try runCell(plan, lesson: lesson, cache: cache, scratch: &scratch,
                                             drawingFigures: false)
        }
        return try runCell(plan, lesson: lesson, cache: cache, scratch: &scratch, drawingFigures: true,
                           reusing: computed).output
    }
}
