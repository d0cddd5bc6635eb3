import Foundation
import Notebook
import Tensor

/// A fingerprint of this executable (the SHA-256 of its bytes) and of the BLAS kernels it
/// runs on. Cell and trial cache keys include it, so after a rebuild cached cells are recomputed and their figures redrawn by
/// the new code rather than served as drawn by the old one.
///
/// Hashing the executable (tens of megabytes) took about 0.4 s, half of a render served
/// from the cache, so the digest is remembered in the cache folder (`build-identity`)
/// and in the user's cache directory (`~/.cache/lessonbook/build-identity`, so that a
/// render into a new cache folder does not hash again) beside the file's path, inode,
/// size and modification time, and taken again only when one of those changes: a
/// rebuild or a copy always changes at least the inode or time.
enum BuildIdentity {
    /// The fingerprint: the digest, remembered under `cache` (nothing is remembered when
    /// the folder cannot be written; the digest is then taken on every run), and the
    /// OpenBLAS kernel set (`BLASKernels`), since another set sums in another order and
    /// gives other last digits: a trial computed on one is never served to the other.
    static func current(cache: URL) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known { return known }
        let value = remembered(cache: cache) + " openblas:" + BLASKernels.coreName
        known = value
        return value
    }

    nonisolated(unsafe) private static var known: String?
    private static let lock = NSLock()

    private static func remembered(cache: URL) -> String {
        let link = "/proc/self/exe"
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let inode = attributes[.systemFileNumber], let size = attributes[.size],
              let modified = attributes[.modificationDate] as? Date else {
            return digest(of: path)
        }
        let stamp = "\(path)\t\(inode)\t\(size)\t\(modified.timeIntervalSince1970)"
        let folders = [cache] + (FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask).first
            .map { [$0.appendingPathComponent("lessonbook")] } ?? [])
        func write(_ value: String, into folders: ArraySlice<URL>) {
            for folder in folders {
                try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try? Data("\(stamp)\n\(value)\n".utf8).write(to: folder.appendingPathComponent("build-identity"),
                                                              options: .atomic)
            }
        }
        for (i, folder) in folders.enumerated() {
            let memo = folder.appendingPathComponent("build-identity")
            guard let text = try? String(contentsOf: memo, encoding: .utf8) else { continue }
            let fields = text.split(separator: "\n", omittingEmptySubsequences: false)
            if fields.count >= 2, fields[0] == stamp, fields[1].count == 64 {
                write(String(fields[1]), into: folders[..<i])
                return String(fields[1])
            }
        }
        let value = digest(of: path)
        guard !value.isEmpty else { return value }
        write(value, into: folders[...])
        return value
    }

    private static func digest(of path: String) -> String {
        guard let data = FileBytes.read(atPath: path) else { return "" }
        return SHA256.hex(of: [UInt8](data))
    }
}
