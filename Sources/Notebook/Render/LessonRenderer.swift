import Foundation
import Tensor
import Plot

/// Runs a lesson's cells (from the cache where nothing changed), checks its claims and
/// references, and writes `<outputRoot>/<lesson>/` atomically: the report is built in a
/// temporary folder beside the target and renamed into place, so a failed render leaves
/// the previous report whole.
///
///     let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options)
///     let outcome = try renderer.render(lessonAt: URL(fileURLWithPath: "lessons/01-width-vs-depth.md"),
///                                       path: "lessons/01-width-vs-depth.md")
///     if !outcome.failedClaims.isEmpty { /* exit 3 */ }
///     for claim in outcome.undecidedClaims { /* warn; exit 3 with --strict */ }
public struct LessonRenderer: Sendable {
    /// The kinds cells may name in `run:`, by kind name (`Catalogue.byKind` on the command line).
    public var catalogue: [String: AnyExperiment]
    /// Where output and cache go, the profile, overrides, formats and the trial selection.
    public var options: RenderOptions
    /// Progress callbacks; `.silent` by default (tests, status passes).
    public var progress: RenderProgress
    /// With `--no-cache`, the start of the name of the folders where the shared trials of
    /// a render live while it runs (`sharedTrialDirectory(lesson:)`, one per lesson, each
    /// removed when its lesson is rendered).
    let scratchTrials = FileManager.default.temporaryDirectory
        .appendingPathComponent("lessonbook-trials-\(UUID().uuidString)")

    /// A renderer for the kinds in `catalogue`, run as `options` says, reporting to `progress`.
    public init(catalogue: [String: AnyExperiment], options: RenderOptions, progress: RenderProgress = .silent) {
        self.catalogue = catalogue
        self.options = options
        self.progress = progress
    }

    /// Parses, plans and renders one lesson file; `path` is how messages name it.
    public func render(lessonAt url: URL, path: String? = nil) throws -> RenderOutcome {
        let lesson = try LessonParser.parse(contentsOf: url, path: path)
        return try render(try planner(strictOverrides: true).plan(lesson))
    }

    /// The planner these options imply (`lessonbook check` uses it alone).
    public func planner(strictOverrides: Bool) -> LessonPlanner {
        LessonPlanner(catalogue: catalogue, quick: options.quick, overrides: options.overrides,
                      strictOverrides: strictOverrides, predictions: options.predictions)
    }

    /// One cell's result, however obtained.
    struct CellOutput {
        var plan: CellPlan
        var stored: CellCache.Stored
        /// The folder holding `<figure>.<format>` files.
        var figureFolder: URL
        var cacheKey: String
        var cache: String
        var seconds: Double
        /// Seconds the result took to compute (now, or when it was stored in the cache).
        var computeSeconds: Double?
        var claims: [ClaimResult] = []

        /// For a cell with `seeds: {min, max}`, the count of seeds it ran with; nil otherwise.
        var seedCount: Int? {
            guard plan.adaptiveSeeds != nil, case .int(let count)? = plan.config["seeds"] else { return nil }
            return count
        }

        /// Every metric the cell offers to prose and claims: the kind's own, and for each
        /// sampled metric its derived ones (`SampleSummary.metrics`).
        var metrics: [String: Double] {
            SampleSummary.metrics(stored.metrics, samples: stored.samples ?? [:])
        }
    }

