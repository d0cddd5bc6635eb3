import Foundation
import Notebook

/// A fingerprint of this executable: the SHA-256 of its bytes. Cell cache keys include
/// it, so after a rebuild cached cells are recomputed and their figures redrawn by the
/// new code rather than served as drawn by the old one.
enum BuildIdentity {
    static let current: String = {
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? "/proc/self/exe" : CommandLine.arguments[0]
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return SHA256.hex(of: [UInt8](data))
    }()
}
