import Foundation
import Synchronization

/// Pixel memory for image surfaces, kept for reuse. A fresh 800 × 600 surface is 1.9 MB
/// that the kernel has to map and clear page by page the first time it is touched; a
/// buffer taken back from the pool is already mapped and only needs zeroing, which is
/// several times cheaper. A render draws many figures of the same few sizes, so a handful
/// of buffers serves them all. Thread-safe: figures are drawn on several threads at once.
final class PixelBufferPool: Sendable {
    static let shared = PixelBufferPool()

    /// At most this many idle buffers are kept; more are freed.
    let capacity = 8
    /// The idle buffers: their sizes and addresses. An address is kept as a number so the
    /// list is a plain `Sendable` value; only `take` turns it back into a pointer, after
    /// the buffer has left the list.
    private let idle = Mutex<[(bytes: Int, address: UInt)]>([])

    /// A zeroed buffer of `bytes` bytes, 64-byte aligned; give it back with `recycle`.
    func take(bytes: Int) -> UnsafeMutableRawPointer {
        let reused = idle.withLock { idle in idle.firstIndex { $0.bytes == bytes }.map { idle.remove(at: $0).address } }
        let pointer = reused.flatMap(UnsafeMutableRawPointer.init(bitPattern:))
            ?? UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return pointer
    }

    /// Returns a buffer from `take` (of the size it was taken with) to the pool.
    func recycle(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        let kept = idle.withLock { idle in
            guard idle.count < capacity else { return false }
            idle.append((bytes, UInt(bitPattern: pointer)))
            return true
        }
        if !kept { pointer.deallocate() }
    }
}