    /// Renders a planned lesson into `<outputRoot>/<lesson>/` and updates the index.
    public func render(_ plan: LessonPlan) throws -> RenderOutcome {
        let started = Date()
        let lesson = plan.lesson
        let cache = CellCache(directory: options.cacheDirectory)
        var outputs: [CellOutput] = []
        var scratch: [URL] = []
        defer { for folder in scratch { try? FileManager.default.removeItem(at: folder) } }
        if !options.useCache { scratch.append(sharedTrialDirectory(lesson: lesson)) }

        for (index, cellPlan) in plan.cells.enumerated() {
            progress.cellStarted(lesson.name, cellPlan.id, index, plan.cells.count)
            let cellStart = Date()
            var output: CellOutput
            if let adaptiveSeeds = cellPlan.adaptiveSeeds {
                output = try runAddingSeeds(cellPlan, adaptiveSeeds, earlier: outputs, lesson: lesson, cache: cache,
                                            scratch: &scratch)
            } else {
                output = try runCell(cellPlan, lesson: lesson, cache: cache, scratch: &scratch).output
            }
            output.seconds = Date().timeIntervalSince(cellStart)
            outputs.append(output)
            progress.cellFinished(lesson.name, cellRun(output))
        }

        let exerciseOutputs = try runExercises(plan, outputs: outputs, cache: cache, scratch: &scratch)

        // Claims and references can only be checked once every cell has run.
        try checkShown(outputs, lesson: lesson)
        for index in outputs.indices {
            outputs[index].claims = try outputs[index].plan.claims.map { claim in
                try evaluate(claim, for: outputs[index], all: outputs, lesson: lesson)
            }
        }
        let exercises = try decideExercises(plan, outputs: outputs, exerciseOutputs: exerciseOutputs)
        let filled = try fillReferences(plan, outputs: outputs)

        let claims = ClaimSummary(outputs.flatMap(\.claims))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let manifest = RunManifest(
            lesson: lesson.name, title: lesson.title, summary: lesson.summary, source: lesson.path,
            sourceHash: lesson.sourceHash, profile: options.quick ? "quick" : "full", overrides: plan.overrides,
            seed: lesson.seed, toolVersion: options.toolVersion, startedAt: formatter.string(from: started),
            seconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000,
            status: claims.failed > 0 ? "claims-failed" : claims.undecided > 0 ? "claims-undecided" : "ok",
            cells: outputs.map(cellRun), claims: claims, blasKernels: BLASKernels.coreName,
            edition: options.edition.rawValue, exercises: exercises.isEmpty ? nil : exercises.map { exerciseRunRecord($0) })

        let folder = options.outputRoot.appendingPathComponent(lesson.name)
        try OutputFolder.replace(folder) { build in
            try writeRun(into: build, plan: plan, outputs: outputs, exercises: exercises, filled: filled,
                         manifest: manifest)
        }
        try OutputFolder.writeIndex(options.outputRoot, reports: options.reports)
        return RenderOutcome(folder: folder, manifest: manifest)
    }

    /// A cell's result computed in this render, kept so that its figures can be drawn later
    /// without running the cell again (`runAddingSeeds` draws only the count it ends with).
    struct ComputedCell {
        /// The kind's result, figures included.
        var result: CellResult
        /// Seconds the computation took, trials served from the trial cache counted at their
        /// recorded times spread over the jobs.
        var seconds: Double
    }

