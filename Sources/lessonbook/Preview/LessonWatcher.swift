import Foundation
import Notebook
import ServiceLifecycle

/// Watches the previewed lesson files and re-renders one when its bytes change. It polls
/// (every 150 ms) rather than asking the kernel, because editors save by writing a new
/// file and renaming it over the old one, which ends a watch on the old file. On Ctrl-C
/// it closes the event streams first, so the server can stop without waiting for pages.
///
/// A change is rendered only once the file has settled: an editor that writes in place
/// truncates the file before it writes the new bytes, and a poll between the two would
/// otherwise render an empty or half-written lesson and show its error for a moment.
struct LessonWatcher: Service {
    let session: PreviewSession

    /// How long a changed file must stay the same before it is rendered.
    private let settleNanoseconds: UInt64 = 60_000_000

    func run() async throws {
        var contents = session.entries.map { FileBytes.read($0.url) }
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 150_000_000)
                for (index, entry) in session.entries.enumerated() {
                    guard let now = FileBytes.read(entry.url), now != contents[index] else { continue }
                    try? await Task.sleep(nanoseconds: settleNanoseconds)
                    guard let settled = FileBytes.read(entry.url), settled == now else { continue }
                    contents[index] = now
                    await session.render(entry)
                }
            }
        } onGracefulShutdown: {
            session.events.closeAll()
        }
    }
}
