import Foundation

/// The server-sent events channel of a preview: every open page subscribes, and each
/// render sends `progress` (a running cell), `reload` (a new report is in place) or
/// `failed` (the lesson is broken: the message names file, line and key). The last
/// `failed` or `ready` state is replayed to a page that connects later, so a page opened
/// on a broken lesson shows the error at once.
final class PreviewEvents: @unchecked Sendable {
    /// Guards `clients`, `state` and `closed` together: a page that subscribes while an
    /// event goes out must get either that event or the replayed state, never neither. A
    /// lock rather than an actor because the stream's termination handler is synchronous.
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private var state = ""
    private var closed = false

    /// A stream of encoded events for one page; it ends when the preview stops.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        let finished: Bool = lock.withLock {
            if closed { return true }
            clients[id] = continuation
            if !state.isEmpty { continuation.yield(state) }
            return false
        }
        if finished { continuation.finish() }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.clients.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends `event` with a JSON `payload` to every page; a `sticky` event is also kept for
    /// pages that connect later.
    func send(_ event: String, _ payload: [String: Any], sticky: Bool = false) {
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data("{}".utf8)
        let text = "event: \(event)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
        lock.withLock {
            if sticky { state = text }
            for client in clients.values { client.yield(text) }
        }
    }

    /// Ends every stream, so open pages let the server shut down.
    func closeAll() {
        let open: [AsyncStream<String>.Continuation] = lock.withLock {
            closed = true
            let all = Array(clients.values)
            clients = [:]
            return all
        }
        for client in open { client.finish() }
    }
}