    /// Runs one cell as planned, or serves it from the cell cache, and draws its figures
    /// into the cache entry; `scratch` collects staging folders to remove afterwards.
    /// Without `drawingFigures` (an exercise's run, whose figures no report shows) the
    /// figures are not drawn, and the entry has a cache key of its own. Given `reusing`
    /// (this plan's result computed earlier in the render), it draws and stores that
    /// instead of running the kind again. Returns the output and the result it computed
    /// (nil when served from the cell cache).
    func runCell(_ cellPlan: CellPlan, lesson: Lesson, cache: CellCache, scratch: inout [URL], drawingFigures: Bool = true,
                 reusing earlier: ComputedCell? = nil) throws -> (output: CellOutput, computed: ComputedCell?) {
        let cellStart = Date()
        let key = CellCache.key(kind: cellPlan.experiment.kind, version: cellPlan.experiment.version,
                                config: cellPlan.config, seed: cellPlan.seed, toolVersion: options.toolVersion,
                                build: options.buildIdentity, inputs: cellPlan.inputDigests, theme: options.theme,
                                figures: drawingFigures)
        let storedFormats = drawingFigures ? options.formats + options.slideFileSuffixes : options.formats
        if options.useCache, let stored = cache.load(key, formats: storedFormats) {
            return (CellOutput(plan: cellPlan, stored: stored, figureFolder: cache.entry(key), cacheKey: key,
                               cache: "hit", seconds: Date().timeIntervalSince(cellStart),
                               computeSeconds: stored.computeSeconds), nil)
        } else {
            let computed = try earlier ?? computeCell(cellPlan, lesson: lesson)
            var result = computed.result
            let drawingStart = Date()
            let staging = try cache.staging()
            scratch.append(staging)
            var figures: [FigureRecord] = []
            if !drawingFigures { (result.figures, result.animations) = ([], []) }
            let files: [[String]]
            var slideFiles: [[String]] = result.figures.map { _ in [] }
            do {
                // The report's figures: as drawn, or laid out again for slides (`--theme`).
                let reportTheme = Theme.named(options.theme) ?? .standard
                files = try FigureWriter.write(result.figures.map {
                    (name: $0.name, figure: options.theme == "standard" ? $0.figure : $0.figure.forSlide(theme: reportTheme))
                }, formats: options.formats, scale: 2, into: staging, jobs: options.jobs)
                if !options.wantedSlideFormats.isEmpty {
                    // Slide figures, 1920 pixels wide: `<figure>.<slide theme>.<format>`.
                    let slideTheme = Theme.named(options.slideThemeName) ?? .slides
                    slideFiles = try FigureWriter.write(result.figures.map { named in
                        let figure = named.figure.forSlide(theme: slideTheme, claims: !cellPlan.claims.isEmpty)
                        return (name: "\(named.name).\(options.slideThemeName)", figure: figure,
                                scale: Figure.scale(forWidth: figure.width))
                    }, formats: options.wantedSlideFormats, into: staging, jobs: options.jobs)
                }
            } catch let failure as FigureWriter.Failure {
                let named = result.figures[failure.figure]
                throw NotebookError(file: lesson.path, line: cellPlan.cell.line, key: "\(cellPlan.id).\(named.name)",
                                    message: failure.format.map { "cannot draw the figure as \($0): \(failure)" }
                                        ?? "cannot lay the figure out: \(failure)")
            }
            for ((named, files), slides) in zip(zip(result.figures, files), slideFiles) {
                // The plotted data beside the drawings, so a reader can check any point.
                let csv = "\(named.name).csv"
                try FileBytes.write(Data(named.figure.dataCSV.utf8), to: staging.appendingPathComponent(csv))
                figures.append(FigureRecord(name: named.name, caption: named.caption,
                                            title: named.figure.title ?? named.caption,
                                            alt: named.figure.altText, files: files + [csv] + slides))
            }
            for named in result.animations {
                do {
                    let files = try named.animation.render().write(into: staging, base: named.name)
                    let labels = named.animation.labels
                    var alt = "An animation of \(labels.count) frames, \(labels.first ?? "") to \(labels.last ?? "")."
                    if let last = named.animation.frames.last { alt += " The last frame: " + last.altText }
                    figures.append(FigureRecord(name: named.name, caption: named.caption,
                                                title: named.animation.title ?? named.caption, alt: alt, files: files,
                                                frames: named.animation.frames.count))
                } catch {
                    throw NotebookError(file: lesson.path, line: cellPlan.cell.line, key: "\(cellPlan.id).\(named.name)",
                                        message: "cannot draw the animation: \(error)")
                }
            }
            let computeSeconds = ((computed.seconds + Date().timeIntervalSince(drawingStart)) * 1000).rounded() / 1000
            let stored = CellCache.Stored(metrics: result.metrics, series: result.series, tables: result.tables,
                                          notes: result.notes, samples: result.samples.isEmpty ? nil : result.samples,
                                          figures: figures, computeSeconds: computeSeconds)
            var folder = staging
            if (try? cache.commit(stored, staging: staging, key: key)) != nil { folder = cache.entry(key) }
            return (CellOutput(plan: cellPlan, stored: stored, figureFolder: folder, cacheKey: key,
                               cache: options.useCache ? "miss" : "off",
                               seconds: Date().timeIntervalSince(cellStart), computeSeconds: computeSeconds), computed)
        }
    }

    /// Runs a cell's kind (its trials through the trial cache) and times it.
    func computeCell(_ cellPlan: CellPlan, lesson: Lesson) throws -> ComputedCell {
        let start = Date()
        // Each cell keeps its finished trials under the cache folder, so an interrupted
        // sweep resumes; --no-cache reruns them too.
        let trials = TrialCache(directory: options.useCache ? trialDirectory(lesson: lesson, cell: cellPlan) : nil,
                                sharedDirectory: sharedTrialDirectory(lesson: lesson),
                                selection: options.trialSelection, code: options.buildIdentity)
        let context = ExperimentContext(seed: cellPlan.seed, jobs: options.jobs, quick: options.quick,
                                        progress: progress.cellProgress, trials: trials,
                                        lessonDirectory: URL(fileURLWithPath: lesson.path).deletingLastPathComponent().path,
                                        inputDigests: cellPlan.inputDigestsByPath)
        let result: CellResult
        do {
            result = try cellPlan.experiment.run(cellPlan.config, context: context)
        } catch let error as NotebookError {
            throw error
        } catch is TrialCache.Skipped {
            let counts = trials.tally.counts
            throw NotebookError(file: lesson.path, line: cellPlan.cell.line, key: cellPlan.id, message:
                "\(counts.skipped) of the \(counts.skipped + counts.hits) trials of this sweep are not in the cache (\(options.cacheDirectory.relativePath)), and this render computes none; expected every trial cached. Compute the missing ones with `lessonbook render \(lesson.name) --shard I/N` for every shard I (or submit the lesson again), then render again")
        } catch {
            throw NotebookError(file: lesson.path, line: cellPlan.cell.line, key: cellPlan.id,
                                message: "the experiment `\(cellPlan.experiment.kind)` failed: \(error)")
        }
        // Trials served from the trial cache cost only their loading here; their recorded
        // times, spread over the jobs that would have run them, stand for their compute.
        let served = trials.tally.counts.servedSeconds / Double(max(1, options.jobs))
        return ComputedCell(result: result, seconds: Date().timeIntervalSince(start) + served)
    }

