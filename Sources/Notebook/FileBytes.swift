import Foundation

/// Reads whole files: the one way the project reads a file's bytes. It uses open(2) and
/// read(2) into memory it owns, because Foundation's `FileManager.contents(atPath:)` and
/// `Data(contentsOf:)` leak a 4 KB buffer on an empty file with this toolchain (the
/// `FuzzRunFolder` fuzzer found it on an empty `run.json`), and a long preview session
/// reads files many times over.
///
/// It also writes figure files (`write`): Foundation's `Data.write(to:)` calls fsync(2) on
/// every file, about 1 ms each here, which was an eighth of W4's time. A figure goes into
/// a staging folder that only replaces the report once everything is written, so a
/// figure needs no durability of its own.
public enum FileBytes {
    /// The bytes of the file at `path`, or nil when it does not exist, is a folder or
    /// cannot be read.
    public static func read(atPath path: String) -> Data? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        var data = Data(capacity: max(Int(info.st_size), 0))
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = Foundation.read(fd, buffer, chunk)
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { return data }
            data.append(buffer.assumingMemoryBound(to: UInt8.self), count: got)
        }
    }

    /// The same for a file URL.
    public static func read(_ url: URL) -> Data? { read(atPath: url.path) }

    /// Creates or replaces the file at `url` with `data` (open, write, close; no fsync).
    /// Throws the system's reason, e.g. "No such file or directory", when it cannot.
    public static func write(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure(code: errno) }
        var failure: Int32?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var done = 0
            while done < bytes.count {
                let wrote = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if wrote < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += wrote
            }
        }
        if close(fd) != 0, failure == nil { failure = errno }
        if let failure { throw WriteFailure(code: failure) }
    }

    /// Why a write failed: the system's own words for `errno`.
    public struct WriteFailure: Error, CustomStringConvertible {
        /// The `errno` value the failing call left.
        public var code: Int32
        /// The system's message for `code` (`strerror`), such as "No space left on device".
        public var description: String { String(cString: strerror(code)) }
    }
}
