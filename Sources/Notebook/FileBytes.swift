import Foundation

/// Reads whole files: the one way the project reads a file's bytes. It uses open(2) and
/// read(2) into memory it owns, because Foundation's `FileManager.contents(atPath:)` and
/// `Data(contentsOf:)` leak a 4 KB buffer on an empty file with this toolchain (the
/// `FuzzRunFolder` fuzzer found it on an empty `run.json`), and a long preview session
/// reads files many times over.
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
}
