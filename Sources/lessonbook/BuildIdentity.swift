import Foundation

/// A fingerprint of this executable: FNV-1a (64 bits) over its bytes. Cell cache keys
/// include it, so after a rebuild cached cells are recomputed and their figures redrawn by
/// the new code rather than served as drawn by the old one. Not a security hash: it only
/// has to change when the program does.
enum BuildIdentity {
    static let current: String = {
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? "/proc/self/exe" : CommandLine.arguments[0]
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }()
}
