import Foundation

/// Pixel memory for image surfaces, kept for reuse. A fresh 800 × 600 surface is 1.9 MB
/// that the kernel has to map and clear page by page the first time it is touched; a
/// buffer taken back from the pool is already mapped and only needs zeroing, which is
/// several times cheaper. A render draws many figures of the same few sizes, so a handful
/// of buffers serves them all. Thread-safe: figures are drawn on several threads at once.
final class PixelBufferPool: @unchecked Sendable {
    static let shared = PixelBufferPool()

    /// At most this many idle buffers are kept; more are freed.
    let capacity = 8
    private let lock = NSLock()
    private var idle: [(bytes: Int, pointer: UnsafeMutableRawPointer)] = []

    /// A zeroed buffer of `bytes` bytes, 64-byte aligned; give it back with `recycle`.
    func take(bytes: Int) -> UnsafeMutableRawPointer {
        lock.lock()
        let index = idle.firstIndex { $0.bytes == bytes }
        let reused = index.map { idle.remove(at: $0).pointer }
        lock.unlock()
        let pointer = reused ?? UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return pointer
    }

    /// Returns a buffer from `take` (of the size it was taken with) to the pool.
    func recycle(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        lock.lock()
        if idle.count < capacity {
            idle.append((bytes, pointer))
            lock.unlock()
        } else {
            lock.unlock()
            pointer.deallocate()
        }
    }
}
