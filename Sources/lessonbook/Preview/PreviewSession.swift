import Experiments
import Foundation
import Notebook

/// The lessons a preview watches and how it renders them: one render at a time, through
/// the cache (so a prose edit reruns no cell), each outcome announced to the open pages
/// as `reload` or `failed`, and a running cell's progress as `progress` events.
final class PreviewSession: @unchecked Sendable {
    let entries: [LessonSelection.Entry]
    let options: RenderOptions
    let events: PreviewEvents
    /// Runs one render at a time: renders block and must not hold a cooperative thread.
    private let queue = DispatchQueue(label: "lessonbook.preview.render")
    /// Guards `cell` and `lastProgress`, which the parallel trials' progress callbacks
    /// update while the render queue runs.
    private let lock = NSLock()
    private var cell = (id: "", index: 0, count: 0)
    private var lastProgress = Date.distantPast

    init(entries: [LessonSelection.Entry], options: RenderOptions, events: PreviewEvents) {
        self.entries = entries
        self.options = options
        self.events = events
    }

    /// Renders `entry` off the cooperative threads; true when a report was written.
    @discardableResult
    func render(_ entry: LessonSelection.Entry) async -> Bool {
        await perform { self.renderNow(entry) }
    }

    /// Runs `body` on the render queue, after any render in progress (renders block).
    func perform<T>(_ body: @escaping () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    private func renderNow(_ entry: LessonSelection.Entry) -> Bool {
        let started = Date()
        let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options, progress: progress)
        do {
            let lesson = try LessonParser.parse(contentsOf: entry.url, path: entry.path)
            let outcome = try renderer.render(try renderer.planner(strictOverrides: true).plan(lesson))
            let manifest = outcome.manifest
            let hits = manifest.cells.filter { $0.cache == "hit" }.count
            let seconds = Date().timeIntervalSince(started)
            let mark = !outcome.failedClaims.isEmpty ? "✗" : !outcome.undecidedClaims.isEmpty ? "?" : "✓"
            let undecided = manifest.claims.undecided > 0 ? ", \(manifest.claims.undecided) undecided" : ""
            Self.say("\(mark) \(manifest.lesson) rendered in \(String(format: "%.2f", seconds)) s · \(manifest.cells.count) cells (\(hits) from cache) · claims \(manifest.claims.passed)/\(manifest.claims.total) hold\(undecided)")
            for claim in outcome.failedClaims {
                printError("\(lesson.path):\(claim.line): claim failed: \(claim.claim) (\(claim.values))")
            }
            for claim in outcome.undecidedClaims {
                printError("warning: \(lesson.path):\(claim.line): claim undecided: \(claim.claim) (\(claim.values); \(claim.intervalText))")
            }
            events.send("reload", ["lesson": manifest.lesson, "seconds": seconds])
            events.send("ready", ["lesson": manifest.lesson], sticky: true)
            return true
        } catch {
            printError("\(error)")
            events.send("failed", ["lesson": entry.name, "message": "\(error)"], sticky: true)
            return false
        }
    }

    /// Progress callbacks that forward to the pages, at most ten updates a second.
    private var progress: RenderProgress {
        RenderProgress(
            cellStarted: { [self] _, id, index, count in
                lock.withLock { cell = (id, index, count) }
                events.send("progress", ["cell": id, "index": index, "count": count, "fraction": 0, "status": ""])
            },
            cellProgress: { [self] status, fraction in
                let current: (id: String, index: Int, count: Int)? = lock.withLock {
                    let now = Date()
                    guard now.timeIntervalSince(lastProgress) >= 0.1 else { return nil }
                    lastProgress = now
                    return cell
                }
                guard let current else { return }
                events.send("progress", ["cell": current.id, "index": current.index, "count": current.count,
                                         "fraction": fraction.isFinite ? fraction : 0, "status": status])
            })
    }

    /// A line on standard output, written at once (stdout may be a pipe).
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