    /// The folder of one cell's trial cache: `<cache>/trials/<lesson>/<cell>/`.
    func trialDirectory(lesson: Lesson, cell: CellPlan) -> URL {
        options.cacheDirectory.appendingPathComponent("trials")
            .appendingPathComponent(lesson.name).appendingPathComponent(cell.id)
    }

    /// The folder of a lesson's shared trials (keyed by the trial's whole setup, see
    /// `TrialCache.value(sharedBy:version:trial:)`), one for all its cells and exercises, so
    /// a run that two cells, or a cell and an exercise's changed run, have in common is
    /// trained once: `<cache>/trials/<lesson>/shared-trials/` (a cell id has no hyphen). With
    /// `--no-cache` a scratch folder that lives only while the lesson renders (every trial
    /// is still computed afresh).
    func sharedTrialDirectory(lesson: Lesson) -> URL {
        guard options.useCache else {
            return scratchTrials.deletingLastPathComponent()
                .appendingPathComponent("\(scratchTrials.lastPathComponent)-\(lesson.name)")
        }
        return options.cacheDirectory.appendingPathComponent("trials").appendingPathComponent(lesson.name)
            .appendingPathComponent("shared-trials")
    }

    func cellRun(_ output: CellOutput) -> CellRun {
        CellRun(id: output.plan.id, kind: output.plan.experiment.kind, version: output.plan.experiment.version,
                seed: output.plan.seed, cacheKey: output.cacheKey, cache: output.cache,
                seconds: (output.seconds * 1000).rounded() / 1000, computeSeconds: output.computeSeconds,
                data: "data/\(output.plan.id).json", claims: output.claims, adaptiveSeeds: output.plan.adaptiveSeeds,
                seeds: output.seedCount)
    }

    /// Every name in `show:` must be a figure or table the run produced.
    func checkShown(_ outputs: [CellOutput], lesson: Lesson) throws {
        for output in outputs {
            guard let show = output.plan.cell.show else { continue }
            let produced = output.stored.figures.map(\.name) + output.stored.tables.keys.sorted()
            for (offset, name) in show.enumerated() where !produced.contains(name) {
                throw NotebookError(file: lesson.path, line: output.plan.cell.line(of: "show.\(offset)"),
                                    key: "\(output.plan.id).show", message:
                    "this run of `\(output.plan.experiment.kind)` produced no figure or table `\(name)`; expected one of: \(produced.joined(separator: ", "))")
            }
        }
    }

    /// The prose blocks with every `{{cell.metric}}` replaced, by block index.
    func fillReferences(_ plan: LessonPlan, outputs: [CellOutput]) throws -> [Int: String] {
        var filled: [Int: String] = [:]
        for (index, block) in plan.lesson.blocks.enumerated() {
            guard case .prose(let text, _) = block else { continue }
            var result = ""
            var position = text.startIndex
            for reference in plan.references[index] ?? [] {
                guard let output = outputs.first(where: { $0.plan.id == reference.cell }) else { continue }
                let metrics = output.metrics
                guard let value = metrics[reference.metric] else {
                    let known = metrics.keys.sorted()
                    var message = "cell `\(reference.cell)` has no metric `\(reference.metric)`"
                    if let near = Suggestion.nearest(to: reference.metric, among: known) { message += "; did you mean `\(near)`?" }
                    message += (message.hasSuffix("?") ? "" : ".") + " Expected one of: \(known.joined(separator: ", "))"
                    throw NotebookError(file: plan.lesson.path, line: reference.line, key: reference.text, message: message)
                }
                result += text[position..<reference.range.lowerBound]
                result += reference.format.format(value)
                position = reference.range.upperBound
            }
            filled[index] = result + text[position...]
        }
        return filled
    }

