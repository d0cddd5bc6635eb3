import Foundation

/// `lessonbook compare LESSON --variant ...`: renders one lesson once per variant (each
/// through the cell cache, like any render) and compares the runs. Every variant is checked
/// against the lesson before anything runs, so a typo costs no training time and writes
/// nothing.
///
///     let lesson = try LessonParser.parse(contentsOf: url, path: "lessons/02-spiral-untangling.md")
///     let variants = try ["narrow:spiral.hidden=[2,2]", "wide:spiral.hidden=[8,8]"].map(Variant.init)
///     let job = try VariantComparison(lesson: lesson, variants: variants, renderer: renderer)
///     let comparison = try job.write(to: URL(fileURLWithPath: "output/compare/spiral-narrow--wide"))
public struct VariantComparison: Sendable {
    /// The lesson every variant renders.
    public var lesson: Lesson
    /// The variants, in order: the first is the baseline the others are compared with.
    public var variants: [Variant]
    /// Renders the variants; its options' overrides apply to every variant, before the
    /// variant's own. Its output root is not used: runs go into the comparison folder.
    public var renderer: LessonRenderer
    /// The checked plan of each variant, in order.
    public var plans: [LessonPlan]

    /// Checks the variants: two or more, distinct names, every cell and parameter known
    /// and every value valid.
    public init(lesson: Lesson, variants: [Variant], renderer: LessonRenderer) throws {
        self.lesson = lesson
        self.variants = variants
        self.renderer = renderer
        guard variants.count >= 2 else {
            throw NotebookError(file: lesson.path, key: "--variant", message:
                "a comparison needs at least two variants, found \(variants.count); expected two or more --variant NAME:CELL.PARAM=VALUE options (a bare NAME is the lesson as written)")
        }
        var names: Set<String> = []
        for variant in variants where !names.insert(variant.name).inserted {
            throw NotebookError(file: "--variant \(variant.text)", message: "a second variant named `\(variant.name)`; expected a different name for each variant")
        }
        let ids = lesson.cells.map(\.id)
        var plans: [LessonPlan] = []
        for variant in variants {
            for override in variant.overrides where !ids.contains(override.cell) {
                let message = Suggestion.message("no cell `\(override.cell)` in \(lesson.path)", name: override.cell, among: ids)
                throw NotebookError(file: "--variant \(variant.text)", key: override.text, message: message)
            }
            let planner = LessonPlanner(catalogue: renderer.catalogue, quick: renderer.options.quick,
                                        overrides: renderer.options.overrides + variant.overrides, strictOverrides: true)
            do {
                plans.append(try planner.plan(lesson))
            } catch let error as NotebookError {
                // The planner speaks of --set; say which variant the override came from.
                var error = error
                for override in variant.overrides {
                    error.message = error.message.replacingOccurrences(of: "(from --set \(override.text))", with: "(from --variant \(variant.text))")
                }
                throw error
            }
        }
        self.plans = plans
    }

    /// Renders every variant into `<folder>/runs/<variant>/`, compares them (the first
    /// variant is the baseline) and writes the report, all atomically: on any error the
    /// previous folder stays whole. `shownFolder` is how messages and the report name it.
    @discardableResult
    public func write(to folder: URL, shownFolder: String? = nil) throws -> Comparison {
        let shown = shownFolder ?? folder.path
        var result: Comparison? = nil
        try OutputFolder.replace(folder) { build in
            let manager = FileManager.default
            let runsFolder = build.appendingPathComponent("runs")
            try manager.createDirectory(at: runsFolder, withIntermediateDirectories: true)
            var runs: [ComparedRun] = []
            for (variant, plan) in zip(variants, plans) {
                var options = renderer.options
                let scratch = build.appendingPathComponent(".render-\(variant.name)")
                options.outputRoot = scratch
                options.overrides = renderer.options.overrides + variant.overrides
                // Progress names the variant with the lesson: `width-vs-depth [wide]`.
                let base = renderer.progress
                let name = variant.name
                let progress = RenderProgress(
                    cellStarted: { lesson, cell, index, count in base.cellStarted("\(lesson) [\(name)]", cell, index, count) },
                    cellProgress: base.cellProgress,
                    cellFinished: { lesson, run in base.cellFinished("\(lesson) [\(name)]", run) })
                let variantRenderer = LessonRenderer(catalogue: renderer.catalogue, options: options, progress: progress)
                let outcome = try variantRenderer.render(plan)
                let target = runsFolder.appendingPathComponent(variant.name)
                try manager.moveItem(at: outcome.folder, to: target)
                try? manager.removeItem(at: scratch)
                runs.append(try ComparedRun(contentsOf: target, path: ComparedRun.join(shown, "runs/\(variant.name)"),
                                            label: variant.name, pathInReport: "runs/\(variant.name)"))
            }
            let comparison = try Comparison(runs: runs)
            try comparison.writeContents(into: build, shownFolder: shown, reports: renderer.options.reports)
            result = comparison
        }
        return result!
    }
}
