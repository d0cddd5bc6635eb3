import ArgumentParser
import Foundation
import Notebook
#if canImport(Glibc)
import Glibc
#endif

/// Progress on standard error: a live status line when stderr is a terminal (cell, the
/// experiment's own status, percentage, time left), otherwise one line per finished cell.
final class ProgressDisplay: @unchecked Sendable {
    /// Guards `label`, `cellStart` and `lastDraw` and keeps the lines written to standard
    /// error whole: the callbacks come from the parallel trials' threads, and drawing
    /// must happen under the same lock as the update it shows.
    private let lock = NSLock()
    private let live: Bool
    private let quiet: Bool
    private var label = ""
    private var cellStart = Date()
    private var lastDraw = Date.distantPast

    init(quiet: Bool) {
        self.quiet = quiet
        live = isatty(2) != 0
    }

    /// The callbacks to give the renderer.
    var callbacks: RenderProgress {
        RenderProgress(
            cellStarted: { [self] lesson, cell, index, count in
                lock.withLock {
                    label = "\(lesson) · cell \(index + 1)/\(count) `\(cell)`"
                    cellStart = Date()
                    draw("\(label): starting", force: true)
                }
            },
            cellProgress: { [self] status, fraction in
                lock.withLock {
                    let elapsed = Date().timeIntervalSince(cellStart)
                    var text = "\(label): \(status)"
                    if fraction > 0, fraction <= 1 {
                        text += String(format: " · %.0f%%", fraction * 100)
                        if fraction > 0.02, elapsed > 1 {
                            text += " · " + Self.duration(elapsed * (1 - fraction) / fraction) + " left"
                        }
                    }
                    draw(text, force: false)
                }
            },
            cellFinished: { [self] lesson, run in
                lock.withLock {
                    let outcome = run.cache == "hit" ? "from cache" : run.cache == "off" ? "rerun (no cache)" : "ran"
                    let failed = run.claims.filter { $0.verdict == .fails }.count
                    let undecided = run.claims.filter { $0.verdict == .undecided }.count
                    var claims = run.claims.isEmpty ? "" : failed + undecided == 0 ? " · claims ✓" : ""
                    if failed > 0 { claims += " · \(failed) claim(s) ✗" }
                    if undecided > 0 { claims += " · \(undecided) claim(s) undecided" }
                    if let seeds = run.seeds { claims += " · \(seeds) seeds" }
                    finish("\(lesson): cell `\(run.id)` (\(run.kind)) \(outcome) [cache \(run.cache)] in \(Self.duration(run.seconds))\(claims)")
                }
            })
    }

    /// Runs a command's work: an error other than an exit status clears the progress
    /// line, is printed on stderr and becomes exit status 1.
    func exitingOnError(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            clear()
            printError("\(error)")
            throw ExitStatus.error
        }
    }

    /// Clears the live line (before printing something else).
    func clear() {
        lock.withLock {
            if live && !quiet { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    private func draw(_ text: String, force: Bool) {
        guard live, !quiet else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        var line = text
        if let columns = Self.terminalColumns, line.count > columns - 1 { line = String(line.prefix(columns - 2)) + "…" }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    private func finish(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data(((live ? "\r\u{1B}[K" : "") + text + "\n").utf8))
    }

    static var terminalColumns: Int? {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let minutes = Int(seconds) / 60
        return "\(minutes) min \(Int(seconds) % 60) s"
    }
}