    /// Writes report, figures, data and manifest into `build`.
    func writeRun(into build: URL, plan: LessonPlan, outputs: [CellOutput], exercises: [ExerciseOutput],
                  filled: [Int: String], manifest: RunManifest) throws {
        let manager = FileManager.default
        let figuresFolder = build.appendingPathComponent("figures")
        let dataFolder = build.appendingPathComponent("data")
        try manager.createDirectory(at: figuresFolder, withIntermediateDirectories: true)
        try manager.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        var records: [String: CellRecord] = [:]
        for output in outputs {
            let id = output.plan.id
            var figures: [FigureRecord] = []
            // Only the figures the cell shows are copied: the cache keeps the rest.
            let shown = output.plan.cell.show
            for figure in output.stored.figures where shown?.contains(figure.name) ?? true {
                var files: [String] = []
                for file in figure.files {
                    // What follows the name: `.png`, `.svg`, or an animation's `.frames.json`.
                    let suffix = file.hasPrefix(figure.name + ".") ? String(file.dropFirst(figure.name.count))
                                                                   : "." + (file as NSString).pathExtension
                    // Slide figures (`.slides.png`) are no part of the report; slides and
                    // figure packs take them from the cache entry.
                    if let theme = SlideDeck.slideTheme(ofSuffix: suffix) {
                        if options.keepSlideFigures && theme == options.slideThemeName {
                            let target = "slides/\(id)-\(figure.name)." + (file as NSString).pathExtension
                            try manager.createDirectory(at: build.appendingPathComponent("slides"), withIntermediateDirectories: true)
                            try manager.copyItem(at: output.figureFolder.appendingPathComponent(file),
                                                 to: build.appendingPathComponent(target))
                        }
                        continue
                    }
                    let target = (suffix == ".csv" ? "data/" : "figures/") + "\(id)-\(figure.name)\(suffix)"
                    try manager.copyItem(at: output.figureFolder.appendingPathComponent(file),
                                         to: build.appendingPathComponent(target))
                    files.append(target)
                }
                var alt = figure.altText
                if let sentence = output.plan.cell.alt[figure.name] { alt += " " + sentence }
                figures.append(FigureRecord(name: figure.name, caption: figure.caption, title: figure.title, alt: alt,
                                            files: files, frames: figure.frames))
            }
            for (name, table) in output.stored.tables {
                try Data(ReportWriter.csv(table).utf8).write(to: dataFolder.appendingPathComponent("\(id)-\(name).csv"))
            }
            let record = CellRecord(cell: id, kind: output.plan.experiment.kind, version: output.plan.experiment.version,
                                    seed: output.plan.seed, config: output.plan.config, metrics: output.stored.metrics,
                                    series: output.stored.series, tables: output.stored.tables, figures: figures,
                                    notes: output.stored.notes, claims: output.claims, samples: output.stored.samples,
                                    adaptiveSeeds: output.plan.adaptiveSeeds)
            try CanonicalJSON.encode(record).write(to: dataFolder.appendingPathComponent("\(id).json"))
            records[id] = record
        }
        var exerciseRecords: [String: ExerciseRecord] = [:]
        for exercise in exercises {
            let record = exerciseRecord(exercise)
            try CanonicalJSON.encode(record.data).write(to: dataFolder.appendingPathComponent("\(exercise.plan.id).json"))
            exerciseRecords[exercise.plan.id] = record
        }
        let report = ReportWriter(plan: plan, records: records, filled: filled, manifest: manifest,
                                  exercises: exerciseRecords, edition: options.edition).markdown()
        if options.reports.contains("md") {
            try Data(report.utf8).write(to: build.appendingPathComponent("report.md"))
        }
        if options.reports.contains("html") {
            try HTMLReport(markdown: report, folder: build, title: plan.lesson.title, math: plan.math).data()
                .write(to: build.appendingPathComponent("report.html"))
        }
        if options.reports.contains("slides") {
            let deck = SlideDeck(plan: plan, records: records, filled: filled, manifest: manifest,
                                 themeName: options.slideThemeName) { cell, figure in
                guard let output = outputs.first(where: { $0.plan.id == cell }),
                      let stored = output.stored.figures.first(where: { $0.name == figure }),
                      let file = stored.files.first(where: { $0 == "\(figure).\(options.slideThemeName).png" }) else { return nil }
                return output.figureFolder.appendingPathComponent(file)
            }
            try deck.pdfData().write(to: build.appendingPathComponent("slides.pdf"))
            try Data(try deck.html().utf8).write(to: build.appendingPathComponent("slides.html"))
        }
        try CanonicalJSON.encode(manifest).write(to: build.appendingPathComponent("run.json"))
    }
}
