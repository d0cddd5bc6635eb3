import Foundation

/// Cache files that cannot be served half-written or damaged: the first line holds the
/// SHA-256 of the rest (`lessonbook-sha256 <64 hex digits>`), checked on every read, and
/// writes go to a temporary file beside the target that is renamed into place, so readers
/// see the old entry or the new one, never a mix, however many processes write at once.
enum ChecksummedFile {
    static let header = "lessonbook-sha256 "

    /// What reading an entry found.
    enum Contents: Equatable {
        case missing
        /// The file exists but its checksum line is absent or does not match its payload.
        case damaged
        case intact(Data)
    }

    /// Reads `url` and checks its checksum.
    static func read(_ url: URL) -> Contents {
        guard let data = FileBytes.read(atPath: url.path) else {
            return FileManager.default.fileExists(atPath: url.path) ? .damaged : .missing
        }
        let bytes = [UInt8](data)
        let headerBytes = Array(header.utf8)
        let lineLength = headerBytes.count + 64
        guard bytes.count > lineLength, bytes.starts(with: headerBytes), bytes[lineLength] == 0x0A else {
            return .damaged
        }
        let stated = String(decoding: bytes[headerBytes.count..<lineLength], as: UTF8.self)
        let payload = Array(bytes[(lineLength + 1)...])
        guard stated == SHA256.hex(of: payload) else { return .damaged }
        return .intact(Data(payload))
    }

    /// The bytes written for `payload`: the checksum line, then the payload.
    static func encode(_ payload: Data) -> Data {
        Data((header + SHA256.hex(of: [UInt8](payload)) + "\n").utf8) + payload
    }

    /// Writes `payload` with its checksum to `url` through a temporary file and a rename,
    /// creating the folder if needed.
    static func write(_ payload: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try encode(payload).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
